package org.xmodal.app.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.FileTail;
import org.xmodal.app.runs.RunControl;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunLibrary;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.Outcome;
import org.xmodal.engine.cluster.ExperimentJobs;
import org.xmodal.engine.cluster.Slurm;
import org.xmodal.engine.experiment.ExperimentStages;

/**
 * The Experiments page: the experiments kept in the window's folder of runs ({@code experiments/<name>/}), each
 * followed stage by stage while its engine runs (the stages the engine planned, each stage's run and its progress
 * from the folder of runs), and starting, stopping and continuing them. An experiment is one engine process
 * ({@code ./xmodal experiment ...}) of its own: it goes on when the window closes, and its runs are normal runs,
 * listed in Runs, Filters and Features with the others.
 */
public final class ExperimentsViewModel {
    /** One line of the selected experiment's stages. */
    public record StageRow(String label, String state, double fraction, String run) {
    }

    private final WorkbenchContext context;
    private final RunLibrary library;
    private final RunControl control;
    private final ExperimentForm form;
    private final ObservableList<ExperimentFolder> experiments = FXCollections.observableArrayList();
    private final ObjectProperty<ExperimentFolder> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<StageRow> stages = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyDoubleWrapper overall = new ReadOnlyDoubleWrapper(this, "overall", 0);
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canContinue = new ReadOnlyBooleanWrapper(this, "canContinue");
    private final ReadOnlyBooleanWrapper canOpen = new ReadOnlyBooleanWrapper(this, "canOpen");
    private final ReadOnlyStringWrapper log = new ReadOnlyStringWrapper(this, "log", "");
    private final Map<Path, EngineProcesses.Child> children = new HashMap<>();
    private final Set<Path> stopping = new HashSet<>();
    private final Map<Path, FileTail> logs = new HashMap<>();
    private final List<String> logLines = new ArrayList<>();
    private Path logShown;
    /** The experiment just started here, chosen as soon as it is listed. */
    private Path choose;
    private boolean scanning;

    public ExperimentsViewModel(WorkbenchContext context) {
        this.context = context;
        this.library = context.runs();
        this.control = new RunControl(context.runsSetup().engine(), library::root);
        this.form = new ExperimentForm(context, library::root);
        library.afterEachLook(this::look);
        library.rootProperty().addListener((obs, o, n) -> {
            experiments.clear();
            selected.set(null);
            form.suggestName();
        });
        selected.addListener((obs, o, n) -> refreshSelected());
        context.experimentDrafts().handleWith(form::fill);
    }

    public ExperimentForm form() {
        return form;
    }

    /** Starts the experiment the form describes; it appears in the list at the next look. */
    public void start() {
        Optional<ExperimentForm.Start> start = form.validated();
        if (start.isEmpty()) {
            context.problems().report(new Problem("The experiment cannot start", form.problemProperty().get(),
                    "Correct the field the message names, then Start again."));
            return;
        }
        launch(start.get().folder(), start.get().launch(), "start");
        choose = start.get().folder();
        form.taken(start.get().folder());
    }

    /** Starts the selected experiment's command again: finished runs are reused, the interrupted one resumed. */
    public void continueSelected() {
        ExperimentFolder e = selected.get();
        if (e == null || e.launch() == null || isRunning(e)) {
            return;
        }
        launch(e.folder(), e.launch(), "continue");
    }

    private void launch(Path folder, ExperimentLaunch launch, String verb) {
        context.executor().submit("Starting experiment " + folder.getFileName(), (progress, cancel) -> {
            Path logs = library.root().resolve(EngineProcesses.LOGS);
            EngineProcesses.Child child = context.runsSetup().engine().start("experiment " + folder.getFileName(),
                    logs, launch.arguments(folder));
            launch.withLog(child.log()).write(folder);
            return child;
        }, outcome -> {
            if (outcome instanceof Outcome.Done<EngineProcesses.Child> done) {
                children.put(folder, done.value());
                stopping.remove(folder);
                library.poll();
            } else if (outcome instanceof Outcome.Failed<EngineProcesses.Child> failed) {
                context.problems().report(Problems.describe("Could not " + verb + " the experiment "
                        + folder.getFileName(), failed.error()));
            }
        });
    }

