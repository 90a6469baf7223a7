package org.xmodal.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import org.xmodal.app.data.DataView;
import org.xmodal.app.data.Layer;
import org.xmodal.app.data.PairViewerViewModel;
import org.xmodal.app.experiments.ExperimentFolder;
import org.xmodal.app.lesson.Lesson;
import org.xmodal.app.lesson.LessonStep;
import org.xmodal.app.lesson.LessonView;
import org.xmodal.app.experiments.ExperimentsView;
import org.xmodal.app.experiments.ExperimentsViewModel;
import org.xmodal.app.experiments.GuidedStart;
import org.xmodal.app.features.FeaturesView;
import org.xmodal.app.features.FeaturesViewModel;
import org.xmodal.app.filters.FiltersView;
import org.xmodal.app.filters.FiltersViewModel;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.Presets;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.runs.RunsView;
import org.xmodal.app.results.ApTable;
import org.xmodal.app.results.Experiment;
import org.xmodal.app.results.ResultsView;
import org.xmodal.app.results.ResultsViewModel;
import org.xmodal.app.runs.RunsViewModel;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.run.RunDirectory;

/**
 * {@code ./xmodal screenshots --out DIR [--runs DIR] [--experiment DIR]}: opens the workbench on the bundled sample
 * data without a display (Monocle's headless glass, software rendering), walks through the views as a person would,
 * and writes a PNG of the window at each step. The runs, filters and features views show the runs of the folder of
 * runs (the workbench's own unless {@code --runs} says otherwise); when it has no finished teacher and transfer run,
 * short ones are run first (engine processes, a few minutes) in a temporary folder. The results view shows the
 * Table 1 experiment given with {@code --experiment} (made by {@code ./xmodal experiment table1}, which takes far
 * longer than a screenshot should); without one it is not rendered, and a line on stderr says so.
 */
final class ScreenshotCommand {
    /** A pair of the sample with several objects, a floor in view and the horizon outside the image. */
    private static final int SAMPLE_PAIR = 7;
    /** The longest a lesson screen may take to show its artefact here (the budget is 90 s a screen). */
    private static final long LESSON_WAIT_SECONDS = 180;

    private final Path out;
    private final HeadlessWorkbench w;
    private final Path experiment;

    private ScreenshotCommand(Path out, HeadlessWorkbench w, Path experiment) {
        this.out = out;
        this.w = w;
        this.experiment = experiment;
    }

    /**
     * Renders the views into {@code outArg}, from the runs in {@code runsArg} (null: the standard folder) and the
     * experiment in {@code experimentArg} (null: the results view is left out); the exit code.
     */
    static int run(Path outArg, Path runsArg, Path experimentArg) {
        Optional<SampleData> sample = SampleData.locate();
        if (sample.isEmpty()) {
            System.err.println("xmodal screenshots: the bundled sample data was not found (run it through ./xmodal, "
                    + "which sets -Dxmodal.root, or from the repository root)");
            return 2;
        }
        if (experimentArg != null && !new ExperimentLayout(experimentArg.toAbsolutePath().normalize()).isFinished()) {
            System.err.println("xmodal screenshots: " + experimentArg + ": not an experiment folder (no "
                    + "results/summary.json; give the folder ./xmodal experiment table1 --out wrote)");
            return 2;
        }
        if (System.getProperty("xmodal.config") == null) {
            // the results view remembers the experiments it opens: not in the person's own list
            try {
                System.setProperty("xmodal.config", Files.createTempDirectory("xmodal-screenshot-config").toString());
            } catch (IOException e) {
                System.err.println("xmodal screenshots: no temporary folder (" + e.getMessage() + ")");
                return 1;
            }
        }
        Path out = outArg.toAbsolutePath();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("xmodal screenshots: " + out + ": cannot be created (" + e.getMessage() + ")");
            return 2;
        }
        try {
            RunsSetup standard = RunsSetup.standard();
            Path runs = runsArg != null ? runsArg.toAbsolutePath() : standard.root();
            if (!DemoRuns.present(runs)) {
                Path demo = Files.createTempDirectory("xmodal-screenshot-runs");
                System.err.println("xmodal screenshots: " + runs + " has no finished teacher and transfer runs; "
                        + "making short ones in " + demo);
                DemoRuns.make(demo, Presets.workbenchRoot().orElseThrow(), standard.engine());
                runs = demo;
            }
            try (HeadlessWorkbench w = HeadlessWorkbench.open(sample.get(), RunsSetup.inFolder(runs,
                    EngineProcesses.likeThisJvm()))) {
                return new ScreenshotCommand(out, w, experimentArg == null ? null
                        : experimentArg.toAbsolutePath().normalize()).render();
            }
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("xmodal screenshots: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("xmodal screenshots: failed: " + e);
            return 1;
        } finally {
            javafx.application.Platform.exit();
        }
    }

