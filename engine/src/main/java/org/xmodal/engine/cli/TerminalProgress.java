package org.xmodal.engine.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.xmodal.engine.task.ProgressListener;

/**
 * A one-line progress bar on stderr, redrawn at most every 100 ms. On a terminal it redraws in place; when
 * stderr is a file or pipe it prints a line per 10 % so logs stay readable.
 */
public final class TerminalProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final String label;
    private final PrintStream out;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    public TerminalProgress(String label) {
        this(label, System.err, System.console() != null);
    }

    TerminalProgress(String label, PrintStream out, boolean interactive) {
        this.label = label;
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void progress(String message, double fraction) {
        long now = System.nanoTime();
        boolean finished = fraction >= 1.0;
        if (interactive) {
            if (!finished && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            out.print("\r" + line(message, fraction, now) + (finished ? "\n" : ""));
            out.flush();
        } else {
            int decile = (int) Math.floor(Math.max(0, fraction) * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(message, fraction, now));
            }
        }
    }

    private String line(String message, double fraction, long now) {
        double seconds = (now - started) / 1e9;
        if (fraction < 0) {
            return String.format(Locale.ROOT, "%s: %s (%.0f s)", label, message, seconds);
        }
        int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
        String eta = fraction > 0.02 && fraction < 1 ? String.format(Locale.ROOT, ", ETA %.0f s",
                seconds * (1 - fraction) / fraction) : "";
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s (%.1f s%s)", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * Math.min(1, fraction), message, seconds, eta);
    }
}
