package org.xmodal.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.xmodal.engine.device.LibC;

/**
 * Times a CPU ran none of this process's waiting threads for {@link #STOP_MILLIS} or more: one thread per CPU, bound
 * to it, sleeps {@link #SLEEP_MILLIS} at a time and writes down each wake that came that much late. On a virtual
 * machine this is mostly the host not running the virtual CPU (on the project's machine a CPU stopped for 101 ms
 * at a time, a few times an hour, caught by watchers at real-time priority); a stop the garbage collector's pauses
 * account for is not counted (those are the collector's, told apart by {@link CollectorPauses}). A thread that sleeps
 * for 2 ms and is woken 50 ms late was not starved by the window's own work: JavaFX's pulse timer, a thread like it,
 * ran within 11 ms of its wake-up in every one of about 11,500 wake-ups recorded with {@code perf}. Linux only (the
 * threads are bound with {@code sched_setaffinity}); elsewhere nothing is watched.
 */
final class CpuStops {
    static final long STOP_MILLIS = 50;
    static final long SLEEP_MILLIS = 2;

    /** A stop of a CPU from {@code startNanos} to {@code endNanos} (System.nanoTime). */
    record Stop(int cpu, long startNanos, long endNanos) {
        double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private final CollectorPauses pauses;
    /** Written by the watchers, read after (or while) they watch. */
    private final List<Stop> stops = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> watchers = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger bound = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean watching;

    CpuStops(CollectorPauses pauses) {
        this.pauses = pauses;
    }

    /** Starts a watcher on each CPU; returns how many could be bound to theirs (0 where that cannot be done). */
    int start() {
        stop();
        stops.clear();
        bound.set(0);
        LibC c = LibC.linux().orElse(null);
        if (c == null) {
            return 0;
        }
        watching = true;
        int cpus = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(cpus);
        for (int cpu = 0; cpu < cpus; cpu++) {
            int id = cpu;
            // (a name of 15 characters at most: /proc shows no more, and the test finds the threads there)
            Thread t = new Thread(() -> watch(c, id, ready), "cpu-watch-" + cpu);
            t.setDaemon(true);
            watchers.add(t);
            t.start();
        }
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bound.get();
    }

    void stop() {
        watching = false;
        for (Thread t : watchers) {
            LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watchers.clear();
    }

    /** Whether every CPU had its watcher bound to it (else the stops say nothing). */
    boolean watchedEveryCpu() {
        return bound.get() > 0 && bound.get() == Runtime.getRuntime().availableProcessors();
    }

    private void watch(LibC c, int cpu, java.util.concurrent.CountDownLatch ready) {
        long[] mask = new long[cpu / 64 + 1];
        mask[cpu / 64] = 1L << (cpu % 64);
        boolean pinned = c.sched_setaffinity(0, mask.length * 8L, mask) == 0;
        if (pinned) {
            bound.incrementAndGet();
        }
        ready.countDown();
        if (!pinned) {
            return;
        }
        long sleep = SLEEP_MILLIS * 1_000_000L;
        long late = STOP_MILLIS * 1_000_000L;
        while (watching) {
            long due = System.nanoTime() + sleep;
            LockSupport.parkNanos(sleep);
            long now = System.nanoTime();
            if (now - due >= late) {
                stopped(cpu, due, now);
            }
        }
    }

    /** A watcher woke {@code endNanos - startNanos} late. */
    void stopped(int cpu, long startNanos, long endNanos) {
        stops.add(new Stop(cpu, startNanos, endNanos));
    }

    /**
     * The stops that overlap a span of System.nanoTime, without those the collector's pauses account for (the
     * collector stops every thread; a stop is the CPU's when {@link #STOP_MILLIS} of it remain without them).
     */
    List<Stop> within(long fromNanos, long toNanos) {
        List<Stop> told;
        synchronized (stops) {
            told = List.copyOf(stops);
        }
        return told.stream().filter(s -> s.endNanos() > fromNanos && s.startNanos() < toNanos)
                .filter(s -> s.millis() - pauses.millisWithin(s.startNanos(), s.endNanos()) >= STOP_MILLIS)
                .toList();
    }

    /** Every stop so far that is the CPU's (see {@link #within}). */
    List<Stop> all() {
        return within(Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
