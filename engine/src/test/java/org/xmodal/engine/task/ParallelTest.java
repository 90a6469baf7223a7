package org.xmodal.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyIndexRunsOnceAndALoopInsideALoopStaysOnItsThread() {
        int outer = 16;
        int inner = 50;
        AtomicIntegerArray visits = new AtomicIntegerArray(outer * inner);
        Set<String> innerOnOtherThread = ConcurrentHashMap.newKeySet();
        Parallel.forEach(outer, i -> {
            Thread mine = Thread.currentThread();
            Parallel.forEach(inner, j -> {
                visits.incrementAndGet(i * inner + j);
                if (Thread.currentThread() != mine) {
                    innerOnOtherThread.add(i + "/" + j);
                }
            });
            // and a third level, as HHA row bands inside selective search inside proposals
            Parallel.rows(40, (r0, r1) -> assertTrue(r0 < r1));
        });
        for (int k = 0; k < visits.length(); k++) {
            assertEquals(1, visits.get(k), "index " + k);
        }
        assertTrue(innerOnOtherThread.isEmpty(), "nested bodies ran on other threads: " + innerOnOtherThread);
    }

    @Test
    void aLoopAfterALoopIsParallelAgainAndRowBandsCoverTheRows() {
        Parallel.forEach(4, i -> { });
        int[] covered = new int[37];
        Parallel.rows(37, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                covered[r]++;
            }
        });
        for (int r = 0; r < covered.length; r++) {
            assertEquals(1, covered[r], "row " + r);
        }
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEach(64, i -> {
            threads.add(Thread.currentThread());
            long until = System.nanoTime() + 200_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertTrue(threads.size() > 1, "a top-level loop uses the pool: " + threads);
        }
    }
}
