package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.engine.device.EngineInfo;

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
        assertTrue(form.spec().isPresent(), form.problemProperty().get());
        assertEquals("", form.problemProperty().get());
    }

    /** A kind with an objective starts from its own terms; terms a person set for that kind are kept. */
    @Test
    void choosingSocketOffersSocketsFourTermsAtThePapersWeights() {
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

    @Test
    void aChangedFieldIsValidatedAtOnce() {
        RunFormViewModel form = form();
        form.newRun();
        form.value("batchSize").set(0);
        assertFalse(form.spec().isPresent());
        assertTrue(form.problemProperty().get().contains("batchSize"), form.problemProperty().get());
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
