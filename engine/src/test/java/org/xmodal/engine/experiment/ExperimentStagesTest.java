package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.experiment.ExperimentStages.State;
import org.xmodal.engine.image.BadInputException;

class ExperimentStagesTest {
    @TempDir
    Path tmp;

    @Test
    void planListsEveryStageWaitingAndKeepsWhatAnEarlierStartKnew() throws Exception {
        ExperimentLayout layout = new ExperimentLayout(tmp.resolve("exp"));
        assertTrue(ExperimentStages.read(layout).stages().isEmpty(), "no plan before the experiment starts");

        ExperimentStages first = ExperimentStages.read(layout).planned("table1", List.of("RGB teacher", "transfer"))
                .with("RGB teacher", State.FINISHED, "20261204-teacher").with("transfer", State.TRAINING, "t2");
        first.write(layout);
        ExperimentStages read = ExperimentStages.read(layout);
        assertEquals(first, read, "written and read back as it was");
        assertTrue(Files.readString(layout.results().resolve(ExperimentStages.FILE)).contains("\"finished\""),
                "states in lower case, as the rest of the run folder's JSON");

        // started again after the process died in the transfer: that stage reads as stopped, the teacher as done
        ExperimentStages again = read.planned("table1", List.of("RGB teacher", "transfer", "no-init, seed 1"));
        assertEquals(List.of(State.FINISHED, State.STOPPED, State.WAITING),
                again.stages().stream().map(ExperimentStages.Stage::state).toList());
        assertEquals("t2", again.stages().get(1).run());
        assertNull(again.stages().get(2).run());
        assertEquals(1, again.done());

        ExperimentStages extra = again.with("late fusion", State.FINISHED, null);
        assertEquals("late fusion", extra.stages().get(3).label(), "a stage the plan lacked is added at the end");
    }

    @Test
    void aCorruptStagesFileIsNamed() throws Exception {
        ExperimentLayout layout = new ExperimentLayout(tmp.resolve("exp"));
        Files.createDirectories(layout.results());
        Files.writeString(layout.results().resolve(ExperimentStages.FILE), "{\"stages\": [{\"label\": ");
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentStages.read(layout));
        assertTrue(e.getMessage().contains(ExperimentStages.FILE), e.getMessage());
    }
}
