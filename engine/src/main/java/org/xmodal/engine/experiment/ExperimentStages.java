package org.xmodal.engine.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;

/**
 * An experiment's stages (its teacher, its transfer, each arm and seed), planned before the first one starts and
 * each marked as it starts and ends, in {@code results/stages.json}, so that a window shows the whole experiment
 * stage by stage while it runs, and which stage a stopped one stopped in. Rewritten whole (atomically) at each
 * change: an experiment has tens of stages, not thousands.
 *
 * @param experiment which experiment: table1, socket, robust or flow (the command's name)
 * @param stages     in the order the experiment runs them
 */
@JsonPropertyOrder({"experiment", "stages"})
public record ExperimentStages(String experiment, List<Stage> stages) {
    public static final String FILE = "stages.json";

    /** Where a stage is. */
    public enum State {
        WAITING, TRAINING, RESUMING, FINISHED, REUSED, STOPPED, FAILED,
        /** Sent to a cluster's queue as a job of its own ({@code xmodal submit experiment}). */
        QUEUED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }

        public boolean isDone() {
            return this == FINISHED || this == REUSED;
        }
    }

    /**
     * @param label the stage in the experiment's words ("RGB teacher", "transfer, seed 2")
     * @param run   the id of its run under {@code runs/}, or null before it started
     */
    @JsonPropertyOrder({"label", "state", "run"})
    public record Stage(String label, State state, String run) {
        public Stage {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a stage needs a label");
            }
            if (state == null) {
                state = State.WAITING;
            }
        }
    }

    public ExperimentStages {
        stages = List.copyOf(stages);
    }

    /** How many stages are done (finished or reused). */
    public long done() {
        return stages.stream().filter(s -> s.state().isDone()).count();
    }

    /** The experiment's stages as its engine last wrote them, or none when it has not planned them (yet). */
    public static ExperimentStages read(ExperimentLayout layout) throws IOException {
        Path file = layout.results().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new ExperimentStages(null, List.of());
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), ExperimentStages.class);
        } catch (IOException e) {
            throw new BadInputException(file, "is not an experiment's stages file (" + e.getMessage() + ")");
        }
    }

    /** The plan: these stages, in order; a stage the last plan had keeps what was known of it. */
    ExperimentStages planned(String kind, List<String> labels) {
        List<Stage> out = new ArrayList<>();
        for (String label : labels) {
            out.add(stages.stream().filter(s -> s.label().equals(label)).findFirst()
                    .map(s -> s.state() == State.TRAINING || s.state() == State.RESUMING
                            ? new Stage(label, State.STOPPED, s.run()) : s)
                    .orElse(new Stage(label, State.WAITING, null)));
        }
        return new ExperimentStages(kind, out);
    }

    /** The state of the stage with this label, or null when the plan has none. */
    State stateOf(String label) {
        return stages.stream().filter(s -> s.label().equals(label)).map(Stage::state).findFirst().orElse(null);
    }

    /** This stage now in this state with this run; a stage the plan lacks is added at the end. */
    ExperimentStages with(String label, State state, String run) {
        List<Stage> out = new ArrayList<>(stages);
        Stage now = new Stage(label, state, run);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).label().equals(label)) {
                out.set(i, now);
                return new ExperimentStages(experiment, out);
            }
        }
        out.add(now);
        return new ExperimentStages(experiment, out);
    }

    void write(ExperimentLayout layout) throws IOException {
        Files.createDirectories(layout.results());
        Json.writeAtomically(this, layout.results().resolve(FILE));
    }
}
