package org.xmodal.app.runs;

import org.xmodal.engine.experiment.RobustPreset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.DistillTeachers;
import org.xmodal.app.TestData;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

class RunFormViewModelTest {
    @TempDir
    Path runs;

    private static final DeviceProbe ONE_GPU = () -> new EngineInfo("PyTorch", "2.5.1", "0.32.0", "cu124", 8,
            List.of(new EngineInfo.Gpu(0, 12L << 30)));

    /** The window's runs, in {@code runs}: looked at when a test says so. */
    private RunLibrary library;

    private RunFormViewModel form() {
        library = new RunLibrary(new DirectTaskExecutor(), runs);
        return new RunFormViewModel(new DirectTaskExecutor(), ONE_GPU, Presets.workbenchRoot().orElseThrow(),
                library);
    }

    @Test
    void theDeviceChoiceShowsWhatTheEngineFound() {
        RunFormViewModel form = form();
        assertEquals(List.of("auto", "cpu", "gpu:0"), form.choices(SpecForm.DEVICE_KEY));
        assertTrue(form.devicesProperty().get().contains("cpu (8 cores)"), form.devicesProperty().get());
        assertTrue(form.devicesProperty().get().contains("gpu0 (12.0 GiB)"), form.devicesProperty().get());
    }

    @Test
    void aPresetFillsTheFormWithPathsInTheWorkbenchAndItsRunsFolder() {
        RunFormViewModel form = form();
        form.newRun();
        assertEquals("transfer-cpu-demo", form.presetProperty().get().name());
        assertEquals(TestData.sample().rgbd().toString(), form.value("data").get());
        assertEquals(runs.resolve("rgb-teacher").toString(), form.value("teacher.weights").get());
        assertEquals(1e-3, form.value("optimizer.learningRate").get(), "the transfer preset's rate");
        // a newcomer has no teacher yet: the form says so before anything starts, in its own words
        assertFalse(form.spec().isPresent());
        assertEquals("Teacher weights: " + runs.resolve("rgb-teacher") + " does not exist, and " + runs + " holds no "
                + "finished run named rgb-teacher (train one first, or choose a weights file or a run folder)",
                form.problemProperty().get());

        // once a run of that name has finished in the window's folder of runs, the name means it
        RunSpec teacher = RunSpec.builder().name("rgb-teacher").kind("teacher").data(TestData.sample().rgbd()
                .toString()).student(new RunSpec.Student("alexnet-small", null, null)).batchSize(8).iterations(1)
                .inputSize(64).build();
        Path finished = DistillTeachers.finishedRun(runs, teacher, DistillTeachers.classifier(runs, 5));
        form.value("seed").set(3L);
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        assertEquals("", form.problemProperty().get());
        assertEquals(finished.toAbsolutePath().normalize().toString(),
                form.spec().orElseThrow().teacher().weights(), "the engine is given the run's folder itself");
        assertEquals(runs.resolve("rgb-teacher").toString(), form.value("teacher.weights").get(),
                "the field keeps what the person typed");
    }

    /** A kind with an objective starts from its own terms; terms a person set for that kind are kept. */
    @Test
    void choosingSocketOffersSocketsFourTermsAtThePapersWeights() throws Exception {
        java.nio.file.Files.createDirectories(runs.resolve("source")); // the form refuses a source that is not there
        RunFormViewModel form = form();
        form.newRun();
        assertEquals("hint = 1", form.value("objective.terms").get(), "the transfer preset");
        form.value("kind").set("socket");
        assertEquals("pseudo-labels = 0.3, information-maximisation = 1, bn-statistics = 0.5, task-irrelevant = 0.5",
                form.value("objective.terms").get());
        form.value("socket.source").set(runs.resolve("source").toString());
        assertEquals(org.xmodal.engine.objective.Objective.socket(), form.spec().orElseThrow().objective(),
                form.problemProperty().get());
        // the BN term switched off: kept through a change of kind and back
        form.value("objective.terms").set("pseudo-labels = 0.3, information-maximisation = 1, bn-statistics = 0, "
                + "task-irrelevant = 0.5");
        form.value("kind").set("finetune");
        form.value("kind").set("socket");
        assertEquals(0.0, form.spec().orElseThrow().objective().terms().get(2).weight());
        form.value("kind").set("transfer");
        assertEquals("hint = 1", form.value("objective.terms").get());
        // a term the kind does not compute is named by the validation, not replaced, while the kind stays
        form.value("kind").set("socket");
        form.value("objective.terms").set("hint = 1, bn-statistics = 0.5");
        assertFalse(form.spec().isPresent());
        assertTrue(form.problemProperty().get().contains("hint"), form.problemProperty().get());
    }

