package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.TestData;

/** The data view driven as a person would: mouse and keyboard on the real window, headless. */
@ExtendWith(ApplicationExtension.class)
class DataViewUiTest {
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

    private String text(FxRobot robot, String id) {
        return WorkbenchRobot.onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void theSampleDataOpensWithItsPairsListedAndTheFirstShown(FxRobot robot) {
        workbench.waitUntilIdle();
        assertEquals(200, WorkbenchRobot.onFx(() -> robot.lookup("#pair-list").queryListView().getItems().size()));
        assertTrue(text(robot, "#pair-title").startsWith("scene-000000"), text(robot, "#pair-title"));
        assertTrue(WorkbenchRobot.pixels(robot, "#pair-canvas").length > 0, "the first pair is drawn");
        assertEquals(WorkbenchRobot.ENGINE, text(robot, "#engine-status"));
        workbench.assertNoProblems();
    }

    @Test
    void steppingToTheNextPairChangesThePicture(FxRobot robot) {
        workbench.waitUntilIdle();
        int[] first = WorkbenchRobot.pixels(robot, "#pair-canvas");
        robot.clickOn("#next-pair");
        WorkbenchRobot.waitUntil("the second pair is shown", () -> robot.lookup("#pair-title").queryAs(Label.class)
                .getText().startsWith("scene-000001"));
        workbench.waitUntilIdle();
        assertFalse(java.util.Arrays.equals(first, WorkbenchRobot.pixels(robot, "#pair-canvas")));
        WorkbenchRobot.onFx(() -> {
            robot.lookup("#pair-list").query().requestFocus();
            return null;
        });
        robot.type(javafx.scene.input.KeyCode.DOWN);
        WorkbenchRobot.waitUntil("the list's arrow keys step too", () -> robot.lookup("#pair-title")
                .queryAs(Label.class).getText().startsWith("scene-000002"));
        workbench.assertNoProblems();
    }

    @Test
    void choosingTheDepthLayerShowsFalseColourWithItsScaleBar(FxRobot robot) {
        workbench.waitUntilIdle();
        int[] rgb = WorkbenchRobot.pixels(robot, "#pair-canvas");
        robot.clickOn("#layer-depth");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(java.util.Arrays.equals(rgb, WorkbenchRobot.pixels(robot, "#pair-canvas")));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#layer-legend").queryAs(javafx.scene.image.ImageView.class)
                .getImage() != null), "the scale bar is shown");
    }

    @Test
    void pointingAtThePictureReadsDepthHeightAndAngle(FxRobot robot) {
        workbench.waitUntilIdle();
        robot.moveTo("#pair-canvas");
        WorkbenchRobot.waitUntil("the pixel is read", () -> robot.lookup("#pixel-reading").queryAs(Label.class)
                .getText().contains("depth"));
        String reading = text(robot, "#pixel-reading");
        assertTrue(reading.contains(" m") && reading.contains("height") && reading.contains("angle"), reading);
    }

    @Test
    void theFlowSampleOffersTheColourWheelWithItsKey(FxRobot robot) {
        workbench.waitUntilIdle();
        robot.clickOn("#open-menu").clickOn("Sample: synthetic flow sequences");
        WorkbenchRobot.waitUntil("the flow pairs are listed", () -> robot.lookup("#pair-list").queryListView()
                .getItems().size() == 16);
        workbench.waitUntilIdle();
        robot.clickOn("#layer-flow-wheel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#pair-title").endsWith("flow: ground truth"), text(robot, "#pair-title"));
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#layer-legend").queryAs(javafx.scene.image.ImageView.class)
                .getImage() != null), "the colour wheel's key is shown");
        robot.moveTo("#pair-canvas");
        WorkbenchRobot.waitUntil("the flow vector is read", () -> robot.lookup("#pixel-reading").queryAs(Label.class)
                .getText().contains("flow u"));
        workbench.assertNoProblems();
    }

    @Test
    void aDatasetThatCannotBeOpenedIsExplainedInADialogAndTheOpenOneStays(FxRobot robot) {
        workbench.waitUntilIdle();
        Path missing = tmp.resolve("no-such-dataset");
        WorkbenchRobot.onFx(() -> workbench.context.session().open(missing));
        WorkbenchRobot.waitUntil("the problem dialog opens", () -> robot.lookup("#problem-dialog").tryQuery()
                .isPresent());
        String shown = WorkbenchRobot.onFx(() -> robot.lookup("#problem-dialog .label").queryAllAs(Label.class)
                .stream().map(Label::getText).collect(java.util.stream.Collectors.joining("\n")));
        assertTrue(shown.contains(missing + ": does not exist"), shown);
        assertFalse(shown.contains("\tat "), "no stack trace");
        robot.clickOn("OK");
        WorkbenchRobot.waitUntil("the dialog closes", () -> robot.lookup("#problem-dialog").tryQuery().isEmpty());
        assertEquals(200, WorkbenchRobot.onFx(() -> robot.lookup("#pair-list").queryListView().getItems().size()));
    }

    @Test
    void cancellingTheSyntheticGeneratorWritesNothing(FxRobot robot) {
        workbench.waitUntilIdle();
        Path target = tmp.resolve("never-written");
        robot.clickOn("#open-menu").clickOn("Generate synthetic...");
        WorkbenchRobot.waitUntil("the dialog opens", () -> robot.lookup("#synth-dialog").tryQuery().isPresent());
        TextField folder = robot.lookup("#synth-folder").queryAs(TextField.class);
        WorkbenchRobot.onFx(() -> {
            folder.setText(target.toString());
            return null;
        });
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#synth-command").queryAs(TextField.class).getText()
                .contains("--out " + target)), "the dialog shows the equivalent command");
        robot.clickOn("#synth-cancel");
        WorkbenchRobot.waitUntil("the dialog closes", () -> robot.lookup("#synth-dialog").tryQuery().isEmpty());
        workbench.waitUntilIdle();
        assertFalse(Files.exists(target));
        assertEquals("synth-rgbd-seed2016", WorkbenchRobot.onFx(() -> workbench.context.session().dataset().name()));
        workbench.assertNoProblems();
    }
}
