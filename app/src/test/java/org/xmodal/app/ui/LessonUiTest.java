package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.filters.FiltersViewModel;
import org.xmodal.app.lesson.Lesson;
import org.xmodal.app.lesson.LessonStep;
import org.xmodal.app.lesson.LessonView;
import org.xmodal.engine.image.ImageFiles;

/**
 * The lesson walked with the keyboard only, from its first screen to its last, as a lecturer would in front of a
 * class: each screen must show its artefact (the live transfer run trained, an SGD step taken, a what-if run, Table
 * 1's bars, the flow); the arrow keys go back; presenter mode shows every screen within a 1280 x 720 projector; a
 * screen saves as a PNG. The wait of each screen is printed.
 */
@ExtendWith(ApplicationExtension.class)
class LessonUiTest {
    /** Generous for CI's shared two cores; the budget on an idle laptop is 90 s a screen. */
    private static final long MINUTES_PER_STEP = 3;

    @TempDir
    static Path tmp;

    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("workbench").resolve("cache"));
    }

    @AfterEach
    void close() {
        WorkbenchRobot.onFx(() -> {
            LessonView v = (LessonView) workbench.shell.show(LessonView.TITLE);
            v.lesson().stop();
            return null;
        });
        workbench.close();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // two live runs on CI's two shared cores: about a minute here
    void theLessonIsWalkedWithTheKeyboardAndEveryScreenShowsItsArtefact(FxRobot robot) throws Exception {
        robot.clickOn("#start-lesson"); // on the Data view, where the window opens
        WorkbenchRobot.waitUntil("the lesson is shown", () -> LessonView.TITLE.equals(
                workbench.shell.shownProperty().get()));
        LessonView view = WorkbenchRobot.onFx(() -> (LessonView) workbench.shell.show(LessonView.TITLE));
        Lesson lesson = view.lesson();
        assertEquals(8, lesson.steps().size());
        robot.clickOn("#lesson-text"); // the focus in the lesson, as a click anywhere on it gives
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            int k = i;
            if (i > 0) {
                robot.push(KeyCode.RIGHT);
            }
            WorkbenchRobot.waitUntil("screen " + (k + 1) + " is shown", () -> lesson.indexProperty().get() == k);
            LessonStep step = WorkbenchRobot.onFx(lesson::current);
            assertEquals((k + 1) + " / 8", text(robot, "#lesson-counter"));
            assertEquals(step.title(), text(robot, "#lesson-title"));
            long start = System.nanoTime();
            if (step.id().equals("what-ifs")) {
                robot.clickOn("#lesson-whatif-conv1-run");
            }
            waitLong(robot, step, () -> step.readyProperty().get());
            waits.add(String.format(Locale.ROOT, "%d %s %.1f s", k + 1, step.id(),
                    (System.nanoTime() - start) / 1e9));
            checkArtefact(robot, step.id());
            if (step.id().equals("transfer")) {
                checkFilterAnimation();
            }
        }
        System.out.println("lesson waits: " + waits);
        robot.push(KeyCode.RIGHT);
        assertEquals(7, (int) WorkbenchRobot.onFx(() -> lesson.indexProperty().get()), "no screen after the last");
        robot.push(KeyCode.LEFT);
        WorkbenchRobot.waitUntil("Left goes back", () -> lesson.indexProperty().get() == 6);
        robot.push(KeyCode.PAGE_UP);
        WorkbenchRobot.waitUntil("Page Up goes back (a clicker's key)", () -> lesson.indexProperty().get() == 5);
        robot.push(KeyCode.HOME);
        WorkbenchRobot.waitUntil("Home goes to the first screen", () -> lesson.indexProperty().get() == 0);

        Path png = tmp.resolve("slides").resolve(WorkbenchRobot.onFx(view::fileName));
        assertEquals("lesson-1-pairs.png", png.getFileName().toString());
        WorkbenchRobot.onFx(() -> {
            view.save(png);
            return null;
        });
        int[] size = ImageFiles.size(png);
        assertEquals((int) Math.round(WorkbenchRobot.onFx(() -> view.screen().getWidth())), size[0]);

        // presenter mode: every screen within a 1280 x 720 projector, its text whole and its buttons on screen
        WorkbenchRobot.onFx(() -> {
            view.presenter(true, 1280, 720);
            return null;
        });
        assertTrue(WorkbenchRobot.onFx(view::presenting));
        for (int i = 0; i < lesson.steps().size(); i++) {
            int k = i;
            WorkbenchRobot.onFx(() -> {
                lesson.go(k);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            String problem = WorkbenchRobot.onFx(() -> clipped(view));
            assertEquals("", problem, "screen " + (k + 1) + " in presenter mode at 1280 x 720");
        }
        robot.push(KeyCode.ESCAPE);
        WorkbenchRobot.waitUntil("Escape leaves presenter mode", () -> !view.presenting());
        assertTrue(WorkbenchRobot.onFx(() -> view.screen().getScene() == view.node().getScene()),
                "the lesson is back in the window");
        workbench.assertNoProblems();
    }

    /** The live run's conv1 evolution exports as an animated GIF for slides: step 0 and a frame every 25 steps. */
    private void checkFilterAnimation() throws Exception {
        Path root = WorkbenchRobot.onFx(() -> workbench.context.runs().root());
        Path run;
        try (var s = Files.list(root)) {
            run = s.filter(p -> p.getFileName().toString().endsWith("-lesson-transfer")).findFirst().orElseThrow();
        }
        Path gif = tmp.resolve("slides").resolve("lesson-4-filters.gif");
        int frames = FiltersViewModel.writeEvolution(run, gif);
        assertTrue(frames >= 300 / 25 + 1, frames + " frames");
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(frames, reader.getNumImages(true));
        }
    }

    /** What on the presenter screen does not fit: "" when everything does. */
    private static String clipped(LessonView view) {
        var scene = view.screen().getScene();
        view.screen().applyCss();
        view.screen().layout();
        StringBuilder out = new StringBuilder();
        for (String id : List.of("#lesson-next", "#lesson-back", "#lesson-save", "#lesson-presenter",
                "#lesson-title", "#lesson-text")) {
            Node n = view.screen().lookup(id);
            Bounds b = n.localToScene(n.getBoundsInLocal());
            if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > scene.getWidth() + 0.5
                    || b.getMaxY() > scene.getHeight() + 0.5) {
                out.append(id).append(" at ").append(b).append(" is off the ").append(scene.getWidth()).append("x")
                        .append(scene.getHeight()).append(" screen; ");
            }
            if (n instanceof Label l && l.getHeight() + 0.5 < l.prefHeight(l.getWidth())) {
                out.append(id).append(" is cut (").append(l.getHeight()).append(" px high of ")
                        .append(l.prefHeight(l.getWidth())).append("); ");
            }
        }
        cutWords(view.screen(), out);
        return out.toString();
    }

    /** Every label and button shown in {@code n} whose words are cut short (drawn with an ellipsis). */
    private static void cutWords(Node n, StringBuilder out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Node drawn = l.lookup(".text");
            if (drawn instanceof javafx.scene.text.Text t && !t.getText().equals(l.getText())) {
                out.append("'").append(l.getText()).append("' is drawn as '").append(t.getText()).append("'; ");
            }
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                cutWords(c, out);
            }
        }
    }

    /** The artefact each screen must show. */
    private static void checkArtefact(FxRobot robot, String id) {
        switch (id) {
            case "pairs" -> assertTrue(WorkbenchRobot.pixels(robot, "#lesson-pairs-canvas").length > 0);
            case "hha" -> {
                assertTrue(WorkbenchRobot.pixels(robot, "#lesson-hha-angle-image").length > 0);
                assertFalse(WorkbenchRobot.onFx(() -> ((org.xmodal.app.fx.ImageCanvas) robot.lookup(
                        "#lesson-hha-gravity").query()).marks().isEmpty()), "gravity is drawn");
            }
            case "teacher" -> {
                assertTrue(WorkbenchRobot.pixels(robot, "#lesson-teacher-filters-image").length > 0);
                assertTrue(WorkbenchRobot.pixels(robot, "#lesson-teacher-map-0-image").length > 0);
            }
            case "transfer" -> {
                assertTrue(WorkbenchRobot.pixels(robot, "#lesson-transfer-filters-image").length > 0);
                assertTrue(WorkbenchRobot.pixels(robot, "#lesson-transfer-error-image").length > 0);
            }
            case "sgd" -> {
                assertTrue(WorkbenchRobot.pixels(robot, "#lesson-step-gradient-image").length > 0);
                assertTrue(text(robot, "#lesson-sgd-loss").contains("after"), text(robot, "#lesson-sgd-loss"));
            }
            case "what-ifs" -> assertTrue(text(robot, "#lesson-whatif-conv1-result").contains("Loss"),
                    text(robot, "#lesson-whatif-conv1-result"));
            case "table1" -> {
                assertEquals(4, (int) WorkbenchRobot.onFx(() -> ((BarChart<?, ?>) robot
                        .lookup("#lesson-table1-chart").query()).getData().size()));
                // the scratch detector's mistakes beside the transferred one's, from the committed runs' scores
                String mistakes = WorkbenchRobot.onFx(() -> robot.lookup("#lesson-table1-mistakes .label")
                        .queryAll().stream().map(n -> ((Label) n).getText()).toList().toString());
                assertTrue(mistakes.contains("the scratch detector misses") && mistakes.contains("the transferred one")
                        && mistakes.contains("False detections after NMS"), mistakes);
            }
            case "flow" -> assertTrue(WorkbenchRobot.pixels(robot, "#lesson-flow-estimate-image").length > 0);
            default -> throw new AssertionError("no check for screen " + id);
        }
    }

    private static String text(FxRobot robot, String id) {
        return WorkbenchRobot.onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private void waitLong(FxRobot robot, LessonStep step, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(MINUTES_PER_STEP, TimeUnit.MINUTES, () -> WorkbenchRobot.onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("screen " + step.id() + " showed no artefact in " + MINUTES_PER_STEP
                    + " min; it says: " + text(robot, "#lesson-status") + "; problems: " + workbench.problems, e);
        }
    }
}
