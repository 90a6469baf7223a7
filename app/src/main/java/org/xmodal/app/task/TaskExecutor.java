package org.xmodal.app.task;

import java.util.function.Consumer;

/**
 * Where the workbench runs everything that could take longer than a frame: on a worker thread in the app, on the
 * calling thread in tests (JabRef's seam). {@code whenDone} always runs on the UI thread (the calling thread for
 * the direct implementation), exactly once.
 */
public interface TaskExecutor {
    <T> RunningTask submit(String title, Job<T> job, Consumer<Outcome<T>> whenDone);

    /** True when no submitted job is running or waiting for its {@code whenDone}. */
    boolean isIdle();
}
