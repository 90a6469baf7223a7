package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.TinyRuns;
import org.xmodal.app.Workbench;

/** Figure 2's run pickers at the window's default size: each run's name in full, every picker in the window. */
@ExtendWith(ApplicationExtension.class)
class FigureTwoUiTest {
    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, TinyRuns.get().home().resolve("cache"), Workbench.WIDTH,
                Workbench.HEIGHT);
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    /** What a picker shows of its choice (or prompt), as drawn: cut-off text ends in an ellipsis. */
    private static String shown(FxRobot robot, String id) {
        return WorkbenchRobot.onFx(() -> {
            ComboBox<?> combo = robot.lookup(id).queryAs(ComboBox.class);
            // the button's cell (the skin keeps another, hidden, to measure choices)
            ListCell<?> cell = (ListCell<?>) combo.lookupAll(".list-cell").stream()
                    .filter(n -> n.getParent() == combo && n.isVisible()).findFirst().orElseThrow();
            return ((Text) cell.lookup(".text")).getText();
        });
    }

    @Test
    void thePickersShowEachRunsNameInFullInsideTheWindow(FxRobot robot) {
        robot.clickOn("#nav-filters");
        robot.clickOn("Figure 2: four initialisations");
        WorkbenchRobot.waitUntil("Figure 2 is drawn", () -> WorkbenchRobot.pixels(robot, "#figure-grid-image")
                .length > 0);
        workbench.waitUntilIdle();
        String teacher = shown(robot, "#figure-teacher");
        String transfer = shown(robot, "#figure-transfer");
        assertTrue(teacher.startsWith("tiny-teacher \u00b7 "), "the run's name first, then when: " + teacher);
        assertTrue(transfer.startsWith("tiny-transfer \u00b7 "), transfer);
        assertEquals("no finetune run", shown(robot, "#figure-finetune"), "no fine-tuning run: the prompt says so");
        for (String id : List.of("#figure-teacher", "#figure-finetune", "#figure-transfer", "#figure-random",
                "#export-figure")) {
            String text = id.equals("#figure-random") || id.equals("#export-figure") ? null : shown(robot, id);
            assertTrue(text == null || !text.endsWith("\u2026") && !text.endsWith("..."), id + " is cut off: "
                    + text);
            Bounds b = WorkbenchRobot.onFx(() -> robot.lookup(id).query().localToScene(robot.lookup(id).query()
                    .getLayoutBounds()));
            double width = WorkbenchRobot.onFx(() -> robot.lookup(id).query().getScene().getWidth());
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= width, id + " is outside the window: " + b);
        }
        workbench.assertNoProblems();
    }
}
