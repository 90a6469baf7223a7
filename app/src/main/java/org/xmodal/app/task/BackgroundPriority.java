package org.xmodal.app.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.xmodal.engine.device.LibC;

/**
 * Background threads of the window's process run below the FX thread and the renderer in the operating system's
 * scheduler, not only in Java's: Java's thread priorities do nothing on Linux, and on two cores a dataset check on
 * the worker and the common pool took both cores while the renderer waited its turn (the Data view's first frame
 * took 350 ms although the FX thread worked 7 ms of it). On Linux a thread's nice value is its own: {@link #lower}
 * raises the calling thread's to {@link #NICE}, which needs no privileges, so when the window has work the scheduler
 * gives it about three times a background thread's share, and when it has none the background uses every core.
 * Elsewhere nothing changes.
 */
public final class BackgroundPriority {
    /** Weight 335 against the window's 1024 in Linux's scheduler. */
    static final int NICE = 5;
    /** The optimising compiler's: weight 15, so it runs when a core is free (see {@link #lowerCompilerThreads}). */
    static final int OPTIMISER_NICE = 19;
    private static final int PRIO_PROCESS = 0;

    private static final LibC C = LibC.linux().orElse(null);

    private BackgroundPriority() {
    }

    /** Lowers the calling thread's scheduling priority; returns whether it could. */
    public static boolean lower() {
        int tid = threadId();
        return tid > 0 && C.setpriority(PRIO_PROCESS, tid, NICE) == 0;
    }

    /**
     * Lowers the JVM's just-in-time compilers below the window (returns how many threads it lowered; 0 off Linux):
     * the quick compiler ({@code C1 CompilerThread0}, named so in /proc, cut to 15 characters) to {@link #NICE}, the
     * optimising one ({@code C2 CompilerThread0}) to {@link #OPTIMISER_NICE}. The code cache's sweeper (JDK 17-19)
     * keeps the window's priority: it cleans compiled code's call sites holding a lock that any thread calling into
     * code being cleaned waits for, and at nice 19 it was the FX thread that waited, 24 ms of an 86 ms gap of the
     * Results view's first visit (a wall-clock profile, async-profiler, bench fx), while the sweeper got a core
     * between the other low-priority threads. On two
     * cores the compilers took a whole core on each view's first visit, while the FX thread got two thirds of the
     * other (the Data view's first pulse took 128 ms of which the FX thread worked 70), so both went to
     * {@link #NICE}. That still left the FX thread waiting for a core 16-37 ms in a first visit's longest gap, behind
     * the optimising compiler mostly (bench fx with a per-thread sampler of /proc's schedstat). The quick compiler's
     * work is what a first visit needs (the view's code out of the interpreter), the optimising compiler's can wait
     * until a core is free: at nice 19 it gets a free core at once and a busy one seldom. Eight bench fx runs each,
     * worst gap of a run: both at nice 5: 80-144 ms, three over 100; at nice 10: 66-125, two; at nice 15: 77-124,
     * three; the optimising compiler at 19, the quick one at 5: 62-96 ms, none over 100 (without the optimising
     * compiler at all, {@code -XX:TieredStopAtLevel=1}: 64-88 ms, at the cost of Java loops running up to half as
     * fast). Compiler threads the JVM adds later, on machines with more cores, are started by a compiler thread and
     * take its nice value.
     */
    public static int lowerCompilerThreads() {
        if (C == null) {
            return 0;
        }
        int lowered = 0;
        for (NativeThreads.Task task : NativeThreads.list()) {
            int nice = niceOfJitThread(task.name());
            if (nice > 0 && C.setpriority(PRIO_PROCESS, task.tid(), nice) == 0) {
                lowered++;
            }
        }
        return lowered;
    }

    /** The nice value a JVM thread named {@code name} (as in /proc) gets from {@link #lowerCompilerThreads}, or 0. */
    static int niceOfJitThread(String name) {
        if (name.startsWith("C1 CompilerThre")) {
            return NICE;
        }
        return name.startsWith("C2 CompilerThre") ? OPTIMISER_NICE : 0;
    }

    /** The calling thread's nice value, or {@link Integer#MIN_VALUE} where it cannot be read. */
    public static int niceOfThisThread() {
        int tid = threadId();
        return tid > 0 ? C.getpriority(PRIO_PROCESS, tid) : Integer.MIN_VALUE;
    }

    /** The kernel's id of the calling thread (/proc/thread-self is {@code <pid>/task/<tid>}), or 0 off Linux. */
    private static int threadId() {
        if (C == null) {
            return 0;
        }
        try {
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The common pool's threads (the engine's parallel loops) lowered as they start. Named in the system property
     * {@code java.util.concurrent.ForkJoinPool.common.threadFactory} before the pool is first used.
     */
    public static final class CommonPoolThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            return new ForkJoinWorkerThread(pool) {
                @Override
                protected void onStart() {
                    super.onStart();
                    lower();
                }
            };
        }
    }

    /** Makes the common pool's threads {@link CommonPoolThreads}; call before anything uses the pool. */
    public static void forCommonPool() {
        System.setProperty("java.util.concurrent.ForkJoinPool.common.threadFactory",
                CommonPoolThreads.class.getName());
    }
}
