package org.xmodal.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CollectorThreadsTest {
    @Test
    void theCollectorsThreadsAreOnTheCpuInItsCollections() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/task")) && Files.exists(Path.of("/proc/self/schedstat")),
                "Linux's per-thread schedstat files are not here");
        CollectorThreads threads = new CollectorThreads();
        threads.rescan();
        long before = threads.runNanos();
        byte[][] keep = new byte[64][];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < keep.length; j++) {
                keep[j] = new byte[64 * 1024];
            }
            System.gc();
        }
        assertTrue(keep[0].length > 0);
        long after = threads.runNanos();
        assertTrue(after > before, "the collector's threads ran " + (after - before) + " ns in five collections");
    }

    @Test
    void onlyThePausesWorkersAreCounted() {
        assertTrue(CollectorThreads.isCollectorWorker("GC Thread#0"));
        assertTrue(CollectorThreads.isCollectorWorker("VM Thread"));
        assertFalse(CollectorThreads.isCollectorWorker("G1 Conc#0"), "concurrent marking runs outside the pauses");
        assertFalse(CollectorThreads.isCollectorWorker("JavaFX Application Thread"));
    }

    @Test
    void aPauseItsThreadsRanMuchLessOfHadACpuStopInIt() {
        assertEquals(94, CollectorThreads.stopInPauses(100, 6), 1e-9, "100 ms of pause, 6 ms of its threads' time");
        assertEquals(0, CollectorThreads.stopInPauses(40, 2), 1e-9, "38 ms is under a stop's 50");
        assertEquals(0, CollectorThreads.stopInPauses(100, 160), 1e-9, "two workers busy through it");
    }
}
