package org.xmodal.app.task;

import java.util.function.Consumer;

/** Runs each job at once on the calling thread: view-model tests run without threads or a window. */
public final class DirectTaskExecutor implements TaskExecutor {
    @Override
    public <T> RunningTask submit(String title, Job<T> job, Consumer<Outcome<T>> whenDone) {
        RunningTask task = new RunningTask(title);
        whenDone.accept(task.execute(job));
        return task;
    }

    @Override
    public boolean isIdle() {
        return true;
    }
}