    @Test
    void theSocketPresetsSourceIsARunInTheWorkbenchsFolderOfRuns() {
        RunFormViewModel form = form();
        form.newRun();
        form.presetProperty().set(form.presets().stream().filter(p -> p.name().equals("socket-cpu-demo"))
                .findFirst().orElseThrow());
        assertEquals("socket", form.value("kind").get());
        assertEquals(runs.resolve("socket-source").toString(), form.value("socket.source").get());
        assertEquals("pseudo-labels = 0.3, information-maximisation = 1, bn-statistics = 0.5, task-irrelevant = 0.5",
                form.value("objective.terms").get());
        assertEquals("0.1", form.value("optimizer.backboneRate").get());
    }

    /**
     * Choosing distill fills what a distill run needs from the distill preset: Xia et al.'s robust objective, the
     * distill settings of the robust experiment's CPU demo, a teacher network; the engine's own check then says what
     * it refuses (kd on a teacher without a classifier) before the run can start, in the form's words, and the
     * spec's own rules theirs (csc without filter-ce).
     */
    @Test
    void choosingDistillFillsItsDefaultsAndTheEnginesRefusalsAreTheFormsProblem() {
        RunFormViewModel form = form();
        form.newRun();
        form.value("kind").set("distill");
        assertEquals("ce = 1, csc = 1, filter-ce = 1, filter-triplet = 1, filter-sparsity = 0.001",
                form.value("objective.terms").get());
        assertEquals(4.0, form.value("distill.temperature").get());
        assertEquals("layer2, layer3, layer4", form.value("distill.attentionTaps").get());
        assertEquals(256, form.value("distill.crdNegatives").get(), "the distill preset's");
        assertEquals(0.07, form.value("distill.cscThreshold").get());
        assertEquals(true, form.value("distill.cscAdaptive").get());
        assertEquals(0.2, form.value("distill.filterRate").get());
        assertEquals("network", form.value("teacher.source").get());
        assertEquals(DistillTeachers.ARCHITECTURE, form.value("teacher.architecture").get(), "the preset's teacher");
        assertEquals(runs.resolve("robust-teacher").toString(), form.value("teacher.weights").get());

        form.value("student.architecture").set(DistillTeachers.ARCHITECTURE);
        form.value("teacher.architecture").set(DistillTeachers.ARCHITECTURE);
        form.value("teacher.weights").set(DistillTeachers.headless(runs).toString());
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        RunSpec spec = form.spec().orElseThrow();
        assertEquals(RunKind.DISTILL, spec.kind());
        assertEquals(Objective.robust(), spec.objective());
        assertEquals(RobustPreset.cpuDemo().distill().distill(), spec.distill());

        // the engine's check: kd distils the teacher's classes, and this teacher has no classifier
        form.value("objective.terms").set("ce = 1, kd = 1");
        assertFalse(form.spec().isPresent());
        assertTrue(form.problemProperty().get().contains("has no classifier (fc): kd distils the teacher's class "
                + "probabilities"), form.problemProperty().get());
        form.value("teacher.weights").set(DistillTeachers.classifier(runs, 5).toString());
        assertTrue(form.spec().isPresent(), "a teacher of the sample's five scene classes: "
                + form.problemProperty().get());
        // CRD draws its negatives from the labelled train pairs, which the sample has fewer of than 4096
        form.value("objective.terms").set("ce = 1, crd = 0.8");
        assertTrue(form.problemProperty().get().contains("set CRD negatives below"),
                "the engine's refusal names the field as the form does: " + form.problemProperty().get());
        form.value("distill.crdNegatives").set(8);
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        // the spec's own rule: csc calibrates against the noise filter, which learns from filter-ce
        form.value("objective.terms").set("ce = 1, csc = 1");
        assertFalse(form.spec().isPresent());
        assertTrue(form.problemProperty().get().contains("csc calibrates the student against the modality noise "
                + "filter's features"), form.problemProperty().get());

        // back to transfer: its hint, and no distill section in its spec
        form.value("kind").set("transfer");
        assertEquals("hint = 1", form.value("objective.terms").get());
        form.value("teacher.architecture").set("alexnet-small");
        form.value("student.architecture").set("alexnet-small");
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        assertNull(form.spec().orElseThrow().distill());
        // and to distill again: the settings typed for it are kept, the transfer's hint is no classifier's objective
        form.value("kind").set("distill");
        assertEquals(8, form.value("distill.crdNegatives").get());
        assertEquals("ce = 1, csc = 1, filter-ce = 1, filter-triplet = 1, filter-sparsity = 0.001",
                form.value("objective.terms").get());
    }

