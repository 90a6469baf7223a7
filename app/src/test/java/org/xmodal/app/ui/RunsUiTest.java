package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.TestData;
import org.xmodal.app.runs.RunFormViewModel;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunsView;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/** The runs view driven as a person would: start a tiny run from the form, watch it learn, stop it; compare specs. */
@ExtendWith(ApplicationExtension.class)
class RunsUiTest {
    @TempDir
    static Path tmp;
    private static Path data;
    private static int workbenches;
    private WorkbenchRobot workbench;

    @BeforeAll
    static void tinyDataset() {
        data = TestData.tinySynth(tmp.resolve("rooms"), 12, 0);
    }

    @Start
    void start(Stage stage) {
        // a folder of runs of its own for each test
        workbench = new WorkbenchRobot(stage, tmp.resolve("workbench-" + ++workbenches).resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private RunsView openRuns(FxRobot robot) {
        robot.clickOn("#nav-runs");
        return WorkbenchRobot.onFx(() -> (RunsView) workbench.shell.show("Runs"));
    }

    @SuppressWarnings("unchecked")
    private static TableView<RunRecord> table(FxRobot robot) {
        return robot.lookup("#run-table").queryAs(TableView.class);
    }

    private static int lossPoints(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> {
            var data = robot.lookup("#loss-chart-viewer").queryAs(ChartViewer.class).getChart().getXYPlot()
                    .getDataset();
            return data.getSeriesCount() == 0 ? 0 : data.getItemCount(0);
        });
    }

    @Test
    void aTinyRunStartedFromTheFormStreamsItsLossAndStopsCleanly(FxRobot robot) throws Exception {
        RunsView view = openRuns(robot);
        robot.clickOn("#new-run");
        WorkbenchRobot.waitUntil("the form opens", () -> robot.lookup("#run-form").query().isVisible());
        RunFormViewModel form = view.model().form();
        WorkbenchRobot.onFx(() -> {
            // the CPU demo preset, made tiny: the person would type these; the form is tested field by field below
            form.value("iterations").set(100000);
            form.value("data").set(data.toString());
            form.value("teacher.source").set("random");
            form.value("teacher.weights").set("");
            form.value("batchSize").set(4);
            form.value("inputSize").set(64);
            form.value("threads").set(1);
            form.value("checkpointEvery").set(500);
            form.value("logEvery").set(1);
            form.value("filterSnapshots").set("");
            return null;
        });
        robot.doubleClickOn("#field-name").eraseText(20).write("ui-tiny");
        WorkbenchRobot.waitUntil("the form's spec is valid", () -> form.spec().isPresent());
        assertEquals("ui-tiny", WorkbenchRobot.onFx(() -> form.spec().orElseThrow().name()));
        robot.clickOn("#start-run");

        WorkbenchRobot.waitUntil("the run is listed and running", () -> table(robot).getItems().size() == 1
                && table(robot).getItems().get(0).summary().isRunning());
        WorkbenchRobot.waitUntil("the new run is chosen", () -> table(robot).getSelectionModel().getSelectedIndex()
                == 0);
        WorkbenchRobot.waitUntil("the loss curve has points", () -> lossPoints(robot) >= 3);
        int before = lossPoints(robot);
        WorkbenchRobot.waitUntil("the loss curve grows", () -> lossPoints(robot) > before + 2);
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#run-figures").queryAs(Label.class).getText())
                .contains("images/s") || lossPoints(robot) > 0);

        robot.clickOn("#stop-run");
        WorkbenchRobot.waitUntil("the run ends stopped", () -> table(robot).getItems().get(0).summary().status()
                .state() == RunStatus.State.STOPPED);
        RunDirectory run = RunDirectory.open(WorkbenchRobot.onFx(() -> table(robot).getItems().get(0).path()));
        List<RunEvent> events = run.events();
        assertEquals(RunEvent.STOPPED, events.get(events.size() - 1).type());
        assertTrue(run.latestCheckpointStep().isPresent(), "a stop writes a checkpoint");
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#resume-run").query().isDisabled()) == false,
                "a stopped run can be resumed");
        long stoppedAt = run.latestCheckpointStep().orElseThrow();

