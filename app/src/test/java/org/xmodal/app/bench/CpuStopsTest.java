package org.xmodal.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.device.LibC;

/** A CPU's stop is told apart from the collector's pause, and each watcher is bound to its own CPU. */
class CpuStopsTest {
    private static final long MS = 1_000_000L;

    @Test
    void aLateWakeTheCollectorAccountsForIsNotACpuStop() {
        CollectorPauses pauses = new CollectorPauses();
        CpuStops stops = new CpuStops(pauses);
        long base = System.nanoTime();
        pauses.told(100, 140, base + 140 * MS); // a 40 ms pause, the collector's clock starting at base
        stops.stopped(0, base + 95 * MS, base + 150 * MS); // 55 ms late, 40 of it the pause
        stops.stopped(1, base + 300 * MS, base + 401 * MS); // 101 ms late, no pause
        assertEquals(List.of(1), stops.all().stream().map(CpuStops.Stop::cpu).toList());
        assertEquals(1, stops.within(base + 390 * MS, base + 500 * MS).size(), "overlaps the span's start");
        assertEquals(0, stops.within(base + 401 * MS, base + 500 * MS).size(), "ended as the span began");
        assertEquals(101, stops.all().get(0).millis(), 1e-9);
    }

    @Test
    void eachWatcherIsBoundToItsOwnCpu() throws Exception {
        assumeTrue(LibC.linux().isPresent(), "threads are bound to a CPU on Linux only");
        CpuStops stops = new CpuStops(new CollectorPauses());
        int cpus = Runtime.getRuntime().availableProcessors();
        try {
            assertEquals(cpus, stops.start(), "one watcher bound per CPU");
            assertTrue(stops.watchedEveryCpu());
            List<String> allowed = new ArrayList<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    String name = Files.readString(t.resolve("comm")).strip();
                    if (name.startsWith("cpu-watch-")) {
                        String cpusAllowed = Files.readAllLines(t.resolve("status")).stream()
                                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                                .split(":")[1].strip();
                        allowed.add(name.substring("cpu-watch-".length()) + "=" + cpusAllowed);
                    }
                }
            }
            allowed.sort(null);
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < cpus; c++) {
                expected.add(c + "=" + c);
            }
            expected.sort(null);
            assertEquals(expected, allowed, "thread N may run on CPU N only");
        } finally {
            stops.stop();
        }
        // (Java's view: the kernel may list an ended thread in /proc for a moment after Java saw it end)
        assertEquals(0, Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("cpu-watch-"))
                .count(), "the watchers end when stopped");
    }
}
