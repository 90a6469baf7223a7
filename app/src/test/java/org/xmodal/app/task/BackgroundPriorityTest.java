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
}
