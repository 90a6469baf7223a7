package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.TestData;
import org.xmodal.app.experiments.ExperimentFolder;
import org.xmodal.app.experiments.ExperimentsViewModel;
import org.xmodal.app.filters.FiltersView;
import org.xmodal.app.filters.FiltersViewModel;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.ExperimentStages;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.app.runs.RunRecord;

/**
 * From the bundled pairs to the paper's comparison through the window only: a teacher and a transfer from the run
 * form, then the Data view's guided start fills the Experiments form, the quick Table 1 preset runs as an engine process of its own, the page follows it stage by
 * stage, and its results open in Results.
 */
@ExtendWith(ApplicationExtension.class)
class ExperimentsUiTest {
    @TempDir
    static Path tmp;

    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("workbench").resolve("cache"));
        WorkbenchRobot.onFx(() -> workbench.context.session().open(TestData.sample().rgbd()));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private void waitLong(FxRobot robot, String what, long minutes, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(minutes, TimeUnit.MINUTES, () -> WorkbenchRobot.onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + minutes + " min waiting until " + what + "; the page says "
                    + WorkbenchRobot.onFx(() -> robot.lookup("#experiment-status").queryAs(Label.class).getText()
                    + "\nlog:\n" + robot.lookup("#experiment-log").queryAs(javafx.scene.control.TextArea.class)
                    .getText()) + "\nproblems: " + workbench.problems + "\nfiles: " + files() + "\nidle: "
                    + workbench.executor.isIdle() + "\nengines started by the page: " + WorkbenchRobot.onFx(() ->
                    experiments().children().stream().map(c -> c.what() + (c.process().isAlive() ? " alive"
                    : " ended " + c.process().exitValue())).toList()) + "\nengine logs on disk:\n" + engineLogs(), e);
        }
    }

    private ExperimentsViewModel experiments() {
        return ((org.xmodal.app.experiments.ExperimentsView) workbench.shell.show(org.xmodal.app.WorkbenchContext.EXPERIMENTS)).model();
    }

    /** The last lines of each engine log as the disk has them (the page's copy may be what froze). */
    private String engineLogs() {
        Path logs = workbench.context.runs().root().resolve(org.xmodal.app.runs.EngineProcesses.LOGS);
        try (var files = java.nio.file.Files.list(logs)) {
            StringBuilder out = new StringBuilder();
            for (Path f : files.sorted().toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(f);
                out.append("== ").append(f.getFileName()).append('\n').append(String.join("\n",
                        lines.subList(Math.max(0, lines.size() - 15), lines.size()))).append('\n');
            }
            return out.toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private String files() {
        try (var walk = java.nio.file.Files.walk(workbench.context.runs().root(), 4)) {
            return walk.map(Path::toString).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /**
     * Starts a run of {@code kind} from New run as a person would: the kind picked from its list (its preset fills the
     * form), a name and a short schedule typed, the teacher (when given) picked from the finished runs offered; waits
     * until it finishes.
     */
    private RunRecord runFromForm(FxRobot robot, String kind, String name, String teacherId) {
        robot.clickOn("#nav-runs");
        robot.clickOn("#new-run");
        WorkbenchRobot.waitUntil("the form opens", () -> robot.lookup("#run-form").query().isVisible());
        pick(robot, "#field-kind", kind);
        type(robot, "#field-name", name);
        type(robot, "#field-iterations", "40");
        if (teacherId != null) {
            pick(robot, "#field-teacher-weights", teacherId);
        }
        WorkbenchRobot.waitUntil("the " + kind + " can start", () -> !robot.lookup("#start-run").query()
                .isDisabled());
        robot.clickOn("#start-run");
        RunRecord[] started = new RunRecord[1];
        WorkbenchRobot.waitUntil("the " + kind + " is listed", () -> {
            started[0] = workbench.context.runs().runs().stream().filter(r -> r.id().endsWith("-" + name))
                    .findFirst().orElse(null);
            return started[0] != null;
        });
        waitLong(robot, "the " + kind + " finishes", 5, () -> started[0].summary().status().state()
                == RunStatus.State.FINISHED);
        return started[0];
    }

    private static void type(FxRobot robot, String id, String text) {
        WorkbenchRobot.waitUntil(id + " is on the form", () -> WorkbenchRobot.onFx(
                () -> robot.lookup(id).tryQuery().isPresent())); // its rows are made a few a pulse
        robot.clickOn(id).press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT).write(text);
        WorkbenchRobot.waitUntil("'" + text + "' is typed in " + id, () -> text.equals(robot.lookup(id)
                .queryAs(TextField.class).getText()));
    }

    /** Picks {@code choice} from the list of the combo box {@code id}, as a person would. */
    private static void pick(FxRobot robot, String id, String choice) {
        WorkbenchRobot.waitUntil(id + " is on the form", () -> WorkbenchRobot.onFx(
                () -> robot.lookup(id).tryQuery().isPresent())); // its rows are made a few a pulse
        Node arrow = WorkbenchRobot.onFx(() -> robot.lookup(id).query().lookup(".arrow-button"));
        robot.clickOn(arrow);
        Node cell = WorkbenchRobot.onFx(() -> robot.lookup(".list-cell").match(c -> c instanceof ListCell<?> l
                && choice.equals(l.getText())).query());
        robot.clickOn(cell);
    }

    @Test
    @SuppressWarnings("unchecked")
    // a teacher, a transfer and a 7-stage experiment on CI's two shared cores: 110-140 s here, once over 240 s
    @org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aTeacherATransferAndTheQuickTable1ThroughTheWindowOnly(FxRobot robot) throws Exception {
        WorkbenchRobot.waitUntil("the bundled pairs are open", () -> workbench.context.session().dataset() != null);

        // an RGB teacher, then a transfer taught by it, each from the run form with its preset made short
        RunRecord teacher = runFromForm(robot, "teacher", "e2e-teacher", null);
        RunRecord transfer = runFromForm(robot, "transfer", "e2e-transfer", teacher.id());
        assertEquals(teacher.path().toString(), RunDirectory.open(transfer.path()).spec().teacher().weights(),
                "the transfer is taught by the teacher picked in the form");

        // then the paper's comparison, from the Data view's guided start
        robot.clickOn("#nav-data");
        assertEquals("Train a depth network from these pairs…",
                robot.lookup("#guided-start").queryButton().getText());
        robot.clickOn("#guided-start");
        WorkbenchRobot.waitUntil("the Experiments page shows", () -> robot.lookup("#experiments-view").query()
                .isVisible());
        TextField data = robot.lookup("#experiment-data").queryAs(TextField.class);
        assertEquals(TestData.sample().rgbd().toAbsolutePath().toString(), data.getText(),
                "the form is filled with the pairs open in the Data view");

        robot.clickOn("#experiment-preset").clickOn("quick");
        robot.doubleClickOn("#experiment-seeds .text-field").eraseText(3).write("1").type(KeyCode.TAB);
        ComboBox<String> preset = robot.lookup("#experiment-preset").queryComboBox();
        assertEquals("quick", preset.getValue());
        String name = robot.lookup("#experiment-name").queryAs(TextField.class).getText();
        assertTrue(name.startsWith("table1-quick-"), name);
        assertEquals("", robot.lookup("#experiment-problem").queryAs(Label.class).getText());
        robot.clickOn("#experiment-start");

        ListView<ExperimentFolder> list = robot.lookup("#experiment-list").queryListView();
        waitLong(robot, "the experiment is listed", 1, () -> list.getItems().size() == 1);
        assertTrue(WorkbenchRobot.onFx(() -> list.getSelectionModel().getSelectedItem().name().equals(name)),
                "the experiment just started is the one shown");
        assertTrue(robot.lookup("#experiment-name").queryAs(TextField.class).getText().compareTo(name) != 0,
                "the form offers a fresh name for the next one");
        TableView<ExperimentsViewModel.StageRow> stages = robot.lookup("#experiment-stages").queryTableView();
        waitLong(robot, "the stages are planned", 3, () -> stages.getItems().size() == 2 + 5);
        waitLong(robot, "the teacher trains", 3, () -> stages.getItems().get(0).state().startsWith("step "));

        // Stop: the engine checkpoints the teacher and exits; the page says where it stopped; Continue goes on
        robot.clickOn("#experiment-stop");
        waitLong(robot, "the experiment stops", 2, () -> !robot.lookup("#experiment-continue").query().isDisabled());
        String stopped = robot.lookup("#experiment-status").queryAs(Label.class).getText();
        assertTrue(stopped.startsWith("Stopped in RGB teacher (0 of 7 stages done)"), stopped);
        assertEquals("stopped", stages.getItems().get(0).state());
        robot.clickOn("#experiment-continue");
        waitLong(robot, "the teacher resumes", 2, () -> robot.lookup("#experiment-status").queryAs(Label.class)
                .getText().startsWith("Running stage"));
        // about a minute here; a stall fails with the page's status, log and files well before the test's timeout
        waitLong(robot, "the experiment finishes", 5, () -> !robot.lookup("#experiment-open").query().isDisabled());
        assertTrue(stages.getItems().stream().allMatch(r -> r.state().equals("finished") && r.fraction() == 1),
                stages.getItems().toString());
        RunDirectory stoppedTeacher = RunDirectory.open(workbench.context.runs().root().resolve("experiments")
                .resolve(name).resolve("runs").resolve(stages.getItems().get(0).run()));
        assertTrue(stoppedTeacher.events().stream().anyMatch(e -> e.type().equals(RunEvent.RESUMED)),
                "the teacher resumed from its checkpoint rather than starting again");
        ExperimentLayout layout = new ExperimentLayout(workbench.context.runs().root().resolve("experiments")
                .resolve(name));
        assertTrue(layout.isFinished());
        assertTrue(WorkbenchRobot.onFx(() -> workbench.context.runs().runs().stream()
                .filter(r -> r.id().startsWith("experiments/" + name + "/runs/")).count()) == 7,
                "its seven runs are in the window's list of runs");

        robot.clickOn("#experiment-open");
        WorkbenchRobot.waitUntil("Results shows the experiment", () -> robot.lookup("#results-view").query()
                .isVisible() && robot.lookup("#experiment-title").queryAs(Label.class).getText().contains("quick"));
        assertTrue(ExperimentStagesDone.of(layout), "every stage in stages.json is done");

        // Figure 2 finds the experiment's runs: its copy-from-RGB arm is a fine-tuned copy of its teacher
        robot.clickOn("#nav-filters");
        FiltersViewModel filters = WorkbenchRobot.onFx(() -> ((FiltersView) workbench.shell.show("Filters"))
                .model());
        WorkbenchRobot.waitUntil("Figure 2 has a copy-from-RGB run", () -> filters.chosen(
                FiltersViewModel.Slot.FINETUNE).get() != null && filters.chosen(FiltersViewModel.Slot.FINETUNE).get()
                .id().startsWith("experiments/" + name + "/runs/") && filters.chosen(FiltersViewModel.Slot.FINETUNE)
                .get().id().contains("copy-rgb"));
        workbench.waitUntilIdle();
        workbench.assertNoProblems();
    }

    /** Reads the engine's stages file as the engine wrote it. */
    static final class ExperimentStagesDone {
        static boolean of(ExperimentLayout layout) {
            try {
                ExperimentStages s = ExperimentStages.read(layout);
                return !s.stages().isEmpty() && s.done() == s.stages().size();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
