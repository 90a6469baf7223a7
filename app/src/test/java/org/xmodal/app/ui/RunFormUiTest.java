package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.TestData;
import org.xmodal.app.TinyRuns;
import org.xmodal.app.runs.RunFormViewModel;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunsView;
import org.xmodal.app.runs.SpecField;
import org.xmodal.app.runs.SpecForm;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;

/**
 * The run form as a newcomer meets it: choosing fine-tuning fills a fine-tuning run from its preset, and what is
 * wrong is said in the field's words; every kind's form names each field once, a teacher's without a student, and
 * every field explains itself in a tooltip; a teacher is picked from the finished teacher runs of the window's folder
 * of runs (not one still training, not a transfer), and the run started is taught by it.
 */
@ExtendWith(ApplicationExtension.class)
class RunFormUiTest {
    @TempDir
    static Path tmp;
    private static Path data;
    private static int workbenches;
    private WorkbenchRobot workbench;
    /** This test's folder of runs (each test has its own). */
    private Path runs;

    @BeforeAll
    static void tinyDataset() {
        data = TestData.tinySynth(tmp.resolve("rooms"), 12, 0);
    }

    @Start
    void start(Stage stage) {
        Path home = tmp.resolve("workbench-" + ++workbenches);
        runs = home.resolve("runs");
        workbench = new WorkbenchRobot(stage, home.resolve("cache"));
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    private RunFormViewModel openForm(FxRobot robot) {
        robot.clickOn("#nav-runs");
        RunsView view = WorkbenchRobot.onFx(() -> (RunsView) workbench.shell.show("Runs"));
        robot.clickOn("#new-run");
        WorkbenchRobot.waitUntil("the form opens", () -> robot.lookup("#run-form").query().isVisible());
        return view.model().form();
    }

    /** The items of both columns of the form. */
    private static List<PropertySheet.Item> items(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> java.util.stream.Stream.of("#spec-sheet", "#spec-sheet-2")
                .flatMap(id -> robot.lookup(id).queryAs(org.xmodal.app.runs.FieldSheet.class).getItems().stream()).toList());
    }

    /** The names of the fields the form shows (its rows are made a few a pulse), both columns. */
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

    private static String text(FxRobot robot, String id) {
        WorkbenchRobot.waitUntil(id + " is on the form", () -> WorkbenchRobot.onFx(
                () -> robot.lookup(id).tryQuery().isPresent())); // its rows are made a few a pulse
        return WorkbenchRobot.onFx(() -> robot.lookup(id).queryAs(TextField.class).getText());
    }

    private static void type(FxRobot robot, String id, String text) {
        WorkbenchRobot.waitUntil(id + " is on the form", () -> WorkbenchRobot.onFx(
                () -> robot.lookup(id).tryQuery().isPresent())); // its rows are made a few a pulse
        robot.clickOn(id).press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT).write(text);
        WorkbenchRobot.waitUntil("'" + text + "' is typed", () -> text.equals(text(robot, id)));
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

    @SuppressWarnings("unchecked")
    private static List<String> offered(FxRobot robot, String id) {
        // the form's rows are made a few a pulse: on a busy machine a field low on the form comes later
        WorkbenchRobot.waitUntil(id + " is on the form", () -> robot.lookup(id).tryQuery().isPresent());
        return WorkbenchRobot.onFx(() -> List.copyOf(robot.lookup(id).queryAs(ComboBox.class).getItems()));
    }

