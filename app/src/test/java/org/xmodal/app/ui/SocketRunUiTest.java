package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.runs.RunFormViewModel;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunsView;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.FinetuneTask;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * A SOCKET run driven from the workbench as a person would: chosen in the run form (kind socket, which offers the
 * four terms at the paper's weights, and a source model), started, watched (where it is, the loss and each term's
 * curve named by its term), stopped, and resumed from the same page to its end, continuing from the stop's
 * checkpoint and scoring the test images.
 */
@ExtendWith(ApplicationExtension.class)
class SocketRunUiTest {
    @TempDir
    static Path tmp;
    private static Path data;
    private static Path source;
    /** Enough steps that a stop clicked at the third lands well before the end, few enough to resume to it. */
    private static final int ITERATIONS = 80;
    private WorkbenchRobot workbench;

    /** Rooms of ten scene classes, five task-irrelevant, and a three-step RGB source model trained on them. */
    @BeforeAll
    static void roomsAndSource() throws Exception {
        data = tmp.resolve("rooms10");
        SynthDatasetWriter.write(SynthConfig.of(5, 40).withSize(64, 48).withFractions(0.8, 0.3)
                        .withSceneKinds(10, SynthConfig.sceneKindIds(10).subList(5, 10)), data, false, 1,
                ProgressListener.NONE, new Cancellation());
        RunSpec spec = RunSpec.builder().name("source").kind("finetune").data(data.toString()).modality("depth")
                .student(new RunSpec.Student(NetworkFactory.RESNET18_BOTTLENECK, null, null))
                .optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-3, 0.9, 1e-3, true)).batchSize(8)
                .iterations(3).inputSize(32).seed(3).device("cpu").threads(0)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, null, null, FinetuneTask.SCENES, null, null, 0.1))
                .build();
        RunDirectory run = RunDirectory.create(tmp.resolve("sources"), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, RunKinds.execute(run, false, new EncodingCache(tmp.resolve(
                "cache")), ProgressListener.NONE, TrainingLoop.Listener.NONE, Cancellation.NEVER));
        source = run.path();
    }

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("workbench").resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    @SuppressWarnings("unchecked")
    private static TableView<RunRecord> table(FxRobot robot) {
        return robot.lookup("#run-table").queryAs(TableView.class);
    }

    private static int points(FxRobot robot, String chart) {
        return WorkbenchRobot.onFx(() -> {
            XYDataset d = robot.lookup(chart).queryAs(ChartViewer.class).getChart().getXYPlot().getDataset();
            return d.getSeriesCount() == 0 ? 0 : d.getItemCount(0);
        });
    }

    /** The names of the series a chart of the run page draws. */
    private static List<String> series(FxRobot robot, String chart) {
        return WorkbenchRobot.onFx(() -> {
            XYDataset d = robot.lookup(chart).queryAs(ChartViewer.class).getChart().getXYPlot().getDataset();
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; d != null && i < d.getSeriesCount(); i++) {
                names.add(String.valueOf(d.getSeriesKey(i)));
            }
            return names;
        });
    }

    private static String figures(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> robot.lookup("#run-figures").queryAs(Label.class).getText());
    }

    private static RunStatus.State state(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> table(robot).getItems().get(0).summary().status().state());
    }

    private static void waitFor(String what, int seconds, Path runDir, java.util.concurrent.Callable<Boolean> done)
            throws Exception {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS, done);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not within " + seconds + " s: " + what + "; the run's events: "
                    + RunDirectory.open(runDir).events().stream().map(ev -> ev.type() + "@" + ev.step() + " "
                    + ev.text("reason")).toList(), e);
        }
    }

    /**
     * Waits up to three minutes: a SOCKET engine reads and encodes its target, task-irrelevant and test images before
     * its first step and refreshes pseudo-labels over the whole target set, which on a busy two-core CI machine
     * takes longer than the workbench's usual 30 s.
     */
    private static void waitLong(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(180, java.util.concurrent.TimeUnit.SECONDS,
                    () -> WorkbenchRobot.onFx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out (3 minutes) waiting until " + what, e);
        }
    }

    @Test
    void aSocketRunIsStartedWatchedStoppedAndResumedToTheEndFromTheWorkbench(FxRobot robot) throws Exception {
        robot.clickOn("#nav-runs");
        RunsView view = WorkbenchRobot.onFx(() -> (RunsView) workbench.shell.show("Runs"));
        robot.clickOn("#new-run");
        WorkbenchRobot.waitUntil("the form opens", () -> robot.lookup("#run-form").query().isVisible());
        RunFormViewModel form = view.model().form();
        WorkbenchRobot.onFx(() -> {
            form.value("kind").set("socket");
            return null;
        });
        // let the form rebuild its editors for the kind (a later FX event) before the values are typed in
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        // choosing socket offers SOCKET's four terms at the paper's weights, the objective the run trains with
        assertEquals("pseudo-labels = 0.3, information-maximisation = 1, bn-statistics = 0.5, task-irrelevant = 0.5",
                WorkbenchRobot.onFx(() -> form.value("objective.terms").get()));
        WorkbenchRobot.onFx(() -> {
            form.value("data").set(data.toString());
            form.value("student.architecture").set(NetworkFactory.RESNET18_BOTTLENECK);
            form.value("socket.source").set(source.toString());
            form.value("socket.refreshEvery").set(10);
            form.value("iterations").set(ITERATIONS);
            form.value("batchSize").set(4);
            form.value("inputSize").set(32);
            form.value("threads").set(1);
            form.value("checkpointEvery").set(500);
            form.value("logEvery").set(1);
            form.value("optimizer.learningRate").set(1e-4);
            form.value("name").set("ui-socket");
            return null;
        });
        WorkbenchRobot.waitUntil("the form's spec is valid", () -> form.spec().isPresent());
        RunSpec spec = WorkbenchRobot.onFx(() -> form.spec().orElseThrow());
        assertEquals("socket", spec.kind().id());
        assertEquals(Objective.socket(), spec.objective());
        robot.clickOn("#start-run");

        WorkbenchRobot.waitUntil("the run is listed and running", () -> table(robot).getItems().size() == 1
                && table(robot).getItems().get(0).summary().isRunning());
        Path runDir = WorkbenchRobot.onFx(() -> table(robot).getItems().get(0).path());
        // a new engine process reads and encodes the target, task-irrelevant and test images first
        waitFor("a loss curve", 180, runDir, () -> points(robot, "#loss-chart-viewer") >= 3);
        robot.clickOn("#stop-run");
        WorkbenchRobot.waitUntil("the run ends stopped", () -> state(robot) == RunStatus.State.STOPPED);
        RunDirectory run = RunDirectory.open(runDir);
        long stoppedAt = run.latestCheckpointStep().orElseThrow();
        assertTrue(stoppedAt < ITERATIONS, "stopped before the end (" + stoppedAt + " of " + ITERATIONS + ")");
        // watched: where it is, and the loss and each term of the objective as a curve of its own
        WorkbenchRobot.waitUntil("the figures say where the run stopped", () -> figures(robot).startsWith("step "
                + stoppedAt + " / " + ITERATIONS));
        WorkbenchRobot.waitUntil("every term is a curve of its own, named by the term", () -> series(robot,
                "#terms-chart-viewer").equals(Objective.SOCKET_TERMS));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#terms-chart").query().isVisible()));
        assertTrue(points(robot, "#terms-chart-viewer") >= 3, "the terms' curves have the logged steps");
        assertTrue(series(robot, "#metrics-chart-viewer").stream().noneMatch(n -> n.contains("objective/")),
                "the terms are not drawn twice");

        // resumed from the same page, to the end: it scores the test images
        WorkbenchRobot.clickWhenShown(robot, "#resume-run");
        waitLong("the run is running again", () -> table(robot).getItems().get(0).summary().isRunning());
        waitFor("the resumed run's end", 180, runDir, () -> state(robot) == RunStatus.State.FINISHED);
        RunEvent resumed = run.events().stream().filter(e -> e.type().equals(RunEvent.RESUMED)).findFirst()
                .orElseThrow();
        assertEquals(stoppedAt, resumed.step(), "resumed from the stop's checkpoint");
        assertTrue(run.events().stream().noneMatch(e -> e.type().equals(RunEvent.FAILED)), "no failure");
        assertTrue(java.nio.file.Files.isRegularFile(run.results().resolve("accuracy.json")), "scored at the end");
        assertTrue(run.metrics().read().stream().anyMatch(r -> r.name().equals("objective/task-irrelevant")
                && r.step() == ITERATIONS), "the terms are logged to the last step");
        WorkbenchRobot.waitUntil("the page shows the end", () -> figures(robot).startsWith("step " + ITERATIONS
                + " / " + ITERATIONS) && points(robot, "#terms-chart-viewer") >= ITERATIONS - 1
                && series(robot, "#metrics-chart-viewer").contains("test accuracy"));
        assertEquals(1, table(robot).getItems().size(), "the same run, not a new one");
        workbench.waitUntilIdle();
        workbench.assertNoProblems();
    }
}
