package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.TestData;
import org.xmodal.app.lab.EncodingLabView;
import org.xmodal.app.runs.RunFormViewModel;
import org.xmodal.app.runs.RunsView;
import org.xmodal.engine.encode.Encoding;

/** The encoding lab driven as a person would: change a parameter, watch the pictures change. */
@ExtendWith(ApplicationExtension.class)
class EncodingLabUiTest {
    @TempDir
    static Path tmp;
    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("cache"));
        workbench.context.session().open(TestData.sample().rgbd());
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private void openTheLab(FxRobot robot) {
        workbench.waitUntilIdle();
        robot.clickOn("#nav-encoding-lab");
        WorkbenchRobot.waitUntil("the HHA preview is drawn",
                () -> WorkbenchRobot.pixels(robot, "#hha-composite-image").length > 0);
        workbench.waitUntilIdle();
    }

    @Test
    void choosingTheNyuCropCameraChangesTheHhaImage(FxRobot robot) {
        openTheLab(robot);
        int[] before = WorkbenchRobot.pixels(robot, "#hha-composite-image");
        robot.clickOn("#camera-preset").clickOn("NYU crop (560x425)");
        workbench.waitUntilIdle();
        assertFalse(Arrays.equals(before, WorkbenchRobot.pixels(robot, "#hha-composite-image")),
                "a different camera gives a different gravity, heights and angles");
        String cx = WorkbenchRobot.onFx(() -> robot.lookup("#camera-cx").queryTextInputControl().getText());
        assertTrue(cx.startsWith("285.58"), "the preset filled the principal point: " + cx);
        workbench.assertNoProblems();
    }

    @Test
    void raisingTheNormalRadiusChangesTheAngleChannel(FxRobot robot) {
        openTheLab(robot);
        int[] angle = WorkbenchRobot.pixels(robot, "#hha-angle-image");
        int[] disparity = WorkbenchRobot.pixels(robot, "#hha-disparity-image");
        Node up = robot.lookup("#normal-radius .increment-arrow-button").query();
        robot.clickOn(up).clickOn(up).clickOn(up);
        workbench.waitUntilIdle();
        assertFalse(Arrays.equals(angle, WorkbenchRobot.pixels(robot, "#hha-angle-image")));
        assertTrue(Arrays.equals(disparity, WorkbenchRobot.pixels(robot, "#hha-disparity-image")),
                "disparity does not depend on normals");
        workbench.assertNoProblems();
    }

    @Test
    void typingAnImpossibleFocalLengthExplainsItAndKeepsThePicture(FxRobot robot) {
        openTheLab(robot);
        int[] before = WorkbenchRobot.pixels(robot, "#hha-composite-image");
        robot.doubleClickOn("#camera-fx").eraseText(12).write("0");
        workbench.waitUntilIdle();
        String problem = WorkbenchRobot.onFx(() -> robot.lookup("#hha-problem").queryAs(Label.class).getText());
        assertTrue(problem.contains("focal lengths must be positive"), problem);
        assertTrue(Arrays.equals(before, WorkbenchRobot.pixels(robot, "#hha-composite-image")));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#camera-preset").queryComboBox().getValue().toString())
                .equals("Custom"));
    }

    @Test
    void useInANewRunOpensTheRunFormWithTheLabsEncoding(FxRobot robot) {
        openTheLab(robot);
        robot.clickOn("#camera-preset").clickOn("NYU crop (560x425)");
        Node up = robot.lookup("#normal-radius .increment-arrow-button").query();
        robot.clickOn(up).clickOn(up);
        robot.clickOn("#floor-reference").clickOn("floor-plane");
        workbench.waitUntilIdle();
        Encoding.Depth tuned = WorkbenchRobot.onFx(() -> ((EncodingLabView) workbench.shell.show("Encoding lab"))
                .hhaModel().encoding().orElseThrow());
        assertEquals(5, tuned.normalRadius());
        robot.clickOn("#nav-encoding-lab");
        robot.clickOn("#use-hha-in-run");
        WorkbenchRobot.waitUntil("the run form opens", () -> robot.lookup("#run-form").tryQuery()
                .map(Node::isVisible).orElse(false));
        RunFormViewModel form = WorkbenchRobot.onFx(() -> ((RunsView) workbench.shell.show("Runs")).model().form());
        assertTrue(WorkbenchRobot.onFx(() -> form.titleProperty().get()).contains("encoding lab"));
        assertEquals("nyu-crop", WorkbenchRobot.onFx(() -> form.value("encoding.depth.camera").get()));
        assertEquals(5, WorkbenchRobot.onFx(() -> form.value("encoding.depth.normalRadius").get()));
        assertEquals("floor-plane", WorkbenchRobot.onFx(() -> form.value("encoding.depth.floorReference").get()));
        assertEquals("45 x 5, 15 x 5", WorkbenchRobot.onFx(() -> form.value("encoding.depth.gravityStages").get()));
        assertEquals(workbench.context.session().dataset().root().toString(),
                WorkbenchRobot.onFx(() -> form.value("data").get()));
        // the fields are on the form, and the spec it makes carries the lab's encoding
        assertTrue(robot.lookup("Normal window radius").tryQuery().isPresent(), "the encoding fields are shown");
        // this workbench has no teacher run yet: the form says so (and refuses to start) until one is named
        WorkbenchRobot.waitUntil("the form names the missing teacher", () -> form.problemProperty().get()
                .startsWith("Teacher weights: "));
        WorkbenchRobot.onFx(() -> {
            form.value("teacher.source").set("random");
            return null;
        });
        WorkbenchRobot.waitUntil("the form's spec is valid", () -> form.spec().isPresent());
        assertEquals(tuned, WorkbenchRobot.onFx(() -> form.spec().orElseThrow().encoding().depth()));
    }
}
