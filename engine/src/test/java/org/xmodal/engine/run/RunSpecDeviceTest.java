package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;

/** The device field: one device per run; asking for several GPUs says plainly that it is not supported. */
class RunSpecDeviceTest {
    private static RunSpec read(Path dir, String device) throws Exception {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64, \"device\": \""
                + device + "\"}");
        return RunSpecFiles.read(f);
    }

    @Test
    void oneDeviceIsAccepted(@TempDir Path dir) throws Exception {
        for (String d : new String[] {"auto", "cpu", "gpu", "gpu:1", "GPU:0"}) {
            assertEquals(d.toLowerCase(java.util.Locale.ROOT), read(dir, d).device());
        }
    }

    @Test
    void severalGpusAreNotSupportedAndTheMessageSaysWhatToDoInstead(@TempDir Path dir) {
        for (String d : new String[] {"gpu:all", "gpus", "gpu:0,1"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> read(dir, d));
            assertTrue(e.getMessage().contains("spec.json") && e.getMessage().contains("several GPUs is not "
                    + "supported") && e.getMessage().contains("gpu:N"), e.getMessage());
        }
        BadInputException e = assertThrows(BadInputException.class, () -> read(dir, "tpu"));
        assertTrue(e.getMessage().contains("device must be auto, cpu, gpu or gpu:N"), e.getMessage());
    }
}
