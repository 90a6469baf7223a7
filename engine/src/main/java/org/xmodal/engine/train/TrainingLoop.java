package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;

/**
 * The engine's own training loop (DJL's EasyTrain cannot be cancelled): one sub-manager per batch, cancellation
 * checked every batch, a non-finite loss stops the run before it touches the weights (the last checkpoint stays
 * the last good one), checkpoints of parameters and optimiser state written atomically, events and metrics as
 * DESIGN.md's run directory says.
 */
public final class TrainingLoop {
    /** How a loop ended. */
    public enum Outcome { FINISHED, STOPPED, FAILED }

    /** Per-step figures, for a terminal bar or a GUI. */
    public interface Listener {
        Listener NONE = (step, total, loss, imagesPerSecond, eta) -> { };

        void step(long step, long total, double loss, double imagesPerSecond, double etaSeconds);

        /**
         * The loop is about to make its first step ({@code start} steps already done): what came before was
         * preparation. Called before any event of the loop is written.
         */
        default void starting(long start, long total) {
        }
    }

    private final RunDirectory run;
    private final RunSpec spec;
    private final NDManager manager;
    private final Map<String, NDArray> trainable;
    private final ParameterOptimizer optimizer;
    private final int trainPairs;
    private final OptimisationStep optimisation;
    private final TrainingStep primary;
    private LongConsumer snapshot = s -> { };
    private Listener listener = Listener.NONE;
    private Completion completion = () -> { };

    /** Work that belongs to a finished run (an evaluation), done after the last checkpoint. */
    @FunctionalInterface
    public interface Completion {
        void complete() throws IOException;
    }

    public TrainingLoop(RunDirectory run, RunSpec spec, NDManager manager, Map<String, NDArray> trainable,
                        ParameterOptimizer optimizer, int trainPairs, TrainingStep stepFunction) {
        this(run, spec, List.of(new Replica(manager, trainable, stepFunction)), optimizer, trainPairs);
    }

