package org.xmodal.app.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.AnimationTimer;

/**
 * Measures how long the FX thread goes without a pulse. JavaFX runs an animation timer once per pulse (60 a second
 * while anything animates, this timer included), on the FX thread, between the event handlers and layout; a gap
 * between two calls is a time in which the window could not have redrawn: the FX thread was busy (or starved of the
 * CPU). Each gap is counted against the {@linkplain #phase(String) phase} current when it ended, so that a view's
 * first visit and its later visits each get their own worst gap: a gap ends at the first pulse after the work that
 * caused it, so a phase named on the FX thread just before that work is the one charged. Start, stop and name
 * phases on the FX thread; read the figures after stopping.
 */
public final class FxPulseMonitor extends AnimationTimer {
    /** Gaps are counted in 1 ms bins up to this; longer ones in the last bin (the worst is kept exactly). */
    private static final int BINS = 2000;

    public static final int NOTABLE_MILLIS = 50;
    /** A CPU that ran none of this process's waiting threads for this long is said to have stopped. */
    public static final long CPU_STOP_MILLIS = CpuStops.STOP_MILLIS;

    /**
     * A gap of at least {@link #NOTABLE_MILLIS}: when it ended (System.nanoTime), how long, the CPU time within it of
     * the FX thread, of the renderer (JavaFX's QuantumRenderer thread, which draws the scene the FX thread handed it;
     * the next pulse waits for that drawing) and of this whole process, how much of it the garbage collector stopped
     * every thread for and how long the collector's own threads were on a CPU in it ({@link CollectorThreads}), the
     * longest part of it a CPU stopped ({@link CpuStops}, or inside the collector's pauses), and in which phase.
     */
    public record Gap(long endNanos, double millis, double fxCpuMillis, double rendererCpuMillis,
            double processCpuMillis, double collectorPauseMillis, double collectorCpuMillis, double cpuStopMillis,
            String phase) {
        long startNanos() {
            return endNanos - Math.round(millis * 1e6);
        }
    }

    /**
     * The worst gap of a phase, the most CPU time the FX thread took within one of its gaps (a long gap with little
     * of it was the FX thread waiting, or starved of the CPU by other processes), how many gaps of 100 ms or more it
     * had, and how many pulses.
     */
    public record Phase(String name, double worstMillis, double busiestMillis, int over100, long pulses) {
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
    private long lastCpu;
    private long lastRendererCpu;
    private long lastProcessCpu;
    private long lastCollectorCpu;
    private long renderer = -1;
    private final CollectorThreads collectorThreads = new CollectorThreads();

    private final CollectorPauses collectorPauses = new CollectorPauses(collectorThreads::rescan);
    private final CpuStops cpuStops = new CpuStops(collectorPauses);
    private final long[] histogram = new long[BINS + 1];
    private final java.util.List<Gap> notable = new java.util.ArrayList<>();
    private final Map<String, long[]> phases = new LinkedHashMap<>();
    private String phase = "";
    private long last = -1;
    private long worstNanos;
    private long pulses;
    private long firstPulse;
    private long lastPulse;

