package org.xmodal.app.task;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** Queues jobs and runs them only when the test says, so that what happens in between can be observed. */
public final class ManualTaskExecutor implements TaskExecutor {
    private record Queued<T>(RunningTask task, Job<T> job, Consumer<Outcome<T>> whenDone) {
        void run() {
            whenDone.accept(task.execute(job));
        }
    }

    private final Deque<Queued<?>> queue = new ArrayDeque<>();

    @Override
    public <T> RunningTask submit(String title, Job<T> job, Consumer<Outcome<T>> whenDone) {
        RunningTask task = new RunningTask(title);
        queue.add(new Queued<>(task, job, whenDone));
        return task;
    }

    /** Runs the oldest waiting job and delivers its outcome; false when none waits. */
    public boolean runNext() {
        Queued<?> q = queue.poll();
        if (q == null) {
            return false;
        }
        q.run();
        return true;
    }

    public void runAll() {
        while (runNext()) {
            // jobs submitted by outcomes run too
        }
    }

    public int waiting() {
        return queue.size();
    }

    @Override
    public boolean isIdle() {
        return queue.isEmpty();
    }
}
