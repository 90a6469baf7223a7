package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.inspect.RandomFilters;
import org.xmodal.engine.nn.WeightInit;

class DeviceProbeTest {
    @TempDir
    Path tmp;

    @Test
    void theEngineIsAskedInTheInspectionProcessOnceWhichTheFirstLookThenFindsRunning() throws Exception {
        try (InspectionProcess inspection = new InspectionProcess(EngineProcesses.likeThisJvm()
                .withEnvironment("XDG_CACHE_HOME", tmp.resolve("engine-cache").toString()), tmp.resolve("logs"))) {
            DeviceProbe probe = DeviceProbe.askingInspection(inspection);
            EngineInfo info = probe.probe();
            assertEquals("PyTorch", info.engine());
            assertEquals(BuildInfo.get().pytorchVersion(), info.engineVersion());
            assertEquals(Runtime.getRuntime().availableProcessors(), info.cpuCores());
            assertEquals(List.of(), info.gpus(), "no GPU on the machines the tests run on");
            assertSame(info, probe.probe(), "remembered, not asked again");
            assertTrue(inspection.running(), "the process stays up for the first look");
            inspection.randomFilters(new RandomFilters.Request("alexnet-small", 5, WeightInit.KAIMING));
            assertEquals(1, inspection.starts(), "the first look was answered by the process the probe started");
        }
    }

    @Test
    void aFailedAnswerIsAskedAgainNextTime() throws Exception {
        EngineInfo info = new EngineInfo("PyTorch", "2.5.1", "0.32.0", "cpu", 2, List.of());
        int[] asked = {0};
        DeviceProbe probe = DeviceProbe.remembered(() -> {
            if (++asked[0] == 1) {
                throw new IOException("the inspection process ended without answering");
            }
            return info;
        });
        assertThrows(IOException.class, probe::probe);
        assertSame(info, probe.probe());
        assertSame(info, probe.probe());
        assertEquals(2, asked[0]);
    }

    @Test
    void aCommandThatFailsSaysWhichAndWhy() {
        IOException e = assertThrows(IOException.class, () -> EngineProcesses.likeThisJvm()
                .output(List.of("no-such-command"), Duration.ofMinutes(1)));
        assertTrue(e.getMessage().startsWith("xmodal no-such-command failed (exit 2): "), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-command"), e.getMessage());
    }
}
