package org.xmodal.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xmodal.app.task.NativeThreads;

/**
 * How long the JVM's threads that do a collection's work in its pauses (HotSpot's {@code GC Thread#n} workers and the
 * {@code VM Thread} that runs the pause) have been on a CPU, from Linux's {@code /proc/self/task/<tid>/schedstat}.
 * Their time on the CPU within a pause tells a machine's stop inside it apart from the collector's work: while the
 * collector holds every thread, {@link CpuStops}'s watchers cannot see a stop, but if the collector's threads ran for
 * less of the pause than its length, for at least the difference none of them was on a CPU (one young pause of 100
 * ms copied what others copied in 6-11 ms, right beside a CPU stop of 102 ms). Linux only; elsewhere it reads 0.
 */
final class CollectorThreads {
    /** The collector's threads' schedstat files, as last looked for. */
    private volatile List<Path> schedstats = List.of();

    /**
     * Looks for the collector's threads again: reading every thread's name takes a millisecond or two, so this is
     * done as measuring starts and after each collection (the JVM starts more workers only as a collection needs
     * them), on the thread that is told of it, not at each pulse.
     */
    void rescan() {
        schedstats = find();
    }

    /**
     * Nanoseconds the collector's threads found by the last {@link #rescan} have been on a CPU (a worker never ends
     * before the JVM does); 0 where Linux's per-thread figures are not there. Reads three or four small files.
     */
    long runNanos() {
        long sum = 0;
        for (Path p : schedstats) {
            try {
                String s = Files.readString(p);
                int space = s.indexOf(' ');
                sum += Long.parseLong(space < 0 ? s.strip() : s.substring(0, space));
            } catch (IOException | NumberFormatException e) {
                // the thread ended, or the file reads differently: counted as nothing
            }
        }
        return sum;
    }

    /** The schedstat files of the threads named as the collector's pause workers. */
    private static List<Path> find() {
        return NativeThreads.list().stream().filter(t -> isCollectorWorker(t.name()))
                .map(t -> t.dir().resolve("schedstat")).filter(Files::isReadable).toList();
    }

    static boolean isCollectorWorker(String threadName) {
        return threadName.startsWith("GC Thread#") || threadName.equals("VM Thread");
    }

    /**
     * The part of the collector's pauses ({@code pauseMillis}) in which none of its threads was on a CPU, at least,
     * given that they ran {@code collectorCpuMillis} in the same span: counted as a CPU stop when it is
     * {@link CpuStops#STOP_MILLIS} or more, else 0.
     */
    static double stopInPauses(double pauseMillis, double collectorCpuMillis) {
        double idle = pauseMillis - collectorCpuMillis;
        return idle >= CpuStops.STOP_MILLIS ? idle : 0;
    }
}
