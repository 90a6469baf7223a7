package org.xmodal.app.bench;

import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Measures how long the FX thread goes without a pulse. JavaFX runs an animation timer once per pulse (60 a second
 * while anything animates, this timer included), on the FX thread, between the event handlers and layout; a gap
 * between two calls is a time in which the window could not have redrawn: the FX thread was busy (or starved of the
 * CPU). Start and stop on the FX thread; read the figures after stopping.
 */
public final class FxPulseMonitor extends AnimationTimer {
    /** Gaps are counted in 1 ms bins up to this; longer ones in the last bin (the worst is kept exactly). */
    private static final int BINS = 2000;

    /** A gap of at least {@link #NOTABLE_MILLIS}: when it ended (System.nanoTime) and how long it was. */
    public record Gap(long endNanos, double millis, double fxCpuMillis) {
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private long lastCpu;

    public static final int NOTABLE_MILLIS = 50;

    private final long[] histogram = new long[BINS + 1];
    private final java.util.List<Gap> notable = new java.util.ArrayList<>();
    private long last = -1;
    private long worstNanos;
    private long pulses;
    private long firstPulse;
    private long lastPulse;

    @Override
    public void handle(long now) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        if (last >= 0) {
            long gap = now - last;
            worstNanos = Math.max(worstNanos, gap);
            histogram[(int) Math.min(BINS, gap / 1_000_000)]++;
            if (gap >= NOTABLE_MILLIS * 1_000_000L) {
                notable.add(new Gap(System.nanoTime(), gap / 1e6, (cpu - lastCpu) / 1e6));
            }
        } else {
            firstPulse = now;
        }
        last = now;
        lastCpu = cpu;
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
        super.start();
    }

    /** Gaps of {@link #NOTABLE_MILLIS} or more, in order. */
    public java.util.List<Gap> notableGaps() {
        return java.util.List.copyOf(notable);
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
