package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xmodal.engine.run.RunDirectory;

/** Checks an experiment's stages file against what it trained: every planned stage ran, each names its run. */
final class StagesAssert {
    private StagesAssert() {
    }

    /** Every stage done, as many as the experiment's runs, each run present; the plan had nothing it did not run. */
    static ExperimentStages allDone(Path experiment, int runs) throws IOException {
        ExperimentLayout layout = new ExperimentLayout(experiment);
        ExperimentStages stages = ExperimentStages.read(layout);
        assertEquals(runs, stages.stages().size(), "one stage per run: " + stages);
        for (ExperimentStages.Stage s : stages.stages()) {
            assertTrue(s.state().isDone(), s.label() + " is " + s.state());
            assertTrue(Files.isRegularFile(layout.run(s.run()).resolve(RunDirectory.SPEC)), s.label() + ": " + s.run());
        }
        return stages;
    }
}
