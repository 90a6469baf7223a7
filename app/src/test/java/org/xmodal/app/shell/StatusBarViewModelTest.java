package org.xmodal.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.app.task.LongWork;
import org.xmodal.app.task.ManualTaskExecutor;
import org.xmodal.app.task.RunningTask;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.device.EngineInfo;

class StatusBarViewModelTest {
    private final ManualTaskExecutor executor = new ManualTaskExecutor();
    private final LongWork work = new LongWork(executor);
    private final StatusBarViewModel vm = new StatusBarViewModel(work);

    @Test
    void engineSaysProbingUntilTheProbeAnswers() {
        vm.probeEngine(() -> "xmodal 1.0 \u00b7 PyTorch 2.5.1 (cpu natives) \u00b7 device cpu (8 cores)");
        assertEquals(StatusBarViewModel.PROBING, vm.engineProperty().get());
        executor.runAll();
        assertEquals("xmodal 1.0 \u00b7 PyTorch 2.5.1 (cpu natives) \u00b7 device cpu (8 cores)",
                vm.engineProperty().get());
    }

    @Test
    void theRunsTrainingAreCounted() {
        javafx.beans.property.SimpleIntegerProperty running = new javafx.beans.property.SimpleIntegerProperty(0);
        vm.watchRuns(running);
        assertEquals("", vm.runsProperty().get());
        running.set(1);
        assertEquals("1 run training", vm.runsProperty().get());
        running.set(3);
        assertEquals("3 runs training", vm.runsProperty().get());
    }

    @Test
    void aFailedProbeIsShownNotThrown() {
        vm.probeEngine(() -> {
            throw new IllegalStateException("the PyTorch engine could not be loaded offline");
        });
        executor.runAll();
        assertEquals("engine unavailable: the PyTorch engine could not be loaded offline", vm.engineProperty().get());
    }

    @Test
    void progressIsCopiedOnlyWhenSampled() {
        RunningTask task = work.start("Encoding", (p, c) -> 0, o -> { });
        task.progress().progress("Encoding HHA 50/200", 0.25);
        assertFalse(vm.workingProperty().get(), "nothing changes between samples");
        vm.sample();
        assertTrue(vm.workingProperty().get());
        assertEquals("Encoding HHA 50/200", vm.workTextProperty().get());
        assertEquals(0.25, vm.workProgressProperty().get());
        executor.runAll();
        vm.sample();
        assertFalse(vm.workingProperty().get());
    }

    @Test
    void theLastStartedJobIsInFrontAndCancelStopsIt() {
        RunningTask first = work.start("Opening", (p, c) -> 0, o -> { });
        RunningTask second = work.start("Generating", (p, c) -> 0, o -> { });
        vm.sample();
        assertEquals("Generating (+1 more)", vm.workTextProperty().get());
        assertEquals(-1, vm.workProgressProperty().get(), "no fraction reported yet: indeterminate");
        vm.cancelWork();
        assertTrue(second.isCancelRequested());
        assertFalse(first.isCancelRequested());
        assertEquals("Generating: cancelling... (+1 more)", vm.workTextProperty().get());
    }

    @Test
    void engineLineNamesVersionEngineAndDevice() {
        BuildInfo build = new BuildInfo("0.1.0", "0.32.0", "2.5.1", "cpu");
        EngineInfo cpu = new EngineInfo("PyTorch", "2.5.1", "0.32.0", "cpu", 8, List.of());
        assertEquals("xmodal 0.1.0 \u00b7 PyTorch 2.5.1 (cpu natives) \u00b7 device cpu (8 cores)",
                EngineProbe.describe(build, cpu));
        EngineInfo gpu = new EngineInfo("PyTorch", "2.5.1", "0.32.0", "cu124", 8,
                List.of(new EngineInfo.Gpu(0, 8L << 30), new EngineInfo.Gpu(1, 8L << 30)));
        assertEquals("xmodal 0.1.0 \u00b7 PyTorch 2.5.1 (cu124 natives) \u00b7 device gpu0 (8.0 GiB) +1 more",
                EngineProbe.describe(build, gpu));
    }
}
