package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.DistillTeachers;
import org.xmodal.app.runs.RunFormViewModel;
import org.xmodal.app.runs.RunsView;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunKind;

/**
 * A distill run chosen in the run form as a person would: the kind picked from its list fills Xia et al.'s robust
 * objective and the distill settings from the distill preset and shows the Distillation group (not crops, flips or the teacher
 * cache); a combination the spec refuses (csc without filter-ce) and one the engine refuses on looking at the teacher
 * (kd on a teacher without a classifier) are said under the form, with Start off, until the terms are fixed.
 */
@ExtendWith(ApplicationExtension.class)
class DistillFormUiTest {
    @TempDir
    static Path tmp;
    private WorkbenchRobot workbench;

    @Start
    void start(Stage stage) {
        workbench = new WorkbenchRobot(stage, tmp.resolve("workbench").resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    /** The names of the fields the form shows, both columns. */
    private static List<String> shown(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> java.util.stream.Stream.of("#spec-sheet", "#spec-sheet-2")
                .flatMap(id -> robot.lookup(id).queryAs(org.xmodal.app.runs.FieldSheet.class).shownNames().stream())
                .toList());
    }

    private static String problem(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> robot.lookup("#form-problem").queryAs(Label.class).getText());
    }

    private static boolean startDisabled(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> robot.lookup("#start-run").query().isDisabled());
    }

    private static void typeTerms(FxRobot robot, String terms) {
        robot.clickOn("#field-objective-terms").press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A,
                KeyCode.SHORTCUT).write(terms);
        WorkbenchRobot.waitUntil("the terms are typed", () -> terms.equals(robot.lookup("#field-objective-terms")
                .queryAs(TextField.class).getText()));
    }

    @Test
    void theFormOffersDistillFillsItsDefaultsAndSaysWhatTheEngineRefuses(FxRobot robot) {
        robot.clickOn("#nav-runs");
        RunsView view = WorkbenchRobot.onFx(() -> (RunsView) workbench.shell.show("Runs"));
        robot.clickOn("#new-run");
        WorkbenchRobot.waitUntil("the form opens", () -> robot.lookup("#run-form").query().isVisible());
        RunFormViewModel form = view.model().form();

        // the kind's list offers distill
        robot.clickOn("#field-kind");
        Node distill = WorkbenchRobot.onFx(() -> robot.lookup(".list-cell").match(c -> c instanceof ListCell<?> l
                && "distill".equals(l.getText())).query());
        robot.clickOn(distill);
        WorkbenchRobot.waitUntil("a distill run's fields show", () -> shown(robot).containsAll(List.of(
                "KD temperature", "CRD negatives", "Adaptive CSC temperature", "Filter rate factor", "Objective",
                "Teacher weights", "Loss normalisation")) && !shown(robot).contains("Random crops")
                && !shown(robot).contains("Cache teacher features") && !shown(robot).contains("Task"));
        assertEquals("ce = 1, csc = 1, filter-ce = 1, filter-triplet = 1, filter-sparsity = 0.001",
                WorkbenchRobot.onFx(() -> robot.lookup("#field-objective-terms").queryAs(TextField.class).getText()));
        assertEquals("4", WorkbenchRobot.onFx(() -> robot.lookup("#field-distill-temperature").queryAs(TextField.class)
                .getText()));
        assertEquals("256", WorkbenchRobot.onFx(() -> robot.lookup("#field-distill-crdNegatives")
                .queryAs(TextField.class).getText()), "the distill preset's");
        String help = WorkbenchRobot.onFx(() -> robot.lookup("#spec-sheet").queryAs(org.xmodal.app.runs.FieldSheet.class).getItems()
                .stream().filter(i -> i.getName().equals("Objective")).findFirst().orElseThrow().getDescription());
        assertTrue(help.contains("attention = 1000 (") && help.contains("crd = 0.8 ("), help);
        assertEquals("network", WorkbenchRobot.onFx(() -> form.value("teacher.source").get()));

        // the preset's teacher run does not exist in this workbench: the form says so in its own words, and the run
        // cannot start
        WorkbenchRobot.waitUntil("the form's word on the teacher", () -> problem(robot).startsWith(
                "Teacher weights: "));
        assertTrue(startDisabled(robot));
        Path headless = DistillTeachers.headless(tmp);
        WorkbenchRobot.onFx(() -> {
            form.value("student.architecture").set(DistillTeachers.ARCHITECTURE);
            form.value("teacher.architecture").set(DistillTeachers.ARCHITECTURE);
            form.value("teacher.weights").set(headless.toString());
            form.value("inputSize").set(64);
            return null;
        });
        WorkbenchRobot.waitUntil("the engine accepts the robust objective on this teacher", () -> !startDisabled(robot)
                && problem(robot).isEmpty());

        // csc without the noise filter's cross-entropy: the spec's own rule
        typeTerms(robot, "ce = 1, csc = 1");
        WorkbenchRobot.waitUntil("the form says why", () -> problem(robot).contains("csc calibrates the student "
                + "against the modality noise filter's features"));
        assertTrue(startDisabled(robot));
        // kd on a teacher without a classifier: the engine's check of the teacher's weights
        typeTerms(robot, "ce = 1, kd = 1");
        WorkbenchRobot.waitUntil("the form says what the engine refuses", () -> problem(robot).contains(
                "has no classifier (fc): kd distils the teacher's class probabilities"));
        assertTrue(startDisabled(robot));
        assertTrue(problem(robot).startsWith(headless.toString()), "the engine's message names the file: "
                + problem(robot));

        typeTerms(robot, "ce = 1, hint = 1");
        WorkbenchRobot.waitUntil("a combination the engine takes can start", () -> !startDisabled(robot)
                && problem(robot).isEmpty());
        assertEquals(RunKind.DISTILL, WorkbenchRobot.onFx(() -> form.spec().orElseThrow().kind()));
        assertEquals(Objective.of(new Objective.Term(Objective.CE, 1), new Objective.Term(Objective.HINT, 1)),
                WorkbenchRobot.onFx(() -> form.spec().orElseThrow().objective()));
        assertFalse(WorkbenchRobot.onFx(() -> form.spec().orElseThrow().distill() == null));
        workbench.assertNoProblems();
    }
}
