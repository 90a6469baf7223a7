package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeapWarmUpTest {
    private static final long MB = 1L << 20;

    @Test
    void itWritesAQuarterGigabyteOrLessOnASmallHeap() {
        assertEquals(256 * MB, HeapWarmUp.bytesFor(6144 * MB, 1024 * MB));
        assertEquals(128 * MB, HeapWarmUp.bytesFor(1024 * MB, 1024 * MB), "an eighth of the largest heap");
        assertEquals(97 * MB, HeapWarmUp.bytesFor(6144 * MB, 388 * MB), "a quarter of the heap as it is");
        String before = System.getProperty("xmodal.heapWarmUpMb");
        try {
            System.setProperty("xmodal.heapWarmUpMb", "0");
            assertEquals(0, HeapWarmUp.bytesFor(6144 * MB, 1024 * MB), "0 turns it off");
            System.setProperty("xmodal.heapWarmUpMb", "64");
            assertEquals(64 * MB, HeapWarmUp.bytesFor(6144 * MB, 1024 * MB));
        } finally {
            if (before == null) {
                System.clearProperty("xmodal.heapWarmUpMb");
            } else {
                System.setProperty("xmodal.heapWarmUpMb", before);
            }
        }
    }

    @Test
    void itKnowsG1sRegionSizeAndNothingElsesCollector() {
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().startsWith("G1 "));
        OptionalLong region = HeapWarmUp.g1RegionSize();
        assertEquals(g1, region.isPresent(), "a region size exactly when the collector is G1");
        region.ifPresent(size -> assertTrue(size >= MB && Long.bitCount(size) == 1,
                "G1's regions are a power of two of at least 1 MB, not " + size));
    }

    @Test
    void itWritesInArraysOfTwoRegionsEachAndStopsWhenInterrupted() throws Exception {
        long region = 4 * MB;
        long size = 2 * region - 1024;
        assertEquals((int) ((40 * MB + size - 1) / size), HeapWarmUp.write(40 * MB, region, 0),
                "enough two-region arrays to cover what was asked");
        assertEquals(1, HeapWarmUp.write(1, region, 0), "at least one");
        CompletableFuture<Integer> interrupted = new CompletableFuture<>();
        Thread t = new Thread(() -> interrupted.complete(HeapWarmUp.write(Long.MAX_VALUE, MB, 50)));
        t.start();
        t.interrupt();
        assertEquals(-1, interrupted.get(10, TimeUnit.SECONDS), "an interrupted writing stops at once");
    }
}
