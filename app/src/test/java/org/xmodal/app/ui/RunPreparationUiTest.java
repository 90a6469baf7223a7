package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;

/**
 * A run that is still preparing its first step (its engine writing "preparing" events, here written by the test as
 * an engine would) shows what it prepares in the table and on its page, each with a bar of its own, and the steps'
 * bar takes over at the first step.
 */
@ExtendWith(ApplicationExtension.class)
class RunPreparationUiTest {
    private static final String RUN = "20250105-000000-encoding";

    @TempDir
    Path tmp;
    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private static void append(Path dir, RunEvent e) throws Exception {
        Files.writeString(dir.resolve(RunDirectory.EVENTS), Json.compact(e) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static RunEvent preparing(String message, double fraction) {
        return RunEvent.of(RunEvent.PREPARING, 0).with("stage", "Encoding HHA").with("message", message)
                .with("fraction", fraction);
    }

    /** The text of the table's state cell of the run, if it is drawn. */
    private static Optional<TableCell<?, ?>> stateCell(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> robot.lookup("#run-table .table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && "State".equals(c.getTableColumn().getText()) && c.getItem() != null)
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).findFirst());
    }

    private static String stateText(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> stateCell(robot).map(Labeled::getText).orElse(""));
    }

    private static ProgressBar bar(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ProgressBar.class);
    }

    @Test
    void aPreparingRunSaysWhatItPreparesUntilItsFirstStep(FxRobot robot) throws Exception {
        Path dir = workbench.context.runs().root().resolve(RUN);
        Files.createDirectories(dir);
        Json.writeAtomically(RunSpec.builder().name("encoding").kind("transfer").data("rooms").modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005)).batchSize(4).iterations(100)
                .inputSize(64).seed(1).device("cpu").threads(1).build(), dir.resolve(RunDirectory.SPEC));
        // this JVM stands in for the engine process: alive, so the run reads as going on
        append(dir, RunEvent.of(RunEvent.STARTED, 0).with("pid", ProcessHandle.current().pid())
                .with("iterations", 100));
        append(dir, preparing("Encoding HHA 120 of 800 pairs", 0.15));

        robot.clickOn("#nav-runs");
        WorkbenchRobot.waitUntil("the table says the run is preparing", () -> stateText(robot)
                .equals("Preparing: Encoding HHA 120 of 800 pairs"));
        ProgressBar inCell = WorkbenchRobot.onFx(() -> (ProgressBar) stateCell(robot).orElseThrow().getGraphic());
        assertEquals(0.15, WorkbenchRobot.onFx(inCell::getProgress), 1e-12, "the state cell's own bar");
        robot.clickOn(RUN);
        WorkbenchRobot.waitUntil("the page says what the run prepares", () -> robot.lookup("#run-state")
                .queryAs(Label.class).getText().equals("Preparing: Encoding HHA 120 of 800 pairs"));
        assertTrue(WorkbenchRobot.onFx(() -> bar(robot, "#run-preparation").isVisible()
                && !bar(robot, "#run-progress").isVisible()), "the preparation's bar, not the steps'");
        assertEquals(0.15, WorkbenchRobot.onFx(() -> bar(robot, "#run-preparation").getProgress()), 1e-12);

        append(dir, preparing("Encoding HHA 800 of 800 pairs", 1));
        append(dir, RunEvent.of(RunEvent.PROGRESS, 5).with("loss", 0.5).with("imagesPerSecond", 20.0)
                .with("etaSeconds", 30.0));
        WorkbenchRobot.waitUntil("the steps' bar takes over", () -> bar(robot, "#run-progress").isVisible()
                && !bar(robot, "#run-preparation").isVisible());
        assertEquals(0.05, WorkbenchRobot.onFx(() -> bar(robot, "#run-progress").getProgress()), 1e-12);
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#run-state").queryAs(Label.class).getText())
                .startsWith("running"));
        WorkbenchRobot.waitUntil("the table says running", () -> stateText(robot).startsWith("running")
                && stateCell(robot).orElseThrow().getGraphic() == null);
        workbench.assertNoProblems();
    }
}
