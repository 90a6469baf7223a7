package org.xmodal.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app's executor with a queue standing in for the FX thread, so it runs without a toolkit. */
class FxTaskExecutorTest {
    private final BlockingQueue<Runnable> uiThread = new LinkedBlockingQueue<>();
    private final FxTaskExecutor executor = new FxTaskExecutor(2, uiThread::add);

    @AfterEach
    void close() {
        executor.close();
    }

    private void runUiThreadOnce() throws InterruptedException {
        Runnable r = uiThread.poll(10, TimeUnit.SECONDS);
        assertTrue(r != null, "an outcome reaches the UI thread");
        r.run();
    }

    @Test
    void aJobAskedForAfterCloseIsNotRunAndThrowsNothing() throws Exception {
        executor.close();
        List<Outcome<Integer>> outcomes = new ArrayList<>();
        RunningTask task = executor.submit("late", (progress, cancel) -> 1, outcomes::add);
        assertTrue(task.isCancelRequested());
        assertTrue(executor.isIdle());
        assertEquals(null, uiThread.poll(200, TimeUnit.MILLISECONDS), "nothing reaches the UI thread");
        assertTrue(outcomes.isEmpty());
    }

    @Test
    void aJobReportingThousandsOfTimesReachesTheUiThreadOnce() throws Exception {
        List<Outcome<Integer>> outcomes = new ArrayList<>();
        RunningTask task = executor.submit("count", (progress, cancel) -> {
            for (int i = 1; i <= 5000; i++) {
                progress.progress("step " + i, i / 5000.0);
            }
            return 5000;
        }, outcomes::add);
        runUiThreadOnce();
        assertEquals(List.of(new Outcome.Done<>(5000)), outcomes);
        assertEquals(0, uiThread.size(), "progress is sampled by the UI, never pushed to it");
        assertEquals("step 5000", task.progress().latest().message());
        assertEquals(1.0, task.progress().latest().fraction());
        assertTrue(executor.isIdle());
    }

    @Test
    void cancelledJobEndsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<Outcome<String>> outcomes = new ArrayList<>();
        RunningTask task = executor.<String>submit("wait", (progress, cancel) -> {
            started.countDown();
            while (true) {
                cancel.check();
                Thread.sleep(1);
            }
        }, outcomes::add);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(executor.isIdle());
        task.cancel();
        runUiThreadOnce();
        assertInstanceOf(Outcome.Cancelled.class, outcomes.get(0));
    }

    @Test
    void failingJobEndsFailedInsteadOfThrowing() throws Exception {
        List<Outcome<String>> outcomes = new ArrayList<>();
        executor.<String>submit("fail", (progress, cancel) -> {
            throw new java.io.IOException("disk full");
        }, outcomes::add);
        runUiThreadOnce();
        Outcome.Failed<?> failed = assertInstanceOf(Outcome.Failed.class, outcomes.get(0));
        assertEquals("disk full", failed.error().getMessage());
    }
}