    /**
     * The distill preset's teacher is runs/robust-teacher: the engine refuses it until a run of that name has
     * finished in the workbench's runs folder, then takes the newest one.
     */
    @Test
    void theDistillPresetsTeacherIsTheNewestFinishedRobustTeacherRun() {
        RunFormViewModel form = form();
        form.newRun();
        form.presetProperty().set(form.presets().stream().filter(p -> p.name().equals("distill-cpu-demo"))
                .findFirst().orElseThrow());
        assertEquals("distill", form.value("kind").get());
        assertEquals(runs.resolve("robust-teacher").toString(), form.value("teacher.weights").get());
        assertEquals(256, form.value("distill.crdNegatives").get());
        assertEquals("per-element", form.value("adaptation.loss").get());
        assertFalse(form.spec().isPresent());
        assertTrue(form.problemProperty().get().startsWith("Teacher weights: " + runs.resolve("robust-teacher")
                + " does not exist"), form.problemProperty().get());

        RunSpec teacher = RunSpec.builder().name("robust-teacher").kind("finetune").data(TestData.sample().rgbd()
                        .toString()).student(new RunSpec.Student(DistillTeachers.ARCHITECTURE, null, null))
                .batchSize(32).iterations(600).inputSize(64).build();
        DistillTeachers.finishedRun(runs, teacher, DistillTeachers.classifier(runs, 5));
        form.value("seed").set(2L); // any change asks the engine again
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        assertEquals(Objective.robust(), form.spec().orElseThrow().objective());
    }

    @Test
    void aChangedFieldIsValidatedAtOnce() {
        RunFormViewModel form = form();
        form.newRun();
        form.value("batchSize").set(0);
        assertFalse(form.spec().isPresent());
        assertTrue(form.problemProperty().get().startsWith("Batch size and iterations must be at least 1"),
                "the field as the form calls it: " + form.problemProperty().get());
        form.value("batchSize").set(4);
        form.value("data").set(runs.resolve("nowhere").toString());
        assertTrue(form.problemProperty().get().contains("does not exist"), form.problemProperty().get());
    }

    @Test
    void aCloneIsTheRunsSpecUnderANewTitle() {
        RunFormViewModel form = form();
        form.cloneOf("20250101-000000-x", RunFolders.spec("x", TestData.sample().rgbd().toString()));
        assertEquals("Clone of 20250101-000000-x", form.titleProperty().get());
        assertEquals(RunFolders.spec("x", TestData.sample().rgbd().toString()), form.spec().orElseThrow());
    }

    /** A newcomer's teacher, finished in the window's folder of runs (its weights are drawn, not trained). */
    private Path finishedTeacher(String name, String architecture) {
        return DistillTeachers.finishedRun(runs, teacherSpec(name, architecture), DistillTeachers.classifier(runs, 5));
    }

    private static RunSpec teacherSpec(String name, String architecture) {
        return RunSpec.builder().name(name).kind("teacher").data(TestData.sample().rgbd().toString())
                .student(new RunSpec.Student(architecture, null, null)).batchSize(8).iterations(1).inputSize(64)
                .build();
    }

    /** A run folder {@code id} as an engine leaves it: its spec, its events and, when it finished, its weights. */
    private Path run(String id, RunSpec spec, boolean finished) throws java.io.IOException {
        Path dir = RunFolders.create(runs, id, spec);
        RunFolders.started(dir, -1);
        if (finished) {
            Path weights = dir.resolve(org.xmodal.engine.lifecycle.RunSession.RESULT_WEIGHTS);
            java.nio.file.Files.createDirectories(weights.getParent());
            java.nio.file.Files.copy(DistillTeachers.classifier(runs, 5), weights);
            RunFolders.event(dir, org.xmodal.engine.run.RunEvent.of(org.xmodal.engine.run.RunEvent.FINISHED, 1));
        }
        return dir;
    }

