package org.xmodal.engine.task;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The engine's parallel loops, over the common pool. A loop started inside the body of another runs sequentially on
 * that thread: the outer loop already keeps every core busy, and a pool thread that waits for nested tasks can spin
 * forever on a small pool (two cores give the common pool one worker: a fine-tuning run hung in proposals, whose
 * per-image loop ran selective search and HHA, each a parallel loop of its own, inside it). Nested parallel streams
 * are therefore never used directly in the engine.
 */
public final class Parallel {
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    /** A body over a range of rows. */
    public interface RowRange {
        void run(int rowStart, int rowEnd);
    }

    private Parallel() {
    }

    /** Runs {@code body} for 0 .. n-1, on all cores unless this thread is already inside such a loop. */
    public static void forEach(int n, IntConsumer body) {
        if (n <= 1 || INSIDE.get()) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            boolean outer = INSIDE.get(); // false on a pool thread; true when the caller runs a share inline
            INSIDE.set(true);
            try {
                body.accept(i);
            } finally {
                INSIDE.set(outer);
            }
        });
    }

    /**
     * How many row bands {@link #rows} cuts {@code rows} rows into. Bands are fixed by the height, not by
     * scheduling, so any reduction done per band and combined in band order is deterministic.
     */
    public static int bands(int rows) {
        int workers = Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);
        return Math.max(1, Math.min(rows, workers * 4));
    }

    /** Runs {@code body} over the row bands of {@link #bands}. */
    public static void rows(int rows, RowRange body) {
        int n = bands(rows);
        forEach(n, b -> body.run(b * rows / n, (b + 1) * rows / n));
    }
}
