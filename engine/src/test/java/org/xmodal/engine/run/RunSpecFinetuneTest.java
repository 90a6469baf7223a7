package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;

/** Fine-tuning specs as users write them: defaults, validation, and paths resolved like other weights. */
class RunSpecFinetuneTest {
    private static final String BASE = "\"kind\": \"finetune\", \"student\": {\"architecture\": \"alexnet-small\"}, "
            + "\"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64";

    @Test
    void finetuneSettingsDefaultToDetectionOnThePairedModalityFromRandomWeights(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"data\": \"rooms\", " + BASE + "}");
        RunSpec.Finetune ft = RunSpecFiles.read(f).finetune();
        assertEquals("paired", ft.input().id());
        assertEquals("random", ft.init());
        assertTrue(ft.randomInit());
        assertNull(ft.freezeUpTo());
        assertEquals("detection", ft.task().id());
        assertEquals(300, ft.proposals());
        assertEquals(0.25, ft.foreground());
    }

    @Test
    void initWeightsAreResolvedBesideTheSpecLikeTheData(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("runs/teacher"));
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"data\": \"rooms\", " + BASE + ", \"finetune\": {\"init\": \"runs/teacher\", "
                + "\"freezeUpTo\": \"pool5\", \"input\": \"RGB\"}}");
        RunSpec.Finetune ft = RunSpecFiles.read(f).finetune();
        assertEquals(dir.resolve("runs/teacher").toAbsolutePath().normalize().toString(), ft.init());
        assertEquals("pool5", ft.freezeUpTo());
        assertEquals("rgb", ft.input().id());
    }

    @Test
    void aBadFinetuneFieldIsReportedWithTheFileName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"data\": \"rooms\", " + BASE + ", \"finetune\": {\"task\": \"segmentation\"}}");
        BadInputException e = assertThrows(BadInputException.class, () -> RunSpecFiles.read(f));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("finetune.task"), e.getMessage());
    }

    @Test
    void specsWithoutFinetuneSettingsReadAsBefore(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64}");
        RunSpec s = RunSpecFiles.read(f);
        assertNull(s.finetune());
        assertEquals("teacher", s.kind().id());
    }
}