    private int render() throws Exception {
        w.settle();
        DataView data = HeadlessWorkbench.onFx(() -> (DataView) w.shell.show("Data"));
        PairViewerViewModel viewer = data.viewerModel();
        HeadlessWorkbench.onFx(() -> w.context.session().selectedPairProperty().set(
                w.context.session().dataset().pairs().get(SAMPLE_PAIR)));
        w.settle();
        shot("data-rgb-boxes", () -> viewer.layerProperty().set(Layer.RGB));
        shot("data-depth", () -> {
            viewer.layerProperty().set(Layer.DEPTH);
            viewer.inspect(80.5, 100.5);
        });
        shot("data-hha", () -> {
            viewer.layerProperty().set(Layer.HHA);
            viewer.showBoxesProperty().set(false);
            viewer.inspect(80.5, 100.5);
        });
        shot("data-swipe-rgb-depth", () -> {
            viewer.layerProperty().set(Layer.RGB);
            viewer.compareLayerProperty().set(Layer.DEPTH);
            viewer.compareProperty().set(PairViewerViewModel.CompareMode.SWIPE);
            viewer.clearInspection();
        });
        shot("encoding-lab-hha", () -> {
            viewer.compareProperty().set(PairViewerViewModel.CompareMode.NONE);
            viewer.showBoxesProperty().set(true);
            w.shell.show("Encoding lab");
        });
        runViews();
        experimentsView();
        if (experiment != null) {
            resultsView();
        } else {
            System.err.println("xmodal screenshots: no --experiment DIR given, so the results view is not rendered (it"
                    + " shows a folder made by ./xmodal experiment table1)");
        }
        lessonViews();
        HeadlessWorkbench.onFx(() -> {
            w.shell.show("Data");
            w.context.session().open(w.context.sample().orElseThrow().flow());
        });
        w.settle();
        shot("data-flow", () -> viewer.layerProperty().set(Layer.FLOW_WHEEL));
        shot("encoding-lab-flow", () -> w.shell.show("Encoding lab"));
        if (!w.problems.isEmpty()) {
            w.problems.forEach(p -> System.err.println("xmodal screenshots: " + p.title() + ": " + p.message()));
            return 1;
        }
        return 0;
    }

    /**
     * Each screen of the lesson once its artefact is there (the transfer run trained, one SGD step taken, the conv1
     * what-if run), walked with the Next button as a lecturer would, each wait written to stderr; then two screens in
     * presenter mode at a projector's 1280 x 720.
     */
    private void lessonViews() throws Exception {
        // the lesson's runs go to a folder of their own: in the folder of runs, the newest transfer would be the
        // lesson's next time, in the runs and features pictures
        Path runs = HeadlessWorkbench.onFx(() -> w.context.runs().root());
        Path lessonRuns = Files.createTempDirectory("xmodal-screenshot-lesson-runs");
        HeadlessWorkbench.onFx(() -> w.context.runs().switchTo(lessonRuns));
        LessonView view = HeadlessWorkbench.onFx(() -> (LessonView) w.shell.show(LessonView.TITLE));
        Lesson lesson = view.lesson();
        for (int i = 0; i < lesson.steps().size(); i++) {
            int k = i;
            LessonStep step = HeadlessWorkbench.onFx(() -> {
                lesson.go(k);
                return lesson.current();
            });
            long start = System.nanoTime();
            HeadlessWorkbench.onFx(step::demonstrate);
            HeadlessWorkbench.waitFor("lesson step " + (k + 1) + " shows its artefact", LESSON_WAIT_SECONDS,
                    () -> step.readyProperty().get());
            System.err.printf(java.util.Locale.ROOT, "xmodal screenshots: lesson step %d (%s) ready after %.1f s%n",
                    k + 1, step.id(), (System.nanoTime() - start) / 1e9);
            String name = HeadlessWorkbench.onFx(view::fileName).replaceFirst("\\.png$", "");
            shot(name, () -> { });
        }
        for (int k : new int[] {3, 6}) {
            HeadlessWorkbench.onFx(() -> {
                lesson.go(k);
                view.presenter(true, 1280, 720);
            });
            w.settle();
            String name = HeadlessWorkbench.onFx(view::fileName).replace("lesson-", "lesson-presenter-");
            WritableImage img = HeadlessWorkbench.onFx(() -> view.screen().getScene().snapshot(null));
            org.xmodal.app.fx.PngFiles.write(img, out.resolve(name));
            System.out.println(out.resolve(name));
            HeadlessWorkbench.onFx(() -> view.presenter(false));
        }
        HeadlessWorkbench.onFx(lesson::stop);
        HeadlessWorkbench.onFx(() -> w.context.runs().switchTo(runs));
    }