    /**
     * A data-parallel loop: every step is shared out over the replicas (one per device); the first replica's
     * parameters are the ones checkpointed, restored and updated ({@link OptimisationStep}).
     */
    public TrainingLoop(RunDirectory run, RunSpec spec, List<Replica> replicas, ParameterOptimizer optimizer,
                        int trainPairs) {
        this.run = run;
        this.spec = spec;
        this.manager = replicas.get(0).manager();
        this.trainable = replicas.get(0).trainable();
        this.optimizer = optimizer;
        this.trainPairs = Math.max(1, trainPairs);
        this.optimisation = new OptimisationStep(replicas, optimizer);
        this.primary = replicas.get(0).step();
        this.optimisation.onSplit(parts -> {
            try {
                int devices = replicas.size();
                run.append(RunEvent.of(RunEvent.WARNING, 0).with("reason", "the device ran out of memory: each step "
                        + "now runs as " + parts + " micro-batches of " + spec.batchSize() / (parts * devices)
                        + (devices > 1 ? " on each of " + devices + " devices" : "") + " with gradients "
                        + "accumulated, so the effective batch is still " + spec.batchSize()).with("microBatches", parts));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Runs every step as {@code n} micro-batches with gradients accumulated ({@link OptimisationStep#splitInto}). */
    public TrainingLoop microBatches(int n) {
        optimisation.splitInto(n);
        return this;
    }

    /** Called after the steps listed in the spec's filterSnapshots (and at 0 and the end) to draw filters. */
    public TrainingLoop onSnapshot(LongConsumer c) {
        this.snapshot = c;
        return this;
    }

    public TrainingLoop listener(Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * Runs {@code c} after the last step's checkpoint and before the "finished" event, so a run is finished only
     * once it has its results: killed during {@code c}, it resumes from the last checkpoint straight into {@code c}.
     */
    public TrainingLoop beforeFinished(Completion c) {
        this.completion = c;
        return this;
    }

    /**
     * Restores parameters and optimiser state from the checkpoint after {@code step} completed steps and drops
     * metrics recorded after it (they will be recomputed identically).
     */
    public void restore(long step) throws IOException {
        Path file = run.checkpoint(step);
        NetworkWeights.loadInto(trainable, file);
        Map<String, NDArray> state = NetworkWeights.read(file, manager, name -> !trainable.containsKey(name));
        optimizer.load(state);
        state.values().forEach(NDArray::close);
        run.metrics().truncateAfter(step);
    }

    /** Runs steps {@code start .. iterations-1}; {@code start} is the number of steps already done. */
    public Outcome run(long start, Cancellation cancel) throws IOException {
        long total = spec.iterations();
        listener.starting(start, total);
        int every = spec.effectiveCheckpointEvery();
        int logEvery = spec.effectiveLogEvery();
        if (start == 0) {
            snapshot(0);
        }
        long windowStart = System.nanoTime();
        long windowSteps = 0;
        double speed = Double.NaN;
        long lastEvent = 0;
        for (long step = start; step < total; step++) {
            if (cancel.isCancelled()) {
                checkpoint(step);
                run.append(RunEvent.of(RunEvent.STOPPED, step).with("reason", "stopped by the user"));
                return Outcome.STOPPED;
            }
            double lr = spec.schedule().rateAt(spec.optimizer().learningRate(), (int) step, (int) total);
            double loss = optimisation.run(step, lr);
            if (!Double.isFinite(loss)) {
                run.append(RunEvent.of(RunEvent.FAILED, step).with("reason", "the loss became " + loss
                        + " at step " + (step + 1) + termsOf(primary.termValues()) + "; the weights were not updated "
                        + "and the last checkpoint is the last good state (lower the learning rate and resume or "
                        + "clone the run)"));
                return Outcome.FAILED;
            }
            long done = step + 1;
            long now = System.nanoTime();
            if (step == start) {
                // the first step of a process is warm-up (kernels chosen, memory first touched), several times a
                // later step: speed is measured from the steps after it, and until then the ETA is unknown
                windowStart = now;
            } else {
                windowSteps++;
            }
            if (windowSteps > 0 && (now - windowStart > 2_000_000_000L || done == total)) {
                speed = windowSteps * spec.batchSize() / ((now - windowStart) / 1e9);
                windowStart = now;
                windowSteps = 0;
            }
            double eta = Double.isNaN(speed) ? Double.NaN : (total - done) * spec.batchSize() / speed;
            double epoch = done * (double) spec.batchSize() / trainPairs;
            if (done % logEvery == 0 || done == total) {
                run.metrics().append(new MetricsLog.Row(done, epoch, "train", "loss", loss));
                run.metrics().append(new MetricsLog.Row(done, epoch, "train", "lr", lr));
                for (Map.Entry<String, Double> term : primary.termValues().entrySet()) {
                    // each term of the objective is a curve of its own: objective/<term>
                    run.metrics().append(new MetricsLog.Row(done, epoch, "train", "objective/" + term.getKey(),
                            term.getValue()));
                }
                for (Map.Entry<String, Double> d : primary.diagnostics().entrySet()) {
                    run.metrics().append(new MetricsLog.Row(done, epoch, "train", d.getKey(), d.getValue()));
                }
            }
            if (now - lastEvent > 1_000_000_000L || done == total) {
                lastEvent = now;
                run.append(RunEvent.of(RunEvent.PROGRESS, done).with("loss", loss).with("lr", lr)
                        .with("imagesPerSecond", speed).with("etaSeconds", eta).with("epoch", epoch));
            }
            listener.step(done, total, loss, speed, eta);
            if (done % every == 0 && done != total) {
                checkpoint(done);
            }
            if (spec.filterSnapshots().contains((int) done) || done == total) {
                snapshot(done);
            }
        }
        if (start < total || run.latestCheckpointStep().filter(s -> s == total).isEmpty()) {
            checkpoint(total);
        }
        completion.complete();
        run.append(RunEvent.of(RunEvent.FINISHED, total));
        return Outcome.FINISHED;
    }

    /**
     * Draws the filters at {@code step} (and logs their structure). The callback cannot throw a checked exception, so
     * a file that cannot be written comes wrapped: it is unwrapped, so that the run fails naming the file, as any
     * other write of the loop does.
     */
    private void snapshot(long step) throws IOException {
        try {
            snapshot.accept(step);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The objective's terms at a failed step, so that the reason names the one that broke: " (hint NaN)". */
    private static String termsOf(Map<String, Double> terms) {
        if (terms.size() < 2) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (");
        terms.forEach((name, value) -> s.append(s.length() > 2 ? ", " : "").append(name).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.4g", value)));
        return s.append(')').toString();
    }

    private void checkpoint(long done) throws IOException {
        Map<String, NDArray> all = new LinkedHashMap<>(trainable);
        all.putAll(optimizer.state());
        NetworkWeights.saveArrays(all, run.checkpoint(done));
        run.append(RunEvent.of(RunEvent.CHECKPOINT, done).with("file", run.path().relativize(run.checkpoint(done))
                .toString()));
    }
}
