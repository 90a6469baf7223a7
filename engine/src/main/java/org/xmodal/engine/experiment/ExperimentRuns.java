package org.xmodal.engine.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import com.fasterxml.jackson.databind.JsonNode;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.train.TrainingLoop;

/**
 * The runs of an experiment, under {@code OUT/runs}: each step of an experiment is a normal run, and starting the
 * same experiment again reuses the finished ones and resumes the interrupted ones.
 */
final class ExperimentRuns {
    private final Path runs;
    private final EncodingCache cache;
    private final ExperimentOutput output;
    private final Cancellation cancel;
    private final String prefix;
    private final ExperimentLayout layout;
    private ExperimentStages stages = new ExperimentStages(null, List.of());
    private RunQueue queue;
    /** The runs queued so far, by their folder's absolute path (as a spec that needs one names it). */
    private final Map<String, RunDirectory> queued = new LinkedHashMap<>();

    /** @param prefix the experiment's prefix of run names, left out of the progress bars' labels */
    ExperimentRuns(Path runs, EncodingCache cache, ExperimentOutput output, Cancellation cancel, String prefix) {
        this.runs = runs;
        this.cache = cache;
        this.output = output;
        this.cancel = cancel;
        this.prefix = prefix;
        this.layout = new ExperimentLayout(runs.getParent());
    }

    /**
     * Writes the experiment's stages, in the order {@link #ensure} will be called with their labels, before the
     * first one starts (a stage known from an earlier start of the same experiment keeps its state).
     */
    void plan(List<String> labels) throws IOException {
        stages = ExperimentStages.read(layout).planned(prefix.replaceFirst("-$", ""), labels);
        stages.write(layout);
    }

    private void mark(String what, ExperimentStages.State state, RunDirectory run) throws IOException {
        stages = stages.with(what, state, run == null ? null : run.id());
        stages.write(layout);
    }

    /** From now on, runs that are not finished go to {@code queue} instead of being trained here. */
    void queueTo(RunQueue queue) {
        this.queue = queue;
    }

    /**
     * Called where the experiment is about to read its runs' results.
     *
     * @throws RunQueue.Queued when the runs were queued rather than trained
     */
    void resultsNeeded() {
        if (queue != null && !queued.isEmpty()) {
            throw new RunQueue.Queued();
        }
    }

    /**
     * A finished run of this spec: an earlier one reused, an interrupted one resumed, or a new one trained. With a
     * {@linkplain #queueTo queue}, a run that is not finished is queued instead and returned as it is.
     *
     * @throws CancellationException when the user stopped the experiment (the run is left resumable)
     */
    RunDirectory ensure(RunSpec spec, String what) throws IOException {
        RunDirectory run = RunReuse.find(runs, spec).orElse(null);
        boolean resume = false;
        if (run != null) {
            RunStatus status = run.status();
            if (queue != null && status.state() != RunStatus.State.FINISHED) {
                return queue(run, spec, what);
            }
            switch (status.state()) {
                case FINISHED -> {
                    output.line(what + ": reusing finished run " + run.id());
                    // a run its cluster job trained for this experiment finished here, it was not found from before
                    mark(what, stages.stateOf(what) == ExperimentStages.State.QUEUED ? ExperimentStages.State.FINISHED
                            : ExperimentStages.State.REUSED, run);
                    return run;
                }
                case RUNNING -> throw new IllegalArgumentException(run.path() + ": the same run is going on in "
                        + "another process; wait for it or stop it, then start the experiment again");
                case CREATED -> resume = false;
                default -> resume = true;
            }
        }
        cancel.check();
        if (run == null) {
            run = RunDirectory.create(runs, spec);
            if (queue != null) {
                return queue(run, spec, what);
            }
        }
        output.line(what + ": " + (resume ? "resuming " : "training ") + run.id());
        mark(what, resume ? ExperimentStages.State.RESUMING : ExperimentStages.State.TRAINING, run);
        long t0 = System.nanoTime();
        TrainingLoop.Outcome outcome;
        try {
            outcome = RunKinds.execute(run, resume, cache, output.progress("prepare"),
                    output.training(shortName(spec)), cancel);
        } catch (CancellationException e) {
            mark(what, ExperimentStages.State.STOPPED, run);
            throw e;
        } catch (IOException | RuntimeException e) {
            mark(what, ExperimentStages.State.FAILED, run);
            throw e;
        }
        if (outcome == TrainingLoop.Outcome.STOPPED) {
            mark(what, ExperimentStages.State.STOPPED, run);
            throw new CancellationException("stopped during " + run.id());
        }
        if (outcome == TrainingLoop.Outcome.FAILED) {
            mark(what, ExperimentStages.State.FAILED, run);
            List<RunEvent> events = run.events();
            String reason = events.isEmpty() ? "" : events.get(events.size() - 1).text("reason");
            throw new RunFailedException(what + " failed (" + run.path() + "): " + reason);
        }
        mark(what, ExperimentStages.State.FINISHED, run);
        output.line(String.format(Locale.ROOT, "%s: finished %s in %.0f s", what, run.id(),
                (System.nanoTime() - t0) / 1e9));
        return run;
    }

    private RunDirectory queue(RunDirectory run, RunSpec spec, String what) throws IOException {
        List<RunDirectory> needs = new ArrayList<>();
        collectNeeds(Json.MAPPER.valueToTree(spec), needs);
        queue.queue(run, what, needs);
        queued.put(run.path().toAbsolutePath().toString(), run);
        mark(what, ExperimentStages.State.QUEUED, run);
        output.line(what + ": queued " + run.id() + (needs.isEmpty() ? "" : " (after "
                + String.join(", ", needs.stream().map(RunDirectory::id).toList()) + ")"));
        return run;
    }

    /** The queued runs a spec names (in any field: a teacher's weights, an initialisation, a source model). */
    private void collectNeeds(JsonNode node, List<RunDirectory> needs) {
        if (node.isTextual()) {
            RunDirectory r = queued.get(node.asText());
            if (r != null && !needs.contains(r)) {
                needs.add(r);
            }
        }
        node.forEach(child -> collectNeeds(child, needs));
    }

    private String shortName(RunSpec spec) {
        return spec.name() == null ? spec.kind().id() : spec.name().replaceFirst("^" + prefix, "");
    }
}