    @Override
    public void handle(long now) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long rendererCpu = renderer < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(renderer));
        long processCpu = PROCESS.getProcessCpuTime();
        long collectorCpu = collectorThreads.runNanos();
        long[] stats = phases.computeIfAbsent(phase, p -> new long[4]);
        if (last >= 0) {
            long gap = now - last;
            worstNanos = Math.max(worstNanos, gap);
            histogram[(int) Math.min(BINS, gap / 1_000_000)]++;
            stats[0] = Math.max(stats[0], gap);
            stats[3] = Math.max(stats[3], cpu - lastCpu);
            if (gap >= 100_000_000L) {
                stats[1]++;
            }
            if (gap >= NOTABLE_MILLIS * 1_000_000L) {
                // the collector's pauses in it are told later, on another thread: added when the gaps are read
                notable.add(new Gap(System.nanoTime(), gap / 1e6, (cpu - lastCpu) / 1e6,
                        (rendererCpu - lastRendererCpu) / 1e6, (processCpu - lastProcessCpu) / 1e6, 0,
                        (collectorCpu - lastCollectorCpu) / 1e6, 0, phase));
            }
        } else {
            firstPulse = now;
        }
        stats[2]++;
        last = now;
        lastCpu = cpu;
        lastRendererCpu = rendererCpu;
        lastProcessCpu = processCpu;
        lastCollectorCpu = collectorCpu;
        lastPulse = now;
        pulses++;
    }

    @Override
    public void start() {
        last = -1;
        worstNanos = 0;
        pulses = 0;
        Arrays.fill(histogram, 0);
        notable.clear();
        phases.clear();
        collectorThreads.rescan();
        collectorPauses.listen();
        cpuStops.start();
        renderer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
        super.start();
    }

    /** Gaps from the next pulse on are counted against {@code name} (a phase named again goes on counting). */
    public void phase(String name) {
        phase = name;
    }

    /** The phases in the order they were first named, each with its worst gap. */
    public java.util.List<Phase> phases() {
        return phases.entrySet().stream().map(e -> new Phase(e.getKey(), e.getValue()[0] / 1e6,
                e.getValue()[3] / 1e6, (int) e.getValue()[1], e.getValue()[2])).toList();
    }

    @Override
    public void stop() {
        super.stop();
        collectorPauses.stopListening();
        cpuStops.stop();
    }

    /**
     * Gaps of {@link #NOTABLE_MILLIS} or more, in order, each with the collector's pauses in it (read after
     * {@link #stop()}: the JVM tells of a pause a little after it ended).
     */
    public java.util.List<Gap> notableGaps() {
        return notable.stream().map(g -> {
            double pause = collectorPauses.millisWithin(g.startNanos(), g.endNanos());
            double watched = cpuStops.within(g.startNanos(), g.endNanos()).stream().mapToDouble(s -> (Math.min(
                    s.endNanos(), g.endNanos()) - Math.max(s.startNanos(), g.startNanos())) / 1e6).max().orElse(0);
            // a stop inside the collector's pauses, which the watchers cannot see: its threads ran for less of them
            double inPauses = CollectorThreads.stopInPauses(pause, g.collectorCpuMillis());
            return new Gap(g.endNanos(), g.millis(), g.fxCpuMillis(), g.rendererCpuMillis(), g.processCpuMillis(),
                    pause, g.collectorCpuMillis(), Math.max(watched, inPauses), g.phase());
        }).toList();
    }

    /**
     * The lengths (ms) of the times a CPU stopped while measuring ({@link CpuStops}), or empty when not every CPU
     * could be watched.
     */
    public java.util.Optional<double[]> cpuStopMillis() {
        return cpuStops.watchedEveryCpu()
                ? java.util.Optional.of(cpuStops.all().stream().mapToDouble(CpuStops.Stop::millis).toArray())
                : java.util.Optional.empty();
    }

    public double worstGapMillis() {
        return worstNanos / 1e6;
    }

    public long pulses() {
        return pulses;
    }

    /** Gaps of at least {@code millis}. */
    public long gapsOver(int millis) {
        long n = 0;
        for (int i = Math.min(BINS, millis); i <= BINS; i++) {
            n += histogram[i];
        }
        return n;
    }

    /** The gap (in whole milliseconds) that {@code fraction} of the gaps do not exceed. */
    public int percentileMillis(double fraction) {
        long total = Arrays.stream(histogram).sum();
        long seen = 0;
        for (int i = 0; i <= BINS; i++) {
            seen += histogram[i];
            if (seen >= fraction * total) {
                return i;
            }
        }
        return BINS;
    }

    public double pulsesPerSecond() {
        double seconds = (lastPulse - firstPulse) / 1e9;
        return seconds > 0 ? (pulses - 1) / seconds : 0;
    }
}
