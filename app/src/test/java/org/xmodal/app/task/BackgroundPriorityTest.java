package org.xmodal.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {
    @Test
    void aLoweredThreadRunsNicerAndTheOthersDoNot() throws Exception {
        assumeTrue(Platform.isLinux(), "nice values per thread are Linux's");
        int before = BackgroundPriority.niceOfThisThread();
        CompletableFuture<Integer> lowered = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            boolean ok = BackgroundPriority.lower();
            lowered.complete(ok ? BackgroundPriority.niceOfThisThread() : null);
        });
        t.start();
        assertEquals(Math.max(before, BackgroundPriority.NICE), lowered.get(10, TimeUnit.SECONDS));
        assertEquals(before, BackgroundPriority.niceOfThisThread(), "the calling thread keeps its own");
    }

    @Test
    void theCommonPoolsThreadsLowerThemselvesAsTheyStart() throws Exception {
        assumeTrue(Platform.isLinux(), "nice values per thread are Linux's");
        ForkJoinPool pool = new ForkJoinPool(1, new BackgroundPriority.CommonPoolThreads(), null, false);
        try {
            int nice = pool.submit(BackgroundPriority::niceOfThisThread).get(10, TimeUnit.SECONDS);
            assertTrue(nice >= BackgroundPriority.NICE, "nice " + nice);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theExecutorsWorkersRunLowered() throws Exception {
        assumeTrue(Platform.isLinux(), "nice values per thread are Linux's");
        CompletableFuture<Integer> nice = new CompletableFuture<>();
        try (FxTaskExecutor executor = new FxTaskExecutor(1, Runnable::run)) {
            executor.submit("nice", (progress, cancel) -> BackgroundPriority.niceOfThisThread(), outcome -> {
                if (outcome instanceof Outcome.Done<Integer> done) {
                    nice.complete(done.value());
                }
            });
            assertTrue(nice.get(10, TimeUnit.SECONDS) >= BackgroundPriority.NICE);
        }
    }

    @Test
    void theCompilerThreadsAreLoweredAndNoOtherThread() throws Exception {
        assumeTrue(Platform.isLinux(), "nice values per thread are Linux's");
        assumeTrue(!java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xint"),
                "this JVM compiles nothing");
        int before = BackgroundPriority.niceOfThisThread();
        assertTrue(BackgroundPriority.lowerCompilerThreads() >= 1, "no compiler thread found in /proc/self/task");
        int compilers = 0;
        for (NativeThreads.Task task : NativeThreads.list()) {
            String name = task.name();
            String stat;
            try {
                stat = java.nio.file.Files.readString(task.dir().resolve("stat"));
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // a thread that ended since it was listed
            }
            // after the name in brackets: state is field 3, nice field 19
            int nice = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
            if (name.startsWith("C1 CompilerThre")) {
                compilers++;
                assertTrue(nice >= BackgroundPriority.NICE, name + " has nice " + nice);
            } else if (name.startsWith("C2 CompilerThre")) {
                compilers++;
                assertEquals(BackgroundPriority.OPTIMISER_NICE, nice, name + " has nice " + nice);
            } else if (name.equals("main") || name.startsWith("GC Thread") || name.equals("Sweeper thread")) {
                assertEquals(before, nice, name + " was lowered too");
            }
        }
        assertTrue(compilers >= 1);
    }

    @Test
    void theQuickCompilerWaitsLessThanTheOptimisingOneAndOtherThreadsKeepTheirs() {
        assertEquals(BackgroundPriority.NICE, BackgroundPriority.niceOfJitThread("C1 CompilerThre"));
        assertEquals(BackgroundPriority.OPTIMISER_NICE, BackgroundPriority.niceOfJitThread("C2 CompilerThre"));
        assertTrue(BackgroundPriority.OPTIMISER_NICE > BackgroundPriority.NICE);
        for (String other : new String[] {"JavaFX Applicat", "QuantumRenderer", "GC Thread#0", "G1 Conc#0", "main",
                "Sweeper thread", "Sweeper", "C3 CompilerThre"}) {
            assertEquals(0, BackgroundPriority.niceOfJitThread(other), other);
        }
    }
}