    /** The runs, filters and features views on the newest finished teacher and transfer runs. */
    private void runViews() throws Exception {
        Path root = HeadlessWorkbench.onFx(() -> w.context.runs().root());
        String teacherId = DemoRuns.finished(root, "teacher").map(RunDirectory::id).orElseThrow();
        String transferId = DemoRuns.finished(root, "transfer").map(RunDirectory::id).orElseThrow();
        RunsView runs = HeadlessWorkbench.onFx(() -> (RunsView) w.shell.show("Runs"));
        RunsViewModel vm = runs.model();
        HeadlessWorkbench.waitFor("the runs are read", HeadlessWorkbench.TIMEOUT_SECONDS, () ->
                w.context.runs().find(transferId).isPresent() && w.context.runs().find(teacherId).isPresent());
        RunRecord teacher = HeadlessWorkbench.onFx(() -> w.context.runs().find(teacherId).orElseThrow());
        RunRecord transfer = HeadlessWorkbench.onFx(() -> w.context.runs().find(transferId).orElseThrow());
        shot("runs-page", () -> {
            vm.selectedProperty().set(transfer);
            vm.page().logScaleProperty().set(true);
        });
        shot("runs-new-run", vm::newRun);
        HeadlessWorkbench.onFx(() -> {
            vm.chosen().setAll(teacher, transfer);
            vm.compareChosen();
        });
        w.settle();
        shot("runs-compare-specs", () -> { });
        HeadlessWorkbench.onFx(() -> vm.modeProperty().set(RunsViewModel.Mode.PAGE));

        FiltersView filters = HeadlessWorkbench.onFx(() -> (FiltersView) w.shell.show("Filters"));
        FiltersViewModel fvm = filters.model();
        HeadlessWorkbench.onFx(() -> {
            fvm.runProperty().set(transfer);
            fvm.displayProperty().set(FiltersViewModel.Display.CHANNELS);
        });
        HeadlessWorkbench.waitFor("the filters are drawn", HeadlessWorkbench.TIMEOUT_SECONDS,
                () -> fvm.gridProperty().get() != null);
        shot("filters-hha-channels", () -> { });
        HeadlessWorkbench.onFx(() -> ((TabPane) filters.node()).getSelectionModel().select(1));
        HeadlessWorkbench.waitFor("Figure 2 is drawn", HeadlessWorkbench.TIMEOUT_SECONDS,
                () -> fvm.figureProperty().get() != null);
        shot("filters-figure2", () -> { });

        FeaturesView features = HeadlessWorkbench.onFx(() -> (FeaturesView) w.shell.show("Features"));
        FeaturesViewModel xvm = features.model();
        HeadlessWorkbench.onFx(() -> xvm.runProperty().set(transfer));
        HeadlessWorkbench.waitFor("the run's pairs are listed", HeadlessWorkbench.TIMEOUT_SECONDS,
                () -> xvm.pairs().size() > SAMPLE_PAIR);
        HeadlessWorkbench.onFx(() -> xvm.pairProperty().set(xvm.pairs().get(SAMPLE_PAIR)));
        w.settle();
        HeadlessWorkbench.waitFor("the features are compared", HeadlessWorkbench.TIMEOUT_SECONDS,
                () -> xvm.comparisonProperty().get() != null && !xvm.busy());
        shot("features", () -> { });
    }

