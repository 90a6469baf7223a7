package org.xmodal.app.fx;

import java.util.function.BooleanSupplier;
import org.xmodal.app.task.BackgroundPriority;

/**
 * Work the window can put off until its first work is done (the first dataset opened): a background thread waits
 * until {@code idle} has held for three checks in a row (at most {@link #WAIT_MILLIS}), then runs it, below the FX
 * thread in the system's scheduler ({@link BackgroundPriority}). On two cores, whatever starts with the window
 * competes with the first view for them; the class warm-up, at the FX thread's priority, took a core while a view's
 * first visit had the FX thread get only half the other.
 */
public final class WhenQuiet {
    /** How long the window's first work is waited for before going ahead all the same. */
    static final long WAIT_MILLIS = 8000;

    private WhenQuiet() {
    }

    /** Runs {@code then} on a daemon thread named {@code name} once the window is quiet; returns at once. */
    public static void run(String name, BooleanSupplier idle, Runnable then) {
        Thread t = new Thread(() -> {
            BackgroundPriority.lower(); // what can wait can also wait its turn for a core
            if (await(idle)) {
                then.run();
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits until {@code idle} held three checks in a row, or {@link #WAIT_MILLIS}; false when interrupted. */
    static boolean await(BooleanSupplier idle) {
        long until = System.currentTimeMillis() + WAIT_MILLIS;
        int quiet = 0;
        while (quiet < 3 && System.currentTimeMillis() < until) {
            quiet = idle.getAsBoolean() ? quiet + 1 : 0;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
