package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.Outcome;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.cluster.ClusterRuns;
import org.xmodal.engine.cluster.Slurm;
import org.xmodal.engine.cluster.SlurmOptions;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.app.NewRunRequests;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/**
 * The runs view: the table of runs (whatever started them), the page of the chosen run, the form of a new run and
 * the comparison of two runs' specs; starting, stopping, resuming and cloning runs. Runs are engine processes: this
 * window starts them and reads what they write, nothing more, so closing it leaves them running.
 */
public final class RunsViewModel {
    private final javafx.beans.property.BooleanProperty onSlurm = new javafx.beans.property.SimpleBooleanProperty(this,
            "onSlurm");

    /** What the lower half of the view shows. */
    public enum Mode { PAGE, FORM, DIFF }

    private final WorkbenchContext context;
    private final RunLibrary library;
    private final RunControl control;
    private final RunFormViewModel form;
    private final RunPageViewModel page = new RunPageViewModel();
    private final ObjectProperty<RunRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<RunRecord> chosen = FXCollections.observableArrayList();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.PAGE);
    private final ObservableList<SpecDiff.Row> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffTitle = new ReadOnlyStringWrapper(this, "diffTitle", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyBooleanWrapper canClone = new ReadOnlyBooleanWrapper(this, "canClone");
    private final ReadOnlyBooleanWrapper canCompare = new ReadOnlyBooleanWrapper(this, "canCompare");
    private List<RunControl.Ended> ended = List.of();
    private long awaitedPid = -1;
    private String stopping;

    public RunsViewModel(WorkbenchContext context) {
        this.context = context;
        this.library = context.runs();
        this.control = new RunControl(context.runsSetup().engine(), library::root);
        this.form = new RunFormViewModel(context.executor(), context.runsSetup().devices(),
                Presets.workbenchRoot().orElse(null), library);
        page.runProperty().bind(selected);
        selected.addListener((obs, o, n) -> {
            updateActions();
            if (n != null && mode.get() == Mode.DIFF && chosen.size() < 2) {
                mode.set(Mode.PAGE);
            }
        });
        chosen.addListener((javafx.collections.ListChangeListener<RunRecord>) c -> updateActions());
        library.afterEachLook(this::afterLook);
    }

    private void afterLook() {
        for (RunControl.Ended e : ended) {
            report(e);
        }
        ended = control.reapEnded();
        if (awaitedPid > 0) {
            library.runs().stream().filter(r -> r.summary().pid() == awaitedPid).findFirst().ifPresent(r -> {
                awaitedPid = -1;
                selected.set(r);
                notice.set("");
            });
        }
        if (stopping != null && library.find(stopping).map(r -> !r.summary().isRunning()
                && !r.summary().hasActiveJob()).orElse(true)) {
            stopping = null;
            notice.set("");
        }
        if (selected.get() != null && !library.runs().contains(selected.get())) {
            selected.set(null);
        }
        updateActions();
    }

    /** Tells the person why a child this window started ended badly; a stop or a finish is no news. */
    private void report(RunControl.Ended e) {
        Optional<RunRecord> run = library.runs().stream().filter(r -> r.summary().pid() == e.child().pid())
                .findFirst();
        RunStatus.State state = run.map(r -> r.summary().status().state()).orElse(null);
        if (state == RunStatus.State.FINISHED || state == RunStatus.State.STOPPED) {
            return;
        }
        if (state == RunStatus.State.FAILED) {
            String why = run.get().summary().status().message();
            List<Long> checkpoints = run.get().summary().checkpoints();
            // "resume from its last checkpoint" is advice only for a run that has one
            String advice = checkpoints.isEmpty()
                    ? "It failed before its first checkpoint: change what it names (Clone with changes), or, once "
                    + "what it needs has been put right, Resume starts it again from the beginning."
                    : "Change what it names (Clone with changes), or resume it from its last checkpoint (step "
                    + checkpoints.get(checkpoints.size() - 1) + ").";
            context.problems().report(new Problem("The run " + run.get().id() + " failed",
                    why == null ? EngineProcesses.lastWords(e.child().log()) : why,
                    advice + " The engine's output is in " + e.child().log()));
            return;
        }
        if (e.exitCode() == 0 || e.exitCode() == 143) {
            return;
        }
        if (awaitedPid == e.child().pid()) {
            awaitedPid = -1;
            notice.set("");
        }
        context.problems().report(new Problem("Could not " + e.child().what(),
                EngineProcesses.lastWords(e.child().log()) + " (exit status " + e.exitCode() + ")",
                "Fix what it names and try again. The engine's output is in " + e.child().log()));
    }

    private void updateActions() {
        RunRecord r = selected.get();
        RunSummary s = r == null ? null : r.summary();
        canStop.set(s != null && (s.isRunning() || s.hasActiveJob()));
        // a run sent to Slurm whose job left the queue before it started can be sent again too
        boolean resumable = s != null && (s.status().canResume() || s.job() != null
                && s.status().state() == RunStatus.State.CREATED);
        canResume.set(resumable && s.spec().problem() == null && !s.hasActiveJob());
        canClone.set(s != null && s.spec().problem() == null);
        canCompare.set(chosen.size() == 2);
    }

    /** Opens the form of a new run, filled from a preset. */
    public void newRun() {
        form.newRun();
        mode.set(Mode.FORM);
    }

    /** Opens the form of a new run filled with what another view asked for (the lab's encoding). */
    public void newRunFrom(NewRunRequests.Request r) {
        form.newRunFrom(r);
        mode.set(Mode.FORM);
    }

    /** Opens the form filled with the chosen run's spec. */
    public void cloneSelected() {
        RunRecord r = selected.get();
        if (r == null) {
            return;
        }
        context.executor().submit("Reading " + r.id() + "'s spec", (p, c) -> RunDirectory.open(r.path()).spec(),
                outcome -> {
                    if (outcome instanceof Outcome.Done<RunSpec> done) {
                        form.cloneOf(r.id(), done.value());
                        mode.set(Mode.FORM);
                    } else if (outcome instanceof Outcome.Failed<RunSpec> failed) {
                        context.problems().report(Problems.describe("Could not clone " + r.id(), failed.error()));
                    }
                });
    }

    /** Writes the form's spec beside the runs and starts {@code xmodal run} on it in a child process. */
    public void start() {
        Optional<RunSpec> spec = form.spec();
        if (spec.isEmpty()) {
            context.problems().report(new Problem("The run cannot start", form.problemProperty().get(),
                    "Change the field it names."));
            return;
        }
        RunSpec s = spec.get();
        String name = s.name() == null || s.name().isBlank() ? s.kind().id() : s.name();
        if (onSlurm.get()) {
            submit(s, name);
            return;
        }
        notice.set("Starting " + name + "...");
        context.executor().submit("Starting " + name, (p, c) -> {
            return control.start(writeSpec(s, name), name);
        }, outcome -> started(outcome, "start " + name));
        mode.set(Mode.PAGE);
    }

    /** Where a run started from the form trains: this machine (false) or Slurm (true). */
    public javafx.beans.property.BooleanProperty onSlurmProperty() {
        return onSlurm;
    }

    /**
     * Sends the form's run to Slurm ({@code xmodal submit --spec}, the cluster profile's options): the run's folder is
     * made at once and shows in the table with its job's state.
     */
    private void submit(RunSpec s, String name) {
        notice.set("Submitting " + name + " to Slurm...");
        context.executor().submit("Submitting " + name + " to Slurm", (p, c) -> {
            Path file = writeSpec(s, name);
            EngineProcesses.Child child = control.submit(file, name);
            if (!child.process().waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                child.process().destroy();
                throw new java.io.IOException("xmodal submit did not answer within 2 minutes (is Slurm up?)");
            }
            if (child.process().exitValue() != 0) {
                throw new IllegalArgumentException(EngineProcesses.lastWords(child.log()));
            }
            return EngineProcesses.lastWords(child.log());
        }, outcome -> {
            if (outcome instanceof Outcome.Done<String> done) {
                notice.set(done.value());
                mode.set(Mode.PAGE);
                library.poll();
            } else if (outcome instanceof Outcome.Failed<String> failed) {
                notice.set("");
                context.problems().report(Problems.describe("Could not submit " + name + " to Slurm",
                        failed.error()));
            }
        });
    }

    private Path writeSpec(RunSpec s, String name) throws java.io.IOException {
        Path file = library.root().resolve(".specs").resolve(LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + "-" + slug(name) + ".json");
        Json.writeAtomically(s, file);
        return file;
    }

    public void resumeSelected() {
        RunRecord r = selected.get();
        if (r == null) {
            return;
        }
        RunSummary s = r.summary();
        if (s.job() != null) {
            resubmit(r);
            return;
        }
        notice.set("Resuming " + r.id() + "...");
        context.executor().submit("Resuming " + r.id(), (p, c) -> control.resume(s),
                outcome -> started(outcome, "resume " + r.id()));
    }

    private void started(Outcome<EngineProcesses.Child> outcome, String what) {
        if (outcome instanceof Outcome.Done<EngineProcesses.Child> done) {
            awaitedPid = done.value().pid();
            notice.set("Engine started (pid " + awaitedPid + "); waiting for it to write its run folder...");
            library.poll();
        } else if (outcome instanceof Outcome.Failed<EngineProcesses.Child> failed) {
            notice.set("");
            context.problems().report(Problems.describe("Could not " + what, failed.error()));
        }
    }

    /**
     * A run that was sent to Slurm resumes there: a new job (the cluster profile's options) that resumes it from its
     * newest checkpoint, as {@code xmodal submit RUN_DIR} does.
     */
    private void resubmit(RunRecord r) {
        notice.set("Submitting " + r.id() + " to Slurm again...");
        context.executor().submit("Submitting " + r.id() + " to Slurm", (p, c) -> ClusterRuns.resubmit(
                RunDirectory.open(r.path()), SlurmOptions.read(SlurmOptions.standardProfile(), false),
                Slurm.onPath()), outcome -> {
                    if (outcome instanceof Outcome.Done<String> done) {
                        notice.set("Slurm job " + done.value() + " resumes " + r.id() + " (log: slurm-"
                                + done.value() + ".out in its folder)");
                        library.poll();
                    } else if (outcome instanceof Outcome.Failed<String> failed) {
                        notice.set("");
                        context.problems().report(Problems.describe("Could not submit " + r.id() + " to Slurm",
                                failed.error()));
                    }
                });
    }

    /**
     * Asks the chosen run's engine to stop cleanly (it writes a checkpoint, then a "stopped" event); a run on Slurm
     * by cancelling its job ({@code scancel}: the engine gets SIGTERM and does the same; a job still queued just
     * leaves the queue).
     */
    public void stopSelected() {
        RunRecord r = selected.get();
        if (r == null) {
            return;
        }
        ClusterJob job = r.summary().job();
        if (job != null && job.isActive()) {
            stopping = r.id();
            notice.set("Cancelling Slurm job " + job.id() + " of " + r.id() + " (it writes a checkpoint first)...");
            context.executor().submit("Cancelling Slurm job " + job.id(), (p, c) -> {
                Slurm.onPath().cancel(job.id());
                return job.id();
            }, outcome -> {
                if (outcome instanceof Outcome.Failed<String> failed) {
                    stopping = null;
                    notice.set("");
                    context.problems().report(Problems.describe("Could not cancel Slurm job " + job.id(),
                            failed.error()));
                }
            });
            return;
        }
        try {
            control.stop(r.summary());
            stopping = r.id();
            notice.set("Stopping " + r.id() + " (it writes a checkpoint first)...");
        } catch (IllegalArgumentException e) {
            context.problems().report(new Problem("Could not stop " + r.id(), e.getMessage(),
                    "The table shows the run's state as its folder says; resume it to continue."));
        }
    }

    /** Compares the specs of the two runs chosen in the table. */
    public void compareChosen() {
        if (chosen.size() != 2) {
            return;
        }
        RunRecord a = chosen.get(0);
        RunRecord b = chosen.get(1);
        context.executor().submit("Comparing specs", (p, c) -> SpecDiff.between(
                a.path().resolve(RunDirectory.SPEC), b.path().resolve(RunDirectory.SPEC)), outcome -> {
                    if (outcome instanceof Outcome.Done<List<SpecDiff.Row>> done) {
                        diff.setAll(done.value());
                        long n = done.value().stream().filter(SpecDiff.Row::differs).count();
                        diffTitle.set(a.id() + "  vs  " + b.id() + ": " + n + " field" + (n == 1 ? "" : "s")
                                + " differ");
                        mode.set(Mode.DIFF);
                    } else if (outcome instanceof Outcome.Failed<List<SpecDiff.Row>> failed) {
                        context.problems().report(Problems.describe("Could not compare the specs", failed.error()));
                    }
                });
    }

    public boolean startedHere(RunRecord r) {
        return control.startedHere(r.summary().pid());
    }

    private static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+.-]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "run" : t;
    }

    public RunLibrary library() {
        return library;
    }

    public RunFormViewModel form() {
        return form;
    }

    public RunPageViewModel page() {
        return page;
    }

    public ObjectProperty<RunRecord> selectedProperty() {
        return selected;
    }

    /** The runs chosen in the table (two of them can be compared). */
    public ObservableList<RunRecord> chosen() {
        return chosen;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ObservableList<SpecDiff.Row> diff() {
        return diff;
    }

    public ReadOnlyStringProperty diffTitleProperty() {
        return diffTitle.getReadOnlyProperty();
    }

    /** What the view is waiting for (a run starting, a run stopping), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCloneProperty() {
        return canClone.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCompareProperty() {
        return canCompare.getReadOnlyProperty();
    }
}
