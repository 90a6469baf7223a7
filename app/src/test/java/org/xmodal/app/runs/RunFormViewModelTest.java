package org.xmodal.app.runs;

import org.xmodal.engine.run.Distill;
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

    private RunFormViewModel form() {
        return new RunFormViewModel(new DirectTaskExecutor(), ONE_GPU, Presets.workbenchRoot().orElseThrow(), runs);
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
        assertEquals(1e-4, form.value("optimizer.learningRate").get());
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
     * Choosing distill fills what a distill run needs the way socket does: Xia et al.'s robust objective, the distill
     * settings at their defaults, a teacher network; the engine's own check then says what it refuses (kd on a
     * teacher without a classifier) before the run can start, and the spec's own rules theirs (csc without filter-ce).
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
        assertEquals(4096, form.value("distill.crdNegatives").get());
        assertEquals(0.07, form.value("distill.cscThreshold").get());
        assertEquals(true, form.value("distill.cscAdaptive").get());
        assertEquals(0.2, form.value("distill.filterRate").get());
        assertEquals("network", form.value("teacher.source").get());
        assertEquals("alexnet-small", form.value("teacher.architecture").get(), "the transfer preset's teacher kept");

        form.value("student.architecture").set(DistillTeachers.ARCHITECTURE);
        form.value("teacher.architecture").set(DistillTeachers.ARCHITECTURE);
        form.value("teacher.weights").set(DistillTeachers.headless(runs).toString());
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        RunSpec spec = form.spec().orElseThrow();
        assertEquals(RunKind.DISTILL, spec.kind());
        assertEquals(Objective.robust(), spec.objective());
        assertEquals(Distill.defaults(), spec.distill());

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
        assertTrue(form.problemProperty().get().contains("set distill.crdNegatives below"),
                form.problemProperty().get());
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
}
