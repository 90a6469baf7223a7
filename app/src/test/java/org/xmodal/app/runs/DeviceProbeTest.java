package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.device.EngineInfo;

class DeviceProbeTest {
    @Test
    void theEngineIsAskedInAChildProcessOnceAndItsAnswerRemembered() throws Exception {
        DeviceProbe probe = DeviceProbe.inChild(EngineProcesses.likeThisJvm());
        EngineInfo info = probe.probe();
        assertEquals("PyTorch", info.engine());
        assertEquals(BuildInfo.get().pytorchVersion(), info.engineVersion());
        assertEquals(Runtime.getRuntime().availableProcessors(), info.cpuCores());
        assertEquals(List.of(), info.gpus(), "no GPU on the machines the tests run on");
        assertSame(info, probe.probe(), "remembered, not asked again");
    }

    @Test
    void aCommandThatFailsSaysWhichAndWhy() {
        IOException e = assertThrows(IOException.class, () -> EngineProcesses.likeThisJvm()
                .output(List.of("no-such-command"), Duration.ofMinutes(1)));
        assertTrue(e.getMessage().startsWith("xmodal no-such-command failed (exit 2): "), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-command"), e.getMessage());
    }
}
