package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryMetricTest {
    @Test
    void theLastRunLevelMetricOfANameIsFoundAndOthersAreNot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, "{\"kind\": \"teacher\", \"data\": \"rooms\", \"student\": {\"architecture\": "
                + "\"alexnet-small\"}, \"batchSize\": 8, \"iterations\": 10, \"inputSize\": 64}");
        RunDirectory run = RunDirectory.create(dir.resolve("runs"), RunSpecFiles.read(f));
        assertTrue(run.lastMetric("teacherScale").isEmpty(), "none logged yet");
        run.append(RunEvent.of(RunEvent.METRIC, 0).with("name", "teacherScale").with("value", 2.5));
        run.append(RunEvent.of(RunEvent.PROGRESS, 5).with("loss", 1.0));
        run.append(RunEvent.of(RunEvent.METRIC, 5).with("name", "teacherScale").with("value", 3.75));
        run.append(RunEvent.of(RunEvent.METRIC, 5).with("name", "other").with("value", 9.0));
        assertEquals(3.75, RunDirectory.open(run.path()).lastMetric("teacherScale").getAsDouble(), 0);
        assertTrue(run.lastMetric("missing").isEmpty());
    }
}
