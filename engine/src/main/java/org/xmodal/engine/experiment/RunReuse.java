package org.xmodal.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;

/**
 * Finds an earlier run of the same spec (everything but the launch record), so an experiment started again reuses
 * what is finished and resumes what was interrupted instead of training it twice.
 */
final class RunReuse {
    private RunReuse() {
    }

    /** The newest run under {@code runsRoot} whose spec equals {@code spec} apart from its launch record. */
    static Optional<RunDirectory> find(Path runsRoot, RunSpec spec) throws IOException {
        JsonNode wanted = comparable(spec);
        for (RunDirectory run : RunDirectory.list(runsRoot)) {
            RunSpec other;
            try {
                other = run.spec();
            } catch (BadInputException e) {
                continue; // not ours to judge; it is simply not the same run
            }
            if (comparable(other).equals(wanted)) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    private static JsonNode comparable(RunSpec spec) {
        return Json.MAPPER.valueToTree(spec.withLaunch(null));
    }
}
