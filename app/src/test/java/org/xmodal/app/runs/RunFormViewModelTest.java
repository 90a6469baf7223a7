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