    /**
     * Stops the selected experiment cleanly: its engine checkpoints the run under way and exits; Continue goes on
     * from there.
     */
    public void stopSelected() {
        ExperimentFolder e = selected.get();
        if (e == null) {
            return;
        }
        EngineProcesses.Child child = children.get(e.folder());
        stopping.add(e.folder());
        if (child != null && child.process().isAlive()) {
            child.process().destroy();
            return;
        }
        if (onSlurm(e)) {
            context.executor().submit("Cancelling the Slurm jobs of " + e.name(), (p, c) ->
                    ExperimentJobs.cancel(e.folder(), Slurm.onPath()), outcome -> {
                        if (outcome instanceof Outcome.Failed<Integer> failed) {
                            context.problems().report(Problems.describe("Could not cancel the Slurm jobs of "
                                    + e.name(), failed.error()));
                        }
                        library.poll();
                    });
            return;
        }
        // started elsewhere (a terminal, an earlier session): its engine is the process of the run under way
        Optional<RunRecord> run = runOf(e, e.current());
        try {
            control.stop(run.orElseThrow(() -> new IllegalArgumentException(e.name()
                    + " has no stage under way")).summary());
        } catch (IllegalArgumentException ex) {
            context.problems().report(new Problem("Could not stop " + e.name(), ex.getMessage(),
                    "It may have ended already: its stages show where it stopped."));
        }
    }

    /** Opens the selected (finished) experiment in Results. */
    public void openSelected() {
        ExperimentFolder e = selected.get();
        if (e != null && e.finished()) {
            context.experiments().request(e.folder());
        }
    }

    /** Whether runs of the experiment are Slurm jobs still queued or running. */
    private boolean onSlurm(ExperimentFolder e) {
        return e.stages().stages().stream().filter(s -> s.state() == ExperimentStages.State.QUEUED)
                .map(s -> runOf(e, s)).flatMap(Optional::stream)
                .anyMatch(r -> r.summary().hasActiveJob() || r.summary().isRunning());
    }

    private boolean isRunning(ExperimentFolder e) {
        EngineProcesses.Child child = children.get(e.folder());
        if (child != null && child.process().isAlive()) {
            return true;
        }
        if (onSlurm(e)) {
            return true;
        }
        return runOf(e, e.current()).map(r -> r.summary().isRunning()).orElse(false);
    }

    private Optional<RunRecord> runOf(ExperimentFolder e, ExperimentStages.Stage stage) {
        if (stage == null || stage.run() == null) {
            return Optional.empty();
        }
        return library.find(library.root().relativize(e.layout().run(stage.run())).toString());
    }

    /** After each look at the folder of runs: reads the experiments (off the UI thread), and tells ended engines. */
    private void look() {
        reapEnded();
        if (scanning) {
            refreshSelected();
            return;
        }
        scanning = true;
        Path root = library.root();
        Path shownLog = logShown;
        FileTail tail = shownLog == null ? null : logs.computeIfAbsent(shownLog, FileTail::new);
        context.executor().submit("Reading the experiments", (progress, cancel) -> {
            FileTail.Chunk chunk = tail == null ? null : tail.read();
            return new Look(ExperimentFolder.scan(root), chunk == null ? List.of() : chunk.lines());
        }, outcome -> {
            scanning = false;
            if (!root.equals(library.root())) {
                return;
            }
            if (outcome instanceof Outcome.Done<Look> done) {
                apply(done.value().experiments());
                if (shownLog != null && shownLog.equals(logShown)) {
                    appendLog(done.value().logLines());
                }
            }
            refreshSelected();
        });
    }

    private record Look(List<ExperimentFolder> experiments, List<String> logLines) {
    }

    private void apply(List<ExperimentFolder> read) {
        if (!read.equals(experiments)) {
            String keep = selected.get() == null ? null : selected.get().name();
            experiments.setAll(read);
            if (keep != null) {
                experiments.stream().filter(x -> x.name().equals(keep)).findFirst().ifPresent(selected::set);
            }
        }
        if (choose != null) {
            Path wanted = choose;
            experiments.stream().filter(x -> x.folder().equals(wanted)).findFirst().ifPresent(x -> {
                choose = null;
                selected.set(x);
            });
        }
    }