        // Resume, from the same page: a new engine process continues the run from its checkpoint
        WorkbenchRobot.clickWhenShown(robot, "#resume-run");
        WorkbenchRobot.waitUntil("the run is running again", () -> table(robot).getItems().get(0).summary()
                .isRunning());
        WorkbenchRobot.waitUntil("the curve goes on past the stop", () -> run.metrics().read().stream()
                .anyMatch(r -> r.name().equals("loss") && r.step() > stoppedAt + 2));
        robot.clickOn("#stop-run");
        WorkbenchRobot.waitUntil("the resumed run ends stopped", () -> table(robot).getItems().get(0).summary()
                .status().state() == RunStatus.State.STOPPED);
        List<String> types = run.events().stream().map(RunEvent::type).toList();
        assertTrue(types.contains(RunEvent.RESUMED), types.toString());
        RunEvent resumed = run.events().stream().filter(e -> e.type().equals(RunEvent.RESUMED)).findFirst()
                .orElseThrow();
        assertEquals(stoppedAt, resumed.step(), "resumed from the stop's checkpoint");
        assertEquals(1, table(robot).getItems().size(), "the same run, not a new one");
        workbench.waitUntilIdle();
        workbench.assertNoProblems();
    }

    @Test
    void runsWrittenByOtherProcessesAreListedAndTwoSpecsCompare(FxRobot robot) throws Exception {
        Path root = workbench.context.runs().root();
        writeRun(root.resolve("20250101-000000-terminal-a"), "a", 1e-4);
        writeRun(root.resolve("20250101-000001-terminal-b"), "b", 1e-3);
        openRuns(robot);
        WorkbenchRobot.waitUntil("both runs are listed", () -> table(robot).getItems().size() == 2);
        robot.clickOn("20250101-000001-terminal-b");
        robot.press(KeyCode.SHORTCUT).clickOn("20250101-000000-terminal-a").release(KeyCode.SHORTCUT);
        WorkbenchRobot.waitUntil("two runs are chosen", () -> !robot.lookup("#compare-runs").query().isDisabled());
        robot.clickOn("#compare-runs");
        WorkbenchRobot.waitUntil("the comparison shows", () -> robot.lookup("#spec-diff").query().isVisible());
        String title = WorkbenchRobot.onFx(() -> robot.lookup("#diff-title").queryAs(Label.class).getText());
        assertTrue(title.endsWith(": 2 fields differ"), title);
        assertEquals("name", WorkbenchRobot.onFx(() -> robot.lookup("#diff-table").queryTableView().getItems()
                .get(0).toString().replaceAll("Row\\[field=([^,]*),.*", "$1")));
        workbench.assertNoProblems();
    }

    @Test
    void theFormOffersEachKindOfRunTheFieldsItUses(FxRobot robot) {
        RunsView view = openRuns(robot);
        robot.clickOn("#new-run");
        WorkbenchRobot.waitUntil("the form opens", () -> robot.lookup("#run-form").query().isVisible());
        RunFormViewModel form = view.model().form();
        WorkbenchRobot.onFx(() -> {
            form.value("kind").set("transfer");
            return null;
        });
        WorkbenchRobot.waitUntil("a transfer run's fields show", () -> shown(robot).contains("Teacher weights")
                && !shown(robot).contains("Task"));
        WorkbenchRobot.onFx(() -> {
            form.value("kind").set("finetune");
            return null;
        });
        WorkbenchRobot.waitUntil("a fine-tuning run's fields show", () -> shown(robot).contains("Task")
                && !shown(robot).contains("Teacher weights"));
        assertTrue(robot.lookup("#field-finetune-task").tryQuery().isPresent(), "the task's editor is in the form");
        workbench.assertNoProblems();
    }

    /** The names of the fields the form shows, both columns. */
    private static List<String> shown(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> java.util.stream.Stream.of("#spec-sheet", "#spec-sheet-2")
                .flatMap(id -> robot.lookup(id).queryAs(org.xmodal.app.runs.FieldSheet.class).shownNames().stream())
                .toList());
    }

    private static void writeRun(Path dir, String name, double lr) throws Exception {
        RunSpec spec = RunSpec.builder().name(name).kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .optimizer(new RunSpec.Optimizer("adam", lr, 0.9, 0.0005)).batchSize(4).iterations(10).inputSize(64)
                .seed(1).device("cpu").threads(1).checkpointEvery(5).logEvery(1).build();
        Files.createDirectories(dir);
        Json.writeAtomically(spec, dir.resolve(RunDirectory.SPEC));
        Files.writeString(dir.resolve(RunDirectory.EVENTS), Json.compact(RunEvent.of(RunEvent.STARTED, 0)
                .with("pid", -1).with("iterations", 10)) + "\n" + Json.compact(RunEvent.of(RunEvent.FINISHED, 10))
                + "\n");
    }
}