    @Test
    void choosingFinetuneFillsItFromItsPresetAndItsErrorsNameTheField(FxRobot robot) {
        openForm(robot);
        pick(robot, "#field-kind", "finetune");
        WorkbenchRobot.waitUntil("a fine-tuning run's fields show", () -> shown(robot).containsAll(List.of("Task",
                "Input", "Starts from", "Proposals per image", "Foreground fraction", "Network")));
        List<String> shown = shown(robot);
        assertTrue(shown.stream().noneMatch(l -> l.startsWith("Student")), "one starting point: " + shown);
        assertEquals("detection", WorkbenchRobot.onFx(() -> robot.lookup("#field-finetune-task")
                .queryAs(ComboBox.class).getValue()));
        assertEquals("paired", WorkbenchRobot.onFx(() -> robot.lookup("#field-finetune-input")
                .queryAs(ComboBox.class).getValue()));
        assertEquals("200", text(robot, "#field-finetune-proposals"));
        assertEquals("0.25", text(robot, "#field-finetune-foreground"));
        assertEquals("400", text(robot, "#field-iterations"));
        assertEquals(runs.resolve("transfer-depth").toAbsolutePath().normalize().toString(),
                WorkbenchRobot.onFx(() -> robot.lookup("#field-finetune-init").queryAs(ComboBox.class).getEditor()
                        .getText()));
        // no transfer has been trained in this folder of runs yet: said by the field's label, and Start is off
        WorkbenchRobot.waitUntil("the form names the missing transfer", () -> problem(robot).startsWith(
                "Starts from: "));
        assertTrue(startDisabled(robot));
        pick(robot, "#field-finetune-init", "random");
        WorkbenchRobot.waitUntil("random weights can start", () -> problem(robot).isEmpty() && !startDisabled(robot));

        type(robot, "#field-finetune-proposals", "0");
        WorkbenchRobot.waitUntil("the engine's refusal in the form's words", () -> problem(robot).equals(
                "Proposals per image must be at least 1, got 0"));
        assertTrue(startDisabled(robot));
        // letters in a number field: said at once, not an older message, and the run cannot start
        type(robot, "#field-finetune-proposals", "1x");
        WorkbenchRobot.waitUntil("the letters are named", () -> problem(robot).equals("Proposals per image: '1x' "
                + "is not a whole number (the field keeps 1 until it is one)"));
        assertTrue(startDisabled(robot));
        type(robot, "#field-finetune-proposals", "150");
        WorkbenchRobot.waitUntil("a valid number can start", () -> problem(robot).isEmpty() && !startDisabled(robot));
        workbench.assertNoProblems();
    }

    /**
     * Every kind's form, for each paired modality: each field shown once under its own label, a teacher's without a
     * student or a paired modality, and each field's name and editor with a tooltip saying what it is.
     */
    @Test
    void everyKindsFormNamesEachFieldOnceAndExplainsEachInATooltip(FxRobot robot) {
        RunFormViewModel form = openForm(robot);
        for (String kind : List.of("transfer", "teacher", "finetune", "socket", "distill")) {
            for (String modality : List.of("depth", "flow")) {
                WorkbenchRobot.onFx(() -> {
                    form.value("kind").set(kind);
                    form.value("modality").set(modality);
                    return null;
                });
                List<String> expected = SpecForm.fields().stream().filter(f -> SpecForm.appliesTo(f, kind, modality))
                        .map(f -> f.label(kind)).toList();
                WorkbenchRobot.waitUntil(kind + "/" + modality + "'s fields show",
                        () -> new HashSet<>(shown(robot)).equals(new HashSet<>(expected)));
                WaitForAsyncUtils.waitForFxEvents();
                List<String> shown = shown(robot);
                assertEquals(shown.size(), new HashSet<>(shown).size(), kind + "/" + modality + ": " + shown);
                List<String> lacking = WorkbenchRobot.onFx(() -> withoutTooltips(robot, kind, modality));
                assertEquals(List.of(), lacking, kind + "/" + modality + ": fields without a tooltip");
                if (kind.equals("teacher")) {
                    assertTrue(shown.contains("Network"), shown.toString());
                    assertTrue(shown.stream().noneMatch(l -> l.contains("Student") || l.contains("sees")),
                            "a teacher is not a student: " + shown);
                }
            }
        }
        assertTrue(WorkbenchRobot.onFx(() -> robot.lookup("#preset").queryAs(Control.class).getTooltip() != null));
        // an editor's tooltip is made when the pointer first comes over it, with the text checked above
        robot.moveTo("#field-name");
        WorkbenchRobot.waitUntil("the name field's tooltip is made", () -> WorkbenchRobot.onFx(
                () -> robot.lookup("#field-name").queryAs(Control.class).getTooltip() != null));
        assertEquals(SpecForm.fields().stream().filter(f -> f.key().equals("name")).findFirst().orElseThrow().help(), WorkbenchRobot.onFx(
                () -> robot.lookup("#field-name").queryAs(Control.class).getTooltip().getText()));
        workbench.assertNoProblems();
    }

