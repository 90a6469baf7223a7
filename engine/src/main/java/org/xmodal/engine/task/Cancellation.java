package org.xmodal.engine.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A cooperative cancellation flag that long work checks between units of work (pairs, batches). */
public final class Cancellation {
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this == NEVER) {
            throw new IllegalStateException("Cancellation.NEVER cannot be cancelled");
        }
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    /** Throws {@link CancellationException} if cancellation was asked for. */
    public void check() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
