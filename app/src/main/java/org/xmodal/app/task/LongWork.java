package org.xmodal.app.task;

import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The long jobs a person started and may want to watch or cancel (opening a dataset, generating one, encoding a
 * dataset). The status bar shows them; quick internal jobs (thumbnails, previews) go to the executor directly.
 */
public final class LongWork {
    private final TaskExecutor executor;
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final ObservableList<RunningTask> readOnly = FXCollections.unmodifiableObservableList(running);

    public LongWork(TaskExecutor executor) {
        this.executor = executor;
    }

    public <T> RunningTask start(String title, Job<T> job, Consumer<Outcome<T>> whenDone) {
        boolean[] finished = {false};
        RunningTask[] self = new RunningTask[1];
        RunningTask task = executor.submit(title, job, outcome -> {
            finished[0] = true;
            running.remove(self[0]);
            whenDone.accept(outcome);
        });
        self[0] = task;
        if (!finished[0]) {
            running.add(task);
        }
        return task;
    }

    /** Jobs in the order they were started; changes on the UI thread only. */
    public ObservableList<RunningTask> running() {
        return readOnly;
    }

    public TaskExecutor executor() {
        return executor;
    }
}
