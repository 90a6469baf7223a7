package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.TinyRuns;

/** The filters view driven as a person would: a run's conv1 appears, the slider steps through its checkpoints. */
@ExtendWith(ApplicationExtension.class)
class FiltersUiTest {
    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, TinyRuns.get().home().resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private static String label(FxRobot robot, String id) {
        return WorkbenchRobot.onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void aRunsFiltersAppearAndTheSliderMovesAcrossItsCheckpoints(FxRobot robot) {
        robot.clickOn("#nav-filters");
        WorkbenchRobot.waitUntil("the filters are drawn", () -> WorkbenchRobot.pixels(robot, "#filters-grid-image")
                .length > 0);
        workbench.waitUntilIdle();
        assertTrue(label(robot, "#checkpoint-label").startsWith("step 6 (3 of 3)"), label(robot, "#checkpoint-label"));
        int[] last = WorkbenchRobot.pixels(robot, "#filters-grid-image");
        robot.clickOn("#checkpoint-slider").type(KeyCode.HOME);
        WorkbenchRobot.waitUntil("the slider is at the first checkpoint", () -> label(robot, "#checkpoint-label")
                .startsWith("step 2 (1 of 3)"));
        workbench.waitUntilIdle();
        assertFalse(Arrays.equals(last, WorkbenchRobot.pixels(robot, "#filters-grid-image")),
                "the first checkpoint's filters differ from the last one's");
        assertTrue(label(robot, "#filters-caption").contains("step 2"), label(robot, "#filters-caption"));
        robot.type(KeyCode.RIGHT);
        WorkbenchRobot.waitUntil("the arrow key steps to the next checkpoint", () -> label(robot,
                "#checkpoint-label").startsWith("step 4"));

        int[] composite = WorkbenchRobot.pixels(robot, "#filters-grid-image");
        robot.clickOn("#display-channels");
        workbench.waitUntilIdle();
        assertTrue(WorkbenchRobot.pixels(robot, "#filters-grid-image").length > 2 * composite.length,
                "three grey grids side by side");
        workbench.assertNoProblems();
    }

    @Test
    void figureTwoShowsTheFourInitialisationsSideBySide(FxRobot robot) {
        robot.clickOn("#nav-filters");
        robot.clickOn("Figure 2: four initialisations");
        WorkbenchRobot.waitUntil("Figure 2 is drawn", () -> WorkbenchRobot.pixels(robot, "#figure-grid-image")
                .length > 0);
        workbench.waitUntilIdle();
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#figure-teacher").queryComboBox().getValue() != null));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#figure-finetune").queryComboBox().getValue() == null),
                "no fine-tuning run: its panel says so");
        workbench.assertNoProblems();
    }
}