    /**
     * A value the form sets (a preset, a change of kind) is shown by its editor and not written back by it: the text
     * a field shows is an equal but new string (a number a new Double), and writing it back set the value again
     * inside its own change event, which broke JavaFX's listener list (a NullPointerException out of the form) when
     * a dropped editor's weak listener left it at the same time, as switching kinds back and forth did. Each set is
     * announced once, and what the person types is still the form's.
     */
    @Test
    void aValueTheFormSetsIsShownByItsEditorNotEchoedBack(FxRobot robot) {
        RunFormViewModel form = openForm(robot);
        List<String> announced = new ArrayList<>();
        WorkbenchRobot.onFx(() -> {
            form.value("name").addListener((javafx.beans.InvalidationListener) obs -> announced.add("name"));
            form.value("optimizer.learningRate").addListener((javafx.beans.InvalidationListener) obs
                    -> announced.add("rate"));
            form.value("name").set("echo-free");
            form.value("name").get();
            form.value("optimizer.learningRate").set(0.002);
            form.value("optimizer.learningRate").get();
            return null;
        });
        assertEquals(List.of("name", "rate"), announced);
        assertEquals("echo-free", text(robot, "#field-name"));
        assertEquals("0.002", text(robot, "#field-optimizer-learningRate"));
        type(robot, "#field-name", "typed");
        WorkbenchRobot.waitUntil("the typed name is the form's", () -> "typed".equals(form.value("name").get()));
        workbench.assertNoProblems();
    }

