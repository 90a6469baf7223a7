package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;

/** The device field: one device, or for a data-parallel transfer several GPUs. */
class RunSpecDeviceTest {
    private static RunSpec read(Path dir, String device) throws Exception {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64, \"device\": \""
                + device + "\"}");
        return RunSpecFiles.read(f);
    }

    @Test
    void oneDeviceOrSeveralGpusAreAccepted(@TempDir Path dir) throws Exception {
        for (String d : new String[] {"auto", "cpu", "gpu", "gpu:1", "GPU:0", "gpu:all", "gpu:0,1", "gpu:2,0,1"}) {
            assertEquals(d.toLowerCase(java.util.Locale.ROOT), read(dir, d).device().id());
        }
    }

    @Test
    void anUnknownDeviceIsNamedWithTheFormsThatExist(@TempDir Path dir) {
        for (String d : new String[] {"gpus", "gpu:0;1", "tpu", "gpu:", "cpu:2"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> read(dir, d));
            assertTrue(e.getMessage().contains("spec.json") && e.getMessage().contains("device must be auto, cpu, "
                    + "gpu, gpu:N, or for one run on several GPUs gpu:all or gpu:N,M,...") && e.getMessage()
                    .contains("'" + d + "'"), e.getMessage());
        }
    }
}