    /** Choosing finetune fills what a fine-tuning run reads from the fine-tuning preset; what was typed stays. */
    @Test
    void choosingFinetuneFillsItsTaskInputNumbersAndInitialisationFromTheFinetunePreset() {
        RunFormViewModel form = form();
        form.newRun();
        form.value("seed").set(7L);
        form.value("kind").set("finetune");
        assertEquals("detection", form.value("finetune.task").get());
        assertEquals("paired", form.value("finetune.input").get());
        assertEquals(200, form.value("finetune.proposals").get());
        assertEquals(0.25, form.value("finetune.foreground").get());
        assertEquals(0.0, form.value("finetune.labelSmoothing").get());
        assertEquals(runs.resolve("transfer-depth").toString(), form.value("finetune.init").get(),
                "the transfer preset's run, in the window's folder of runs");
        assertEquals(3e-4, form.value("optimizer.learningRate").get());
        assertEquals(400, form.value("iterations").get());
        assertEquals("depth-detector", form.value("name").get());
        assertEquals(7L, form.value("seed").get(), "what was typed is kept");
        assertEquals(TestData.sample().rgbd().toString(), form.value("data").get(), "the pairs chosen are kept");
        assertEquals("finetune-cpu-demo", form.presetProperty().get().name(),
                "the preset box names the preset the fields came from");
        assertEquals(7L, form.value("seed").get(), "naming it did not fill the form again");
        // the transfer it starts from is still to be trained: said in the field's words
        assertEquals("Starts from: " + runs.resolve("transfer-depth") + " does not exist, and " + runs + " holds no "
                + "finished run named transfer-depth (train one first, or choose a weights file or a run folder)",
                form.problemProperty().get());
        form.value("finetune.init").set("random");
        RunSpec spec = form.spec().orElseThrow(() -> new AssertionError(form.problemProperty().get()));
        assertEquals(org.xmodal.engine.run.FinetuneTask.DETECTION, spec.finetune().task());
        assertEquals(200, spec.finetune().proposals());
        assertEquals(0.25, spec.finetune().foreground());
        assertEquals(RunKind.FINETUNE, spec.kind());
    }

    /** What the engine refuses of a fine-tuning field is said under the field's label, not its key in spec.json. */
    @Test
    void aFinetuneErrorNamesTheFieldsLabel() {
        RunFormViewModel form = form();
        form.newRun();
        form.value("kind").set("finetune");
        form.value("finetune.init").set("random");
        form.value("finetune.proposals").set(0);
        assertFalse(form.spec().isPresent());
        assertEquals("Proposals per image must be at least 1, got 0", form.problemProperty().get());
        form.value("finetune.proposals").set(100);
        form.value("finetune.foreground").set(1.5);
        assertEquals("Foreground fraction must be in (0, 1], got 1.5", form.problemProperty().get());
    }

    /**
     * The teacher's list offers the finished teacher runs of the window's folder of runs, newest first, and neither a
     * teacher still training nor a transfer; the initialisation's list offers random, the teacher and the transfer.
     * A run picked there is the run's teacher; a run of the wrong kind or network typed in is refused by the label.
     */
    @Test
    void theTeacherListOffersFinishedTeacherRunsOnlyAndAPickedOneIsTheRunsTeacher() throws Exception {
        Path older = run("20250101-090000-rgb-teacher", teacherSpec("rgb-teacher", "alexnet-small"), true);
        Path transfer = run("20250101-100000-old-transfer", RunFolders.spec("old-transfer", TestData.sample().rgbd()
                .toString()), true);
        Path teacher = run("20250101-110000-rgb-teacher", teacherSpec("rgb-teacher", "alexnet-small"), true);
        Path training = run("20250101-120000-half-teacher", teacherSpec("half-teacher", "alexnet-small"), false);
        RunFormViewModel form = form();
        form.newRun();
        assertEquals(List.of(), form.runChoices("teacher.weights"), "nothing until the folder is looked at");
        library.poll();
        String newest = runs.relativize(teacher).toString();
        assertEquals(List.of(newest, runs.relativize(older).toString()), form.runChoices("teacher.weights"));
        assertEquals(List.of("random", newest, runs.relativize(transfer).toString(), runs.relativize(older)
                .toString()), form.runChoices("student.init"));
        assertEquals(List.of(), form.runChoices("socket.source"), "no fine-tuning run on RGB here");

        form.value("teacher.weights").set(newest);
        RunSpec spec = form.spec().orElseThrow(() -> new AssertionError(form.problemProperty().get()));
        assertEquals(teacher.toAbsolutePath().normalize().toString(), spec.teacher().weights());

        form.value("teacher.weights").set(runs.relativize(transfer).toString());
        assertFalse(form.spec().isPresent());
        assertEquals("Teacher weights: " + runs.relativize(transfer) + " is a transfer run; the weights here are an "
                + "RGB network's: a teacher run, or a fine-tuning run on rgb", form.problemProperty().get());
        form.value("teacher.weights").set(runs.relativize(training).toString());
        assertEquals("Teacher weights: " + runs.relativize(training) + " has no weights yet (it is interrupted, with "
                + "no checkpoint): resume it in Runs, or pick a finished run", form.problemProperty().get());
        form.value("teacher.weights").set(newest);
        form.value("teacher.architecture").set("resnet18-small");
        assertEquals("Teacher weights: " + newest + " trained alexnet-small, not the Teacher network resnet18-small "
                + "(pick a run of resnet18-small, or set Teacher network to alexnet-small)", form.problemProperty()
                .get());
    }

