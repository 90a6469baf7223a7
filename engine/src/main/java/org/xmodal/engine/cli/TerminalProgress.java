package org.xmodal.engine.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.xmodal.engine.task.ProgressListener;

/**
 * Progress of long commands on stderr: a bar redrawn in place on a terminal (at most ten times a second, with
 * elapsed time and ETA), or one line per tenth of the work when stderr is a file or a pipe, so logs stay readable.
 */
public final class TerminalProgress implements ProgressListener {
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastTenth = -1;
    private boolean drawn;

    /**
     * Progress of checking a dataset: a bar on a terminal, erased by {@link #clear()}, and nothing when stderr is a
     * file or a pipe, so that a verdict about the data is the first line there (scripts read the first line).
     */
    static ProgressListener whileChecking(PrintWriter err) {
        return System.console() != null ? new TerminalProgress("checking", err, true) : ProgressListener.NONE;
    }

    /** Erases a bar drawn in place, so the next line on the terminal starts clean. */
    public synchronized void clear() {
        if (terminal && drawn) {
            err.print("\r" + " ".repeat(120) + "\r");
            err.flush();
            drawn = false;
        }
    }

    /** A bar on {@code err}, redrawn in place when the process has a console. */
    public TerminalProgress(String label, PrintWriter err) {
        this(label, err, System.console() != null);
    }

    TerminalProgress(String label, PrintWriter err, boolean terminal) {
        this.label = label;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void progress(String message, double fraction) {
        long now = System.nanoTime();
        double seconds = (now - start) / 1e9;
        double f = Math.max(0, Math.min(1, fraction));
        String eta = fraction > 0.02 && fraction < 1
                ? String.format(Locale.ROOT, ", ETA %.0f s", seconds * (1 - f) / f) : "";
        if (terminal) {
            if (fraction < 1 && drawn && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            int filled = (int) Math.round(f * BAR);
            err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %s (%.1f s%s)", label, "#".repeat(filled),
                    ".".repeat(BAR - filled), 100 * f, message, seconds, eta));
            lastDraw = now;
            drawn = true;
            if (fraction >= 1) {
                done();
            }
        } else {
            int tenth = (int) Math.floor(f * 10 + 1e-9);
            if (tenth <= lastTenth) {
                return;
            }
            lastTenth = tenth;
            err.println(String.format(Locale.ROOT, "%s %3d%% %s (%.1f s%s)", label, tenth * 10, message, seconds, eta));
        }
        err.flush();
    }

    /** Ends the bar's line. */
    /**
     * A training step as the progress bars show it. The speed is measured over windows of a few seconds, so it is
     * unknown for a run's first seconds: said so, not printed as NaN.
     */
    public static String trainingStep(long step, long total, double loss, double imagesPerSecond) {
        return String.format(java.util.Locale.ROOT, "step %d/%d, loss %.4g, %s", step, total, loss,
                Double.isNaN(imagesPerSecond) ? "measuring speed"
                        : String.format(java.util.Locale.ROOT, "%.0f images/s", imagesPerSecond));
    }

    public synchronized void done() {
        if (terminal && drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
