package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
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
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.TestData;
import org.xmodal.app.fx.ImageCanvas;
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
        // the sample's depth images are 160x120: the crop's intrinsics are shown for that size, as HHA uses them
        String cx = WorkbenchRobot.onFx(() -> robot.lookup("#camera-cx").queryTextInputControl().getText());
        assertTrue(cx.startsWith("81.95"), "the preset filled the principal point scaled to the image: " + cx);
        assertEquals("160", WorkbenchRobot.onFx(() -> robot.lookup("#camera-width .text-field")
                .queryTextInputControl().getText()));
        assertEquals("120", WorkbenchRobot.onFx(() -> robot.lookup("#camera-height .text-field")
                .queryTextInputControl().getText()));
        assertEquals("Scaled from the preset's 560x425 to the depth image's 160x120, as HHA uses them",
                WorkbenchRobot.onFx(() -> robot.lookup("#camera-note").queryAs(Label.class).getText()));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#camera-note").query().isVisible()));
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

    /** Where each canvas draws an image point, in its own coordinates. */
    private static List<Point2D> where(ImageCanvas a, ImageCanvas b, double x, double y) {
        return WorkbenchRobot.onFx(() -> List.of(a.screenPoint(x, y), b.screenPoint(x, y)));
    }

    @Test
    void theEstimateAndTheGroundTruthShowEachPixelAtTheSamePlaceZoomedOrPanned(FxRobot robot) {
        workbench.waitUntilIdle();
        WorkbenchRobot.onFx(() -> workbench.context.session().open(TestData.sample().flow()));
        workbench.waitUntilIdle();
        robot.clickOn("#nav-encoding-lab");
        WorkbenchRobot.waitUntil("the estimate and the ground truth are drawn", () ->
                WorkbenchRobot.pixels(robot, "#flow-estimate-image").length > 0
                        && WorkbenchRobot.pixels(robot, "#flow-truth-image").length > 0);
        workbench.waitUntilIdle();
        ImageCanvas estimate = WorkbenchRobot.onFx(() -> robot.lookup("#flow-estimate-image").queryAs(
                ImageCanvas.class));
        ImageCanvas truth = WorkbenchRobot.onFx(() -> robot.lookup("#flow-truth-image").queryAs(ImageCanvas.class));
        double w = WorkbenchRobot.onFx(() -> estimate.currentImage().getWidth());
        double h = WorkbenchRobot.onFx(() -> estimate.currentImage().getHeight());
        assertEquals(w, WorkbenchRobot.onFx(() -> truth.currentImage().getWidth()));
        assertEquals(WorkbenchRobot.onFx(() -> List.of(estimate.getWidth(), estimate.getHeight())),
                WorkbenchRobot.onFx(() -> List.of(truth.getWidth(), truth.getHeight())), "the same size");
        for (double[] p : new double[][] {{0, 0}, {w, h}, {w / 3, h / 2}}) {
            List<Point2D> at = where(estimate, truth, p[0], p[1]);
            assertEquals(at.get(0), at.get(1), "pixel " + p[0] + ", " + p[1]);
        }
        double fitted = WorkbenchRobot.onFx(estimate::zoom);

        // the wheel over the estimate zooms both; a drag over the ground truth pans both
        robot.moveTo(estimate).scroll(2, VerticalDirection.UP);
        WorkbenchRobot.waitUntil("the estimate is zoomed", () -> Math.abs(estimate.zoom() - fitted) > 0.1 * fitted);
        assertEquals(WorkbenchRobot.onFx(estimate::zoom), WorkbenchRobot.onFx(truth::zoom));
        robot.drag(truth).moveBy(40, 25).drop();
        workbench.waitUntilIdle();
        for (double[] p : new double[][] {{0, 0}, {w, h}, {w / 3, h / 2}}) {
            List<Point2D> at = where(estimate, truth, p[0], p[1]);
            assertEquals(at.get(0), at.get(1), "pixel " + p[0] + ", " + p[1] + " zoomed and panned");
        }
        workbench.assertNoProblems();
    }

    private static String problem(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> robot.lookup("#hha-problem").queryAs(Label.class).getText());
    }

    @Test
    void theProblemLineFollowsWhatIsTypedInANumberField(FxRobot robot) {
        openTheLab(robot);
        int[] before = WorkbenchRobot.pixels(robot, "#hha-composite-image");
        String fx = WorkbenchRobot.onFx(() -> robot.lookup("#camera-fx").queryTextInputControl().getText());
        robot.doubleClickOn("#camera-fx").eraseText(20).write("0");
        workbench.waitUntilIdle();
        assertTrue(problem(robot).contains("focal lengths must be positive"), problem(robot));
        // letters after it: the line is about what the field holds now, not about the 0 before
        robot.write("x");
        assertEquals("fx: \u201c0x\u201d is not a number", problem(robot));
        robot.write("y");
        assertEquals("fx: \u201c0xy\u201d is not a number", problem(robot), "it follows the text as it changes");
        robot.eraseText(3).write(fx);
        workbench.waitUntilIdle();
        assertEquals("", problem(robot), "a valid number again: nothing to say");
        assertTrue(Arrays.equals(before, WorkbenchRobot.pixels(robot, "#hha-composite-image")),
                "the same focal length as before gives the same picture");

        // a spinner's text too: letters, then a number out of its range, then one it takes
        robot.doubleClickOn("#normal-radius .text-field").eraseText(4).write("abc");
        assertEquals("Normal radius: \u201cabc\u201d is not a number", problem(robot));
        robot.eraseText(3).write("500");
        assertEquals("Normal radius: 500 is not between 1 and 50", problem(robot));
        // typed one key at a time, 50 was taken on the way; 500 is neither taken nor clamped under the cursor
        assertEquals(50, WorkbenchRobot.onFx(() -> ((EncodingLabView) workbench.shell.show("Encoding lab"))
                .hhaModel().normalRadiusProperty().get()));
        assertEquals("500", WorkbenchRobot.onFx(() -> robot.lookup("#normal-radius .text-field")
                .queryTextInputControl().getText()));
        robot.eraseText(3).write("5");
        workbench.waitUntilIdle();
        assertEquals("", problem(robot));
        assertEquals(5, WorkbenchRobot.onFx(() -> ((EncodingLabView) workbench.shell.show("Encoding lab"))
                .hhaModel().normalRadiusProperty().get()));
        workbench.assertNoProblems();
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
        // with the menu bar, at the tests' 1280x800, the lab's column scrolls: a person scrolls down to its last buttons
        WorkbenchRobot.onFx(() -> {
            Node n = robot.lookup("#use-hha-in-run").query();
            while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
                n = n.getParent();
            }
            ((javafx.scene.control.ScrollPane) n).setVvalue(1);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
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
        // (the form's rows are made a few a pulse)
        WorkbenchRobot.waitUntil("the encoding fields are shown", () -> WorkbenchRobot.onFx(
                () -> robot.lookup("Normal window radius").tryQuery().isPresent()));
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