    private void reapEnded() {
        var it = children.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            EngineProcesses.Child c = entry.getValue();
            if (c.process().isAlive()) {
                continue;
            }
            it.remove();
            int code = c.process().exitValue();
            boolean stoppedByUser = stopping.remove(entry.getKey());
            if (code != 0 && !stoppedByUser && code != 130) {
                context.problems().report(new Problem("The experiment " + entry.getKey().getFileName() + " failed",
                        EngineProcesses.lastWords(c.log()), "Its stages show where it stopped; its log is "
                        + c.log() + ". Correct what the message names, then Continue: finished runs are reused."));
            }
        }
    }

    private void refreshSelected() {
        ExperimentFolder e = selected.get();
        if (e == null) {
            stages.clear();
            status.set(experiments.isEmpty() ? "No experiments in " + library.root().resolve(ExperimentFolder.FOLDER)
                    + " yet: start one with the form." : "Choose an experiment to follow its stages.");
            overall.set(0);
            canStop.set(false);
            canContinue.set(false);
            canOpen.set(false);
            showLog(null);
            return;
        }
        List<StageRow> rows = new ArrayList<>();
        double sum = 0;
        for (ExperimentStages.Stage s : e.stages().stages()) {
            double f = s.state().isDone() ? 1 : 0;
            String state = StageText.state(s.state());
            Optional<RunRecord> run = runOf(e, s);
            if (!s.state().isDone() && run.isPresent() && run.get().summary().fraction() >= 0) {
                f = run.get().summary().fraction();
                if (run.get().summary().isRunning()) {
                    state = StageText.running(run.get().summary());
                }
            }
            if (s.state() == ExperimentStages.State.QUEUED && run.isPresent()) {
                state = StageText.onSlurm(run.get().summary());
                if (run.get().summary().status().state() == org.xmodal.engine.run.RunStatus.State.FINISHED) {
                    f = 1;
                }
            }
            sum += f;
            rows.add(new StageRow(s.label(), state, f, s.run() == null ? "" : s.run()));
        }
        if (!rows.equals(stages)) {
            stages.setAll(rows);
        }
        boolean slurm = onSlurm(e);
        boolean running = slurm || isRunning(e);
        overall.set(e.finished() ? 1 : rows.isEmpty() ? 0 : sum / rows.size());
        status.set(slurm ? StageText.slurmStatus(rows.size(), rows.stream().filter(r -> r.fraction() >= 1)
                .count()) : StageText.status(e, running));
        canStop.set(running);
        canContinue.set(!running && !e.finished() && e.launch() != null);
        canOpen.set(e.finished());
        showLog(e.launch() == null || e.launch().log() == null ? null : Path.of(e.launch().log()));
    }

    private void showLog(Path file) {
        if (file == null ? logShown == null : file.equals(logShown)) {
            return;
        }
        logShown = file;
        logLines.clear();
        logs.remove(file);
        log.set("");
    }

    private void appendLog(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        logLines.addAll(lines);
        if (logLines.size() > 200) {
            logLines.subList(0, logLines.size() - 200).clear();
        }
        log.set(String.join("\n", logLines));
    }

    public ObservableList<ExperimentFolder> experiments() {
        return experiments;
    }

    public ObjectProperty<ExperimentFolder> selectedProperty() {
        return selected;
    }

    public ObservableList<StageRow> stages() {
        return stages;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty overallProperty() {
        return overall.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canContinueProperty() {
        return canContinue.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canOpenProperty() {
        return canOpen.getReadOnlyProperty();
    }

    /** The last lines of the selected experiment's engine log (when the window started it). */
    public ReadOnlyStringProperty logProperty() {
        return log.getReadOnlyProperty();
    }

    public RunLibrary library() {
        return library;
    }

    /** The engine processes this window started and that still run. */
    public List<EngineProcesses.Child> children() {
        return List.copyOf(children.values());
    }
}
