package org.xmodal.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs jobs on a pool of daemon worker threads below normal priority ({@link BackgroundPriority}) and hands each outcome to the FX thread with
 * one {@link Platform#runLater}: the FX thread gets one call per job, never one per progress report.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService pool;
    private final Consumer<Runnable> uiThread;
    private final AtomicInteger active = new AtomicInteger();

    public FxTaskExecutor() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), Platform::runLater);
    }

    FxTaskExecutor(int threads, Consumer<Runnable> uiThread) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                BackgroundPriority.lower(); // below the FX thread and the renderer in the system's scheduler
                r.run();
            }, "xmodal-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        this.uiThread = uiThread;
    }

    @Override
    public <T> RunningTask submit(String title, Job<T> job, Consumer<Outcome<T>> whenDone) {
        RunningTask task = new RunningTask(title);
        if (pool.isShutdown()) {
            // the window is closing: a view still asking for work (a picture arriving, a timer) gets none, and no
            // outcome, instead of an exception on the FX thread
            task.cancel();
            return task;
        }
        active.incrementAndGet();
        pool.execute(() -> {
            Outcome<T> outcome = task.execute(job);
            uiThread.accept(() -> {
                try {
                    whenDone.accept(outcome);
                } finally {
                    active.decrementAndGet();
                }
            });
        });
        return task;
    }

    @Override
    public boolean isIdle() {
        return active.get() == 0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
