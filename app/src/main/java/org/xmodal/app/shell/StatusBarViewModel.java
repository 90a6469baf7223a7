package org.xmodal.app.shell;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.xmodal.app.task.LongWork;
import org.xmodal.app.task.Outcome;
import org.xmodal.app.task.ProgressSample;
import org.xmodal.app.task.RunningTask;

/**
 * The status bar's state: the engine (probed once, off the UI thread), how many runs are training, and the long
 * job in front (the one started last), whose progress is copied from its {@link ProgressSample} only when {@link #sample()} is called, which the
 * view does on a timer.
 */
public final class StatusBarViewModel {
    public static final String PROBING = "engine: probing...";

    private final LongWork work;
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper(this, "engine", PROBING);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(this, "working");
    private final ReadOnlyStringWrapper workText = new ReadOnlyStringWrapper(this, "workText", "");
    private final ReadOnlyDoubleWrapper workProgress = new ReadOnlyDoubleWrapper(this, "workProgress", -1);
    private final ReadOnlyStringWrapper runs = new ReadOnlyStringWrapper(this, "runs", "");

    public StatusBarViewModel(LongWork work) {
        this.work = work;
    }

    /** Starts the probe; the engine line says "probing..." until it is known. */
    public void probeEngine(EngineProbe probe) {
        engine.set(PROBING);
        work.executor().submit("Probing the engine", (progress, cancel) -> probe.describe(), outcome -> {
            if (outcome instanceof Outcome.Done<String> done) {
                engine.set(done.value());
            } else if (outcome instanceof Outcome.Failed<String> failed) {
                String why = failed.error().getMessage();
                engine.set("engine unavailable: " + (why == null ? failed.error().getClass().getSimpleName() : why));
            }
        });
    }

    /** Says how many runs are training (whatever started them), as the folder of runs tells. */
    public void watchRuns(javafx.beans.value.ObservableIntegerValue running) {
        running.addListener((obs, o, n) -> runs.set(runsText(n.intValue())));
        runs.set(runsText(running.get()));
    }

    static String runsText(int running) {
        return running == 0 ? "" : running == 1 ? "1 run training" : running + " runs training";
    }

    /** Copies the front job's latest progress into the properties. */
    public void sample() {
        if (work.running().isEmpty()) {
            working.set(false);
            workText.set("");
            workProgress.set(-1);
            return;
        }
        RunningTask front = work.running().get(work.running().size() - 1);
        ProgressSample.Snapshot s = front.progress().latest();
        int others = work.running().size() - 1;
        String text = s.message().isBlank() ? front.title() : s.message();
        if (front.isCancelRequested()) {
            text = front.title() + ": cancelling...";
        }
        workText.set(others > 0 ? text + " (+" + others + " more)" : text);
        workProgress.set(s.fraction() < 0 ? -1 : Math.min(1, s.fraction()));
        working.set(true);
    }

    /** Asks the front job to stop. */
    public void cancelWork() {
        if (!work.running().isEmpty()) {
            work.running().get(work.running().size() - 1).cancel();
            sample();
        }
    }

    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    /** "2 runs training", or empty. */
    public ReadOnlyStringProperty runsProperty() {
        return runs.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty workTextProperty() {
        return workText.getReadOnlyProperty();
    }

    /** 0..1, or -1 when the amount of work is unknown. */
    public ReadOnlyDoubleProperty workProgressProperty() {
        return workProgress.getReadOnlyProperty();
    }
}