    /**
     * The Experiments page: its form as the Data view's guided start fills it for the bundled rooms; and, with
     * {@code --experiment}, that experiment stage by stage (shown from a temporary folder of runs that links to it,
     * as a folder of runs chosen in the window holds its experiments, then the folder of runs is switched back).
     */
    private void experimentsView() throws Exception {
        ExperimentsView page = HeadlessWorkbench.onFx(() -> (ExperimentsView) w.shell.show(WorkbenchContext
                .EXPERIMENTS));
        ExperimentsViewModel vm = page.model();
        shot("experiments-guided-start", () -> GuidedStart.draftFor(w.context.session().dataset())
                .ifPresent(w.context.experimentDrafts()::request));
        if (experiment == null) {
            return;
        }
        Path runs = HeadlessWorkbench.onFx(() -> w.context.runs().root());
        Path folder = Files.createTempDirectory("xmodal-screenshot-experiments");
        Path link = folder.resolve(ExperimentFolder.FOLDER).resolve(experiment.getFileName());
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, experiment);
        HeadlessWorkbench.onFx(() -> w.context.runs().switchTo(folder));
        HeadlessWorkbench.waitFor("the experiment is listed", HeadlessWorkbench.TIMEOUT_SECONDS,
                () -> !vm.experiments().isEmpty());
        HeadlessWorkbench.onFx(() -> vm.selectedProperty().set(vm.experiments().get(0)));
        HeadlessWorkbench.waitFor("its stages are shown", HeadlessWorkbench.TIMEOUT_SECONDS,
                () -> !vm.stages().isEmpty());
        shot("experiments-stages", () -> { });
        HeadlessWorkbench.onFx(() -> w.context.runs().switchTo(runs));
    }

    /**
     * The results view on the experiment: its table, the charts of a class and the mistakes of one cell (chair and
     * supervision transfer when the experiment has them; an accuracy experiment has no mistakes to wait for), chosen
     * in the table as a click would; then each arm's gain over the baseline, down to the main metric's row.
     */
    private void resultsView() throws Exception {
        ResultsView view = HeadlessWorkbench.onFx(() -> (ResultsView) w.shell.show("Results"));
        ResultsViewModel vm = view.model();
        HeadlessWorkbench.onFx(() -> vm.open(experiment));
        HeadlessWorkbench.waitFor("the experiment is read", HeadlessWorkbench.TIMEOUT_SECONDS, () ->
                vm.experimentProperty().get() != null && vm.experimentProperty().get().folder().equals(experiment));
        w.settle();
        HeadlessWorkbench.onFx(() -> {
            Experiment e = vm.experimentProperty().get();
            List<String> withTruth = e.classes().stream().filter(c -> !e.withoutTruth().contains(c)).toList();
            String c = withTruth.contains("chair") ? "chair" : withTruth.get(0);
            String arm = e.armNames().contains("transfer") ? "transfer" : e.armNames().get(0);
            @SuppressWarnings("unchecked")
            TableView<ApTable.Row> table = (TableView<ApTable.Row>) view.node().lookup("#ap-table");
            int row = IntStream.range(0, table.getItems().size()).filter(i -> table.getItems().get(i).label()
                    .equals(c)).findFirst().orElseThrow();
            TableColumn<ApTable.Row, ?> column = table.getColumns().stream().filter(x -> arm.equals(x.getUserData()))
                    .findFirst().orElseThrow();
            table.getSelectionModel().select(row, column);
            table.scrollTo(Math.max(0, row - 3));
        });
        w.settle();
        if (vm.experimentProperty().get().detection()) {
            // only detection has mistakes to find; an accuracy experiment (SOCKET, robust) lists its runs instead
            HeadlessWorkbench.waitFor("the mistakes are found", HeadlessWorkbench.TIMEOUT_SECONDS,
                    () -> vm.mistakesProperty().get() != null);
        }
        shot("results", () -> { });
        shot("results-gains", () -> {
            vm.gainsProperty().set(true);
            TableView<?> table = (TableView<?>) view.node().lookup("#ap-table");
            table.scrollTo(table.getItems().size() - 1);
        });
    }

    private void shot(String name, Runnable action) throws Exception {
        HeadlessWorkbench.onFx(action);
        w.settle();
        WritableImage img = HeadlessWorkbench.onFx(() -> w.stage.getScene().snapshot(null));
        Path file = out.resolve(name + ".png");
        org.xmodal.app.fx.PngFiles.write(img, file);
        System.out.println(file);
    }
}