    /** A run that finishes while the form is open joins the list, and a name the form gave now means it. */
    @Test
    void aTeacherThatFinishesJoinsTheListAndTheFormCanStart() {
        RunFormViewModel form = form();
        form.newRun();
        library.poll();
        assertFalse(form.spec().isPresent(), "no rgb-teacher yet");
        Path teacher = finishedTeacher("rgb-teacher", "alexnet-small");
        library.poll();
        assertEquals(List.of(runs.relativize(teacher).toString()), form.runChoices("teacher.weights"));
        assertEquals(teacher.toAbsolutePath().normalize().toString(), form.spec().orElseThrow(
                () -> new AssertionError(form.problemProperty().get())).teacher().weights(),
                "checked again when the folder changed, without a keystroke");
    }

    /** The window's folder of runs switched: the names the preset gave mean runs there, and the lists show its runs. */
    @Test
    void switchingTheFolderOfRunsMovesThePresetsRunsAndTheLists() throws Exception {
        finishedTeacher("rgb-teacher", "alexnet-small");
        RunFormViewModel form = form();
        form.newRun();
        library.poll();
        assertEquals(1, form.runChoices("teacher.weights").size());
        Path other = java.nio.file.Files.createDirectories(runs.resolve("elsewhere"));
        library.switchTo(other);
        assertEquals(other.resolve("rgb-teacher").toString(), form.value("teacher.weights").get());
        assertEquals(List.of(), form.runChoices("teacher.weights"));
        assertTrue(form.problemProperty().get().startsWith("Teacher weights: " + other.resolve("rgb-teacher")
                + " does not exist, and " + other + " holds no"), form.problemProperty().get());
        assertEquals(other, form.runsFolder());
    }

    /** Letters typed in a number field: said under the form (not an old message), and the run cannot start. */
    @Test
    void textThatIsNoNumberIsSaidAndStopsTheRunUntilItIsOne() {
        RunFormViewModel form = form();
        form.newRun();
        form.value("teacher.source").set("random");
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        form.unparsed("optimizer.learningRate", "1e-4x");
        assertFalse(form.spec().isPresent());
        assertEquals("Learning rate: '1e-4x' is not a number (the field keeps 0.001 until it is one)",
                form.problemProperty().get());
        form.unparsed("batchSize", "3.5");
        form.unparsed("optimizer.learningRate", null);
        assertEquals("Batch size: '3.5' is not a whole number (the field keeps 32 until it is one)",
                form.problemProperty().get());
        form.unparsed("batchSize", null);
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        assertEquals("", form.problemProperty().get());
    }

    /** A dataset is a folder or NYU's .mat file: another file is refused by the field's label. */
    @Test
    void aDatasetThatIsAnotherKindOfFileIsRefused() throws Exception {
        RunFormViewModel form = form();
        form.newRun();
        Path notes = java.nio.file.Files.writeString(runs.resolve("notes.txt"), "pairs?");
        form.value("data").set(notes.toString());
        assertEquals("Dataset: " + notes + " is a file but not NYU Depth v2's .mat file (choose a dataset folder, a "
                + "folder of video frames or nyu_depth_v2_labeled.mat)", form.problemProperty().get());
    }

    @Test
    void theWindowsMlflowServerFillsNewRunsAndTheSpecCarriesIt() {
        RunFormViewModel form = form();
        library.mlflowTrackingProperty().set("http://localhost:5000");
        form.newRun();
        assertEquals("http://localhost:5000", form.value("tracking.mlflow").get());
        form.value("teacher.source").set("random");
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        assertEquals(new org.xmodal.engine.run.RunSpec.Tracking("http://localhost:5000", null),
                form.spec().orElseThrow().tracking());
        // changed by hand for this run, it stays when the kind's preset fills the rest
        form.value("tracking.mlflow").set("");
        form.value("kind").set("teacher");
        assertEquals("", form.value("tracking.mlflow").get());
        // not an address: the form says so in its own words before anything starts
        form.value("tracking.mlflow").set("mlflow.lab:5000");
        assertTrue(form.spec().isEmpty());
        assertTrue(form.problemProperty().get().contains("MLflow server"), form.problemProperty().get());
    }
}