    /** The fields of a kind's form whose name or editor has no tooltip of the field's help; call on the FX thread. */
    private static List<String> withoutTooltips(FxRobot robot, String kind, String modality) {
        List<String> lacking = new ArrayList<>();
        for (SpecField f : SpecForm.fields()) {
            if (!SpecForm.appliesTo(f, kind, modality)) {
                continue;
            }
            Node editor = robot.lookup("#field-" + f.key().replace('.', '-')).tryQuery().orElse(null);
            boolean editorTip = editor instanceof Control c && f.help().equals(LazyTooltip.textOf(c))
                    && !f.help().isBlank();
            boolean nameTip = robot.lookup(".property-sheet .label").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getText().equals(f.label(kind)) && f.help().equals(LazyTooltip.textOf(l)));
            if (!editorTip || !nameTip) {
                lacking.add(f.label(kind) + (editorTip ? "" : " (editor)") + (nameTip ? "" : " (name)"));
            }
        }
        return lacking;
    }

    /** A run folder {@code id} in this test's folder of runs, as an engine leaves it; finished with the weights. */
    private Path run(String id, RunSpec spec, Path weights) throws Exception {
        Path dir = runs.resolve(id);
        Files.createDirectories(dir);
        Json.writeAtomically(spec, dir.resolve(RunDirectory.SPEC));
        String started = Json.compact(RunEvent.of(RunEvent.STARTED, 0).with("pid", -1).with("iterations", 4));
        String finished = Json.compact(RunEvent.of(RunEvent.FINISHED, 4));
        Files.writeString(dir.resolve(RunDirectory.EVENTS), started + "\n" + (weights == null ? "" : finished
                + "\n"));
        if (weights != null) {
            Path target = dir.resolve(RunSession.RESULT_WEIGHTS);
            Files.createDirectories(target.getParent());
            Files.copy(weights, target);
        }
        return dir;
    }

    private static RunSpec teacherSpec(String name) {
        return RunSpec.builder().name(name).kind("teacher").data(data.toString()).modality("depth")
                .student(new RunSpec.Student("alexnet-small", null, null)).batchSize(4).iterations(4)
                .inputSize(TinyRuns.INPUT).seed(3).device("cpu").threads(1).build();
    }

    @SuppressWarnings("unchecked")
    private static TableView<RunRecord> table(FxRobot robot) {
        return robot.lookup("#run-table").queryAs(TableView.class);
    }

    @Test
    void theTeacherIsPickedFromTheFinishedTeacherRunsAndTeachesTheRunStarted(FxRobot robot) throws Exception {
        // a trained alexnet-small teacher's weights (4 steps, in this process), finished under another name than the
        // preset's; a teacher still training; a finished transfer
        Path weights = TinyRuns.get().teacher().path().resolve(RunSession.RESULT_WEIGHTS);
        Path teacher = run("20250101-090000-my-teacher", teacherSpec("my-teacher"), weights);
        run("20250101-100000-half-teacher", teacherSpec("half-teacher"), null);
        RunSpec transferSpec = TinyRuns.get().transfer().spec().withName("old-transfer").withData(data.toString());
        run("20250101-110000-old-transfer", transferSpec, weights);
        RunFormViewModel form = openForm(robot);
        WorkbenchRobot.waitUntil("the folder's runs are listed", () -> table(robot).getItems().size() == 3);
        WorkbenchRobot.onFx(() -> {
            // the preset made tiny, on the tiny dataset: the person would type these
            form.value("data").set(data.toString());
            form.value("iterations").set(2);
            form.value("batchSize").set(4);
            form.value("inputSize").set(TinyRuns.INPUT);
            form.value("threads").set(1);
            form.value("checkpointEvery").set(500);
            form.value("logEvery").set(1);
            form.value("filterSnapshots").set("");
            form.value("name").set("picked-teacher");
            return null;
        });
        // the preset's rgb-teacher is not in this folder: the form says so before anything starts
        WorkbenchRobot.waitUntil("the missing teacher is named", () -> problem(robot).startsWith("Teacher weights: "
                + runs.resolve("rgb-teacher")));
        assertTrue(startDisabled(robot));
        String id = "20250101-090000-my-teacher";
        assertEquals(List.of(id), offered(robot, "#field-teacher-weights"),
                "the finished teacher, not the one still training nor the transfer");
        assertEquals(List.of("random", "20250101-110000-old-transfer", id), offered(robot, "#field-student-init"));
        pick(robot, "#field-teacher-weights", id);
        WorkbenchRobot.waitUntil("the picked teacher can start", () -> problem(robot).isEmpty()
                && !startDisabled(robot));
        assertEquals(id, WorkbenchRobot.onFx(() -> form.value("teacher.weights").get()));

        robot.clickOn("#start-run");
        WorkbenchRobot.waitUntil("the new run is listed", () -> table(robot).getItems().size() == 4);
        RunRecord started = WorkbenchRobot.onFx(() -> table(robot).getItems().stream()
                .filter(r -> r.id().endsWith("-picked-teacher")).findFirst().orElseThrow());
        RunSpec spec = RunDirectory.open(started.path()).spec();
        assertEquals(teacher.toAbsolutePath().normalize().toString(), spec.teacher().weights(),
                "the run is taught by the run picked");
        try {
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WorkbenchRobot.onFx(
                    () -> started.summary().status().state() == RunStatus.State.FINISHED));
        } catch (TimeoutException e) {
            throw new AssertionError("the run did not finish within 3 minutes: " + RunDirectory.open(started.path())
                    .events().stream().map(ev -> ev.type() + "@" + ev.step() + " " + ev.text("reason")).toList(), e);
        }
        assertFalse(RunDirectory.open(started.path()).events().stream().anyMatch(e -> e.type().equals(
                RunEvent.FAILED)));
        workbench.waitUntilIdle();
        workbench.assertNoProblems();
    }
}
