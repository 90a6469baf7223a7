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

/** The features view driven as a person would: a pair's teacher and student maps and their distance. */
@ExtendWith(ApplicationExtension.class)
class FeaturesUiTest {
    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, TinyRuns.get().home().resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    @Test
    void aPairShowsTeacherAndStudentFeaturesAndWhereTheyDiffer(FxRobot robot) {
        robot.clickOn("#nav-features");
        WorkbenchRobot.waitUntil("the comparison is drawn", () -> WorkbenchRobot.pixels(robot,
                "#features-overlay-image").length > 0);
        workbench.waitUntilIdle();
        for (String tile : new String[] {"#features-input-image", "#features-error-image", "#features-teacher-image",
            "#features-student-image"}) {
            assertTrue(WorkbenchRobot.pixels(robot, tile).length > 0, tile + " is drawn");
        }
        String summary = WorkbenchRobot.onFx(() -> robot.lookup("#features-summary").queryAs(Label.class).getText());
        assertTrue(summary.startsWith("Mean L2 error") && summary.contains("pool5"), summary);

        int[] overlay = WorkbenchRobot.pixels(robot, "#features-overlay-image");
        String first = WorkbenchRobot.onFx(() -> robot.lookup("#features-pair").queryComboBox().getValue().toString());
        robot.clickOn("#features-pair").type(KeyCode.DOWN, 3).type(KeyCode.ENTER);
        WorkbenchRobot.waitUntil("another pair is chosen", () -> !robot.lookup("#features-pair").queryComboBox()
                .getValue().toString().equals(first));
        workbench.waitUntilIdle();
        assertFalse(Arrays.equals(overlay, WorkbenchRobot.pixels(robot, "#features-overlay-image")));

        int[] teacher = WorkbenchRobot.pixels(robot, "#features-teacher-image");
        robot.clickOn("#features-channel .increment-arrow-button");
        workbench.waitUntilIdle();
        int[] next = WorkbenchRobot.pixels(robot, "#features-teacher-image");
        assertTrue(next.length == teacher.length, "the same picture, another channel");
        workbench.assertNoProblems();
    }
}
