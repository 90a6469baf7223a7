package org.xmodal.engine.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.xmodal.engine.task.ProgressListener;

/**
 * Progress of long commands on stderr: a bar redrawn in place on a terminal (at most ten times a second), or one
 * line per tenth of the work when stderr is a file or a pipe, so logs stay readable.
 */
final class ConsoleProgress implements ProgressListener {
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastTenth = -1;
    private boolean drawn;

    ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void progress(String message, double fraction) {
        long now = System.nanoTime();
        double seconds = (now - start) / 1e9;
        if (terminal) {
            if (fraction < 1 && drawn && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
            err.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%% %s, %.1f s", "#".repeat(filled),
                    ".".repeat(BAR - filled), 100 * fraction, message, seconds));
            lastDraw = now;
            drawn = true;
        } else {
            int tenth = (int) Math.floor(fraction * 10 + 1e-9);
            if (tenth <= lastTenth) {
                return;
            }
            lastTenth = tenth;
            err.println(String.format(Locale.ROOT, "%3d%% %s, %.1f s", tenth * 10, message, seconds));
        }
        err.flush();
    }

    /** Ends the bar's line. */
    synchronized void done() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }
}
