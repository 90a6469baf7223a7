package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunSpec;

/** The built-in Table 1 presets and preset files. */
class Table1PresetTest {
    @Test
    void paperPresetHasThePapersNetworksAndSchedules() throws Exception {
        Table1Preset p = Table1Preset.named("paper");
        assertEquals("alexnet", p.transfer().student().architecture());
        assertEquals(227, p.transfer().inputSize());
        assertEquals(100_000, p.transfer().iterations());
        assertEquals("sgd", p.transfer().optimizer().type().id());
        assertEquals(40_000, p.finetune().iterations());
        assertEquals(0.001, p.finetune().optimizer().learningRate());
        assertEquals(30_000, p.finetune().schedule().stepSize());
        assertEquals(0.01, p.fromScratch().optimizer().learningRate(), "no init gets the higher rate, as in the paper");
        assertEquals(0, p.unlabelledTarget(), "real data is used as it is");
    }

    @Test
    void cpuDemoKeepsThePapersPremiseOnSmallSyntheticData() throws Exception {
        Table1Preset p = Table1Preset.named("cpu-demo");
        assertEquals(1000, p.unlabelledTarget());
        assertEquals("alexnet-small", p.transfer().student().architecture());
        assertTrue(p.transfer().augmentation().regions(), "transfer on object regions");
        assertEquals("student", p.transfer().adaptation().matchTo().id());
        assertEquals(2000, p.teacher().iterations());
        assertEquals(2000, p.transfer().iterations());
        assertEquals("detection", p.finetune().finetune().task().id());
    }

    @Test
    void aPresetFileAsAnExperimentWritesItReadsBackTheSame(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("preset.json");
        Json.MAPPER.writeValue(f.toFile(), Table1Preset.cpuDemo());
        assertEquals(Table1Preset.cpuDemo(), Table1Preset.named(f.toString()));
        Files.writeString(dir.resolve("bad.json"), "{\"name\": \"x\"}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Table1Preset.named(dir.resolve("bad.json").toString()));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("not a valid Table 1 preset"),
                e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Table1Preset.named("gpu-demo"));
        assertTrue(unknown.getMessage().contains("cpu-demo, quick, paper"), unknown.getMessage());
    }

    /** Table 1 fuses box scores against the objects: a preset of a whole-image task is refused when it is read. */
    @Test
    void aPresetOfScenesOrClipsIsRefused() {
        Table1Preset demo = Table1Preset.cpuDemo();
        for (String task : java.util.List.of("scenes", "clips")) {
            RunSpec finetune = demo.finetune().withFinetune(new RunSpec.Finetune("paired", "random", null, task, null,
                    null));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Table1Preset(
                    "x", "y", demo.teacher(), demo.transfer(), finetune, demo.fromScratch(), 0));
            assertTrue(e.getMessage().contains("finetune.task must be detection or regions")
                    && e.getMessage().contains(task), e.getMessage());
        }
    }
}
