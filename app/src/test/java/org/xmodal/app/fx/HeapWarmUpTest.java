package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xmodal.app.fx.HeapWarmUp.G1Heap;
import org.xmodal.app.fx.HeapWarmUp.Range;

class HeapWarmUpTest {
    private static final long MB = 1L << 20;

    @Test
    void itFaultsInAQuarterGigabyteOrAQuarterOfASmallHeap() {
        assertEquals(256 * MB, HeapWarmUp.bytesFor(1024 * MB));
        assertEquals(97 * MB, HeapWarmUp.bytesFor(388 * MB), "a quarter of the heap as it is");
        String before = System.getProperty("xmodal.heapWarmUpMb");
        try {
            System.setProperty("xmodal.heapWarmUpMb", "0");
            assertEquals(0, HeapWarmUp.bytesFor(1024 * MB), "0 turns it off");
            System.setProperty("xmodal.heapWarmUpMb", "64");
            assertEquals(64 * MB, HeapWarmUp.bytesFor(1024 * MB));
        } finally {
            if (before == null) {
                System.clearProperty("xmodal.heapWarmUpMb");
            } else {
                System.setProperty("xmodal.heapWarmUpMb", before);
            }
        }
    }

    @Test
    void itReadsG1sHeapFromTheJvmAndNothingElsesCollector() {
        String jdk17 = """
                 garbage-first heap   total 999424K, used 36663K [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 8 young (32768K), 0 survivors (0K)
                 Metaspace       used 11781K, committed 12032K, reserved 1114112K
                """;
        assertEquals(Optional.of(new G1Heap(new Range(0x687400000L, 0x800000000L), 4 * MB)), HeapWarmUp.g1Heap(jdk17));
        assertEquals(Optional.empty(), HeapWarmUp.g1Heap(
                " def new generation   total 4928K, used 1346K [0x00000000e0a00000, 0x00000000e0f50000)"));
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().startsWith("G1 "));
        Optional<G1Heap> heap = HeapWarmUp.g1Heap(HeapWarmUp.heapInfo());
        assertEquals(g1, heap.isPresent(), "this JVM's heap found exactly when its collector is G1");
        heap.ifPresent(h -> assertTrue(h.regionSize() >= MB && Long.bitCount(h.regionSize()) == 1
                && h.reserved().length() >= Runtime.getRuntime().maxMemory(), "regions of a power of two of at least "
                + "1 MB, as large a range as the largest heap: " + h));
    }

    @Test
    void itTakesTheLowestCommittedMemoryOfTheHeapOnly() {
        List<String> maps = List.of(
                "55d0c0000000-55d0c0001000 r--p 00000000 fe:00 1234    /usr/bin/java",
                "687400000-6c3c00000 rw-p 00000000 00:00 0 ",
                "6c3c00000-7ff800000 ---p 00000000 00:00 0 ",
                "7ff800000-7ffb00000 rw-p 00000000 00:00 0 ",
                "7ffb00000-7ffb75000 rw-p 00c77000 fe:00 328258   /usr/lib/jvm/lib/server/classes.jsa",
                "7ffb75000-7ffc00000 rw-p 00000000 00:00 0 ",
                "7f771c000000-7f771c021000 rw-p 00000000 00:00 0 ");
        Range heap = new Range(0x687400000L, 0x800000000L);
        assertEquals(List.of(new Range(0x687400000L, 0x687400000L + 256 * MB)),
                HeapWarmUp.lowestCommitted(maps, heap, 256 * MB));
        assertEquals(List.of(new Range(0x687400000L, 0x6c3c00000L), new Range(0x7ff800000L, 0x7ffb00000L),
                        new Range(0x7ffb75000L, 0x7ffc00000L)),
                HeapWarmUp.lowestCommitted(maps, heap, 10_000 * MB),
                "committed, anonymous and inside the heap: not the reserved part, the archive's file or the rest");
    }

    @Test
    void itAsksAMegabyteAtATimeAndStopsAtTheFirstRefusalOrAnInterrupt() throws Exception {
        List<Long> asked = new ArrayList<>();
        List<Range> ranges = List.of(new Range(0, 3 * MB), new Range(10 * MB, 10 * MB + MB / 2));
        assertEquals(3 * MB + MB / 2, HeapWarmUp.populate(ranges, MB, (at, length) -> {
            asked.add(at);
            assertTrue(length == MB || at == 10 * MB && length == MB / 2, "length " + length + " at " + at);
            return 0;
        }));
        assertEquals(List.of(0L, MB, 2 * MB, 10 * MB), asked);
        assertEquals(2 * MB, HeapWarmUp.populate(ranges, MB, (at, length) -> at == 2 * MB ? 22 : 0),
                "what was faulted in before the kernel refused");
        CompletableFuture<Long> interrupted = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            interrupted.complete(HeapWarmUp.populate(ranges, MB, (at, length) -> 0));
        });
        t.start();
        assertEquals(-1, interrupted.get(10, TimeUnit.SECONDS), "an interrupted warm-up stops at once");
    }

    @Test
    void itWritesInArraysOfOneRegionEachAndStopsWhenInterrupted() throws Exception {
        long region = 4 * MB;
        long size = region - 1024;
        assertEquals((int) ((40 * MB + size - 1) / size), HeapWarmUp.write(40 * MB, region),
                "enough one-region arrays to cover what was asked");
        assertEquals(1, HeapWarmUp.write(1, region), "at least one");
        CompletableFuture<Integer> interrupted = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            interrupted.complete(HeapWarmUp.write(1L << 40, MB));
        });
        t.start();
        assertEquals(-1, interrupted.get(10, TimeUnit.SECONDS), "an interrupted writing stops at once");
    }

    @Test
    void itAllocatesUntilTheYoungGenerationIsCollected() {
        Optional<GarbageCollectorMXBean> young = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getName().equals("G1 Young Generation")).findFirst();
        assumeTrue(young.isPresent(), "not G1: the warm-up does nothing here");
        long before = young.get().getCollectionCount();
        long allocated = HeapWarmUp.untilYoungCollection(8L << 30);
        assertTrue(young.get().getCollectionCount() > before, "a young collection after " + allocated + " bytes");
        assertTrue(allocated > 0 && allocated < 8L << 30, "allocated " + allocated);
    }

    @Test
    void theKernelFaultsMemoryInAndKeepsWhatItHolds() {
        Optional<HeapWarmUp.Populator> kernel = HeapWarmUp.kernel();
        assumeTrue(kernel.isPresent(), "not Linux: the warm-up does nothing here");
        long pageSize = 4096;
        Memory memory = new Memory(4 * MB + pageSize);
        long start = (Pointer.nativeValue(memory) + pageSize - 1) / pageSize * pageSize;
        for (long i = 0; i < 4 * MB; i += pageSize / 2) {
            memory.setByte(start - Pointer.nativeValue(memory) + i, (byte) (i / pageSize));
        }
        int error = kernel.get().populate(start, 4 * MB);
        assumeTrue(error != 22, "this kernel is older than Linux 5.14 (no MADV_POPULATE_WRITE): nothing to check");
        assertEquals(0, error, "errno of madvise");
        for (long i = 0; i < 4 * MB; i += pageSize / 2) {
            assertEquals((byte) (i / pageSize), memory.getByte(start - Pointer.nativeValue(memory) + i), "byte " + i);
        }
        assertEquals(22, kernel.get().populate(start + 1, pageSize), "an address not on a page: EINVAL");
    }
}
