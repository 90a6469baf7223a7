package org.xmodal.app.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.task.Outcome;
import org.xmodal.app.task.TaskExecutor;

/**
 * The runs in the workbench's folder of runs, kept up to date by {@link #poll()}: each call looks at the folder off
 * the UI thread (reading only what the engines appended since the last look) and applies what changed in one go on
 * the UI thread. A call while the previous look is still under way does nothing, so a slow disk never queues looks
 * up. Runs started by this window, by an earlier session or from a terminal are all listed, newest first.
 */
public final class RunLibrary {
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<Path> root = new ReadOnlyObjectWrapper<>(this, "root");
    private RunWatcher watcher;
    /** Counts switches of folder: a look at a folder no longer shown is thrown away. */
    private int generation;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> readOnly = FXCollections.unmodifiableObservableList(runs);
    private final Map<String, RunRecord> byId = new HashMap<>();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyIntegerWrapper looks = new ReadOnlyIntegerWrapper(this, "looks");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final List<Runnable> afterLook = new ArrayList<>();
    private final javafx.beans.property.StringProperty mlflowTracking =
            new javafx.beans.property.SimpleStringProperty(this, "mlflowTracking", "");
    private boolean looking;
    private boolean closed;

    public RunLibrary(TaskExecutor executor, Path root) {
        this.executor = executor;
        this.root.set(root.toAbsolutePath().normalize());
        this.watcher = new RunWatcher(this.root.get());
    }

    /**
     * Shows the runs of another folder (the window's folder of runs was switched): the list empties at once and
     * fills from the new folder at the next look, which starts now; a look at the old folder still under way is
     * thrown away when it ends.
     */
    public void switchTo(Path folder) {
        Path now = folder.toAbsolutePath().normalize();
        if (now.equals(root.get())) {
            return;
        }
        generation++;
        root.set(now);
        watcher = new RunWatcher(now);
        byId.clear();
        runs.clear();
        running.set(0);
        problem.set("");
        looking = false;
        poll();
    }

    /** Looks at the folder unless a look is under way; what changed arrives on the UI thread. */
    public void poll() {
        if (looking || closed) {
            return;
        }
        looking = true;
        int looked = generation;
        RunWatcher w = watcher;
        Path folder = root.get();
        executor.submit("Reading the runs folder", (progress, cancel) -> w.scan(), outcome -> {
            if (looked != generation) {
                return; // the folder was switched while this look was under way
            }
            looking = false;
            if (outcome instanceof Outcome.Done<RunWatcher.Scan> done) {
                apply(done.value());
                problem.set("");
            } else if (outcome instanceof Outcome.Failed<RunWatcher.Scan> failed) {
                String why = failed.error().getMessage();
                problem.set(folder + ": cannot be read (" + (why == null ? failed.error().getClass().getSimpleName()
                        : why) + ")");
            }
            looks.set(looks.get() + 1);
            afterLook.forEach(Runnable::run);
        });
    }

    private void apply(RunWatcher.Scan scan) {
        for (RunUpdate u : scan.updates()) {
            RunRecord r = byId.get(u.summary().id());
            if (r == null) {
                r = new RunRecord(u.summary());
                byId.put(r.id(), r);
            }
            r.apply(u);
        }
        byId.keySet().retainAll(scan.present());
        List<RunRecord> ordered = scan.present().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        if (!ordered.equals(runs)) {
            runs.setAll(ordered);
        }
        running.set((int) runs.stream().filter(r -> r.summary().isRunning()).count());
    }

    /** Stops looking at the folder (the window is closing); the runs themselves go on. */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Runs newest first; changes on the UI thread only. */
    public ObservableList<RunRecord> runs() {
        return readOnly;
    }

    public Optional<RunRecord> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The folder shown now. */
    public Path root() {
        return root.get();
    }

    /**
     * The MLflow tracking server new runs of this window also log to (File > MLflow tracking server...; empty: none),
     * filled into the run form's "MLflow server" when a preset names none.
     */
    public javafx.beans.property.StringProperty mlflowTrackingProperty() {
        return mlflowTracking;
    }

    public ReadOnlyObjectProperty<Path> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** How many runs have a live engine process. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** How many looks at the folder have completed (tests wait on it). */
    public ReadOnlyIntegerProperty looksProperty() {
        return looks.getReadOnlyProperty();
    }

    /** Why the folder could not be read at the last look, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Runs after every look, on the UI thread. */
    public void afterEachLook(Runnable r) {
        afterLook.add(r);
    }
}
