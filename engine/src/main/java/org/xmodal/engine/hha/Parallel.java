package org.xmodal.engine.hha;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Row-band parallelism over the common pool. Bands are fixed by the image height, not by scheduling, so any
 * reduction done per band and combined in band order is deterministic.
 */
final class Parallel {
    interface RowRange {
        void run(int rowStart, int rowEnd);
    }

    private Parallel() {
    }

    static int bands(int rows) {
        int workers = Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);
        return Math.max(1, Math.min(rows, workers * 4));
    }

    static void rows(int rows, RowRange body) {
        int n = bands(rows);
        if (n == 1) {
            body.run(0, rows);
            return;
        }
        IntStream.range(0, n).parallel().forEach(b -> body.run(b * rows / n, (b + 1) * rows / n));
    }
}
