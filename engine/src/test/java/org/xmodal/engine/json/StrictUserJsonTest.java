package org.xmodal.engine.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.folder.DatasetManifest;
import org.xmodal.engine.experiment.Table1Preset;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunSpecFiles;

/** Hand-written JSON is read strictly: unknown fields and values of the wrong type are refused, by name. */
class StrictUserJsonTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path spec(String extra, String batchSize) throws IOException {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"batchSize\": " + batchSize + ", \"iterations\": 10, \"inputSize\": 64"
                + extra + "}");
        return f;
    }

    @Test
    void misspelledSpecFieldIsRefusedWithTheNearestKnownName() throws IOException {
        Path f = spec(", \"iterationz\": 20", "8");
        BadInputException e = assertThrows(BadInputException.class, () -> RunSpecFiles.read(f));
        assertEquals(f.toString(), e.location());
        assertEquals("unknown field \"iterationz\" in this run spec; did you mean \"iterations\"?", e.problem());
    }

    @Test
    void aMisspeltFieldWhoseTwinIsThenMissingIsNamedRatherThanTheMissingOne() throws IOException {
        // the user wrote "iterationz" instead of "iterations": the spec lacks iterations, which fails validation
        // before the unknown field is looked at; the message must point at the misspelling
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"batchSize\": 8, \"iterationz\": 10, \"inputSize\": 64}");
        BadInputException e = assertThrows(BadInputException.class, () -> RunSpecFiles.read(f));
        assertEquals("unknown field \"iterationz\" in this run spec; did you mean \"iterations\"?", e.problem());
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architectur\": "
                + "\"alexnet-small\"}, \"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64}");
        e = assertThrows(BadInputException.class, () -> RunSpecFiles.read(f));
        assertEquals("unknown field \"student.architectur\" in this run spec; did you mean \"architecture\"?",
                e.problem());
    }

    @Test
    void unknownNestedFieldIsNamedByItsPath() throws IOException {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\", \"archtap\": \"pool5\"}, \"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64}");
        BadInputException e = assertThrows(BadInputException.class, () -> RunSpecFiles.read(f));
        assertTrue(e.problem().startsWith("unknown field \"student.archtap\""), e.problem());
    }

    @Test
    void numberWrittenAsTextIsRefusedNotCoerced() throws IOException {
        Path f = spec("", "\"32\"");
        BadInputException e = assertThrows(BadInputException.class, () -> RunSpecFiles.read(f));
        assertTrue(e.problem().startsWith("field \"batchSize\" must be a whole number, not the text \"32\""),
                e.problem());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void wholeNumberForADecimalFieldIsStillAccepted() throws IOException {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"optimizer\": {\"type\": \"sgd\", \"learningRate\": 1}, \"batchSize\": 8, "
                + "\"iterations\": 10, \"inputSize\": 64}");
        assertEquals(1.0, RunSpecFiles.read(f).optimizer().learningRate());
    }

    @Test
    void unknownManifestFieldIsRefusedWithTheNearestKnownName() throws IOException {
        Path f = dir.resolve("dataset.json");
        Files.writeString(f, "{\"modality\": \"depth\", \"pairs\": [{\"id\": \"a\", \"rgb\": \"rgb/a.png\", "
                + "\"dpeth\": \"depth/a.png\"}]}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> UserJson.read(f, DatasetManifest.class, "dataset manifest"));
        assertEquals("unknown field \"pairs[0].dpeth\" in this dataset manifest; did you mean \"depth\"?",
                e.problem());
    }

    @Test
    void everyBundledPresetAndManifestStillLoadsStrictly() throws IOException {
        List<Path> presets;
        try (Stream<Path> s = Files.list(ROOT.resolve("assets/presets"))) {
            presets = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(presets.isEmpty());
        for (Path p : presets) {
            assertDoesNotThrow(() -> UserJson.read(p, RunSpec.class, "run spec"), p::toString);
        }
        for (String m : List.of("sample-data/synth-rgbd/dataset.json", "sample-data/synth-rgbd/flow/dataset.json")) {
            assertDoesNotThrow(() -> UserJson.read(ROOT.resolve(m), DatasetManifest.class, "dataset manifest"), m);
        }
    }

    @Test
    void presetFileAnExperimentWroteReadsBackStrictly() throws IOException {
        Path f = dir.resolve("preset.json");
        Json.writeAtomically(Table1Preset.cpuDemo(), f);
        assertEquals(Table1Preset.cpuDemo(), Table1Preset.named(f.toString()));
    }

    @Test
    void socketPresetFileReadsBackStrictly() throws IOException {
        Path f = dir.resolve("socket-preset.json");
        Json.writeAtomically(org.xmodal.engine.experiment.SocketPreset.cpuDemo(), f);
        assertEquals(org.xmodal.engine.experiment.SocketPreset.cpuDemo(),
                org.xmodal.engine.experiment.SocketPreset.named(f.toString()));
    }

    /** The run form's SOCKET presets train as the experiment's cpu-demo does (one place to tune, not two). */
    @Test
    void socketRunPresetsMatchTheExperimentsCpuDemo() throws IOException {
        org.xmodal.engine.experiment.SocketPreset demo = org.xmodal.engine.experiment.SocketPreset.cpuDemo();
        RunSpec adapt = UserJson.read(ROOT.resolve("assets/presets/socket-cpu-demo.json"), RunSpec.class, "spec");
        RunSpec source = UserJson.read(ROOT.resolve("assets/presets/socket-source-cpu-demo.json"), RunSpec.class,
                "spec");
        for (RunSpec[] pair : new RunSpec[][] {{adapt, demo.adapt()}, {source, demo.source()}}) {
            assertEquals(pair[1].optimizer(), pair[0].optimizer());
            assertEquals(pair[1].schedule(), pair[0].schedule());
            assertEquals(pair[1].iterations(), pair[0].iterations());
            assertEquals(pair[1].inputSize(), pair[0].inputSize());
            assertEquals(pair[1].batchSize(), pair[0].batchSize());
            assertEquals(pair[1].objective(), pair[0].objective());
            assertEquals(pair[1].finetune(), pair[0].finetune());
        }
    }
}
