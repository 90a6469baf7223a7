package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;

/** {@code xmodal runs}: a run preparing its first step says so, and what it prepares. */
class RunsCommandTest {
    @TempDir
    Path runs;

    private static RunSpec spec(String name) {
        return RunSpec.builder().name(name).kind("transfer").data("rooms").modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005))
                .batchSize(4).iterations(100).inputSize(113).seed(1).device("cpu").threads(1).build();
    }

    @Test
    void aPreparingRunIsListedWithItsStage() throws Exception {
        RunDirectory preparing = RunDirectory.create(runs, spec("encoding"));
        preparing.append(RunEvent.of(RunEvent.STARTED, 0).with("pid", ProcessHandle.current().pid())
                .with("iterations", 100));
        preparing.append(RunEvent.of(RunEvent.PREPARING, 0).with("stage", "Encoding HHA")
                .with("message", "Encoding HHA 120 of 800 pairs").with("fraction", 0.15));
        CliRun r = CliRun.of("runs", "--runs", runs.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.outLines();
        String row = lines.stream().filter(l -> l.contains("encoding")).findFirst().orElseThrow();
        assertTrue(row.matches(".*-encoding\\s+preparing\\s+0/100\\s.*"), row);
        assertTrue(row.endsWith("Encoding HHA 120 of 800 pairs (15%)"), row);
    }

    @Test
    void aRunWithoutPreparationEventsIsListedAsBefore() throws Exception {
        RunDirectory old = RunDirectory.create(runs, spec("older"));
        old.append(RunEvent.of(RunEvent.STARTED, 0).with("pid", ProcessHandle.current().pid()).with("iterations", 100));
        old.append(RunEvent.of(RunEvent.PROGRESS, 7).with("loss", 0.25).with("imagesPerSecond", 12.5));
        String row = CliRun.of("runs", "--runs", runs.toString()).outLines().stream()
                .filter(l -> l.contains("older")).findFirst().orElseThrow();
        assertTrue(row.matches(".*-older\\s+running\\s+7/100\\s+0\\.2500\\s+12\\.5"), row);
    }
}
