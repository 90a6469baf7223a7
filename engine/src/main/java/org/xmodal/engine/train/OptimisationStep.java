package org.xmodal.engine.train;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.xmodal.engine.nn.NoGrad;

/**
 * One optimisation step exactly as every run takes it (and as {@code xmodal bench transfer} times it): the forward
 * pass in a sub-manager of its own, the loss read back, backward, then the optimiser's in-place update. The
 * sub-manager is closed before the step returns, so a step leaves no native memory behind. A non-finite loss is
 * returned before backward runs, leaving the weights untouched.
 *
 * <p>Data-parallel on several devices: given several {@link Replica}s, each computes the loss and gradients of its
 * contiguous share of the batch (normalised by the whole batch, as micro-batches are), the gradients are summed into
 * the first replica's, which the optimiser updates, and the other replicas take its parameters before the next step
 * (so a restored checkpoint reaches them too). The update is the whole batch's; only the order of the floating-point
 * sums differs. Parts are issued one after the other from this thread (the loss of each is read before its backward
 * to stop a non-finite step), so GPUs overlap only as far as their queues allow.
 */
public final class OptimisationStep {
    private final List<Replica> replicas;
    private final ParameterOptimizer optimizer;
    private static final int MAX_PARTS = 64;
    private int parts = 1;
    private IntConsumer onSplit = n -> { };

    public OptimisationStep(NDManager manager, Map<String, NDArray> trainable, ParameterOptimizer optimizer,
                            TrainingStep forward) {
        this(List.of(new Replica(manager, trainable, forward)), optimizer);
    }

    /** A step over several copies of the networks; the first is the one the optimiser updates and checkpoints. */
    public OptimisationStep(List<Replica> replicas, ParameterOptimizer optimizer) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one replica");
        }
        for (Replica r : replicas.subList(1, replicas.size())) {
            if (!r.trainable().keySet().equals(replicas.get(0).trainable().keySet())) {
                throw new IllegalArgumentException("replicas must have the same parameters");
            }
            if (!r.step().splittable()) {
                throw new IllegalArgumentException("a data-parallel step must be splittable into shares of a batch");
            }
        }
        this.replicas = List.copyOf(replicas);
        this.optimizer = optimizer;
    }

    /** Runs step {@code step} at learning rate {@code lr} and returns its loss (weights unchanged if not finite). */
    public double run(long step, double lr) {
        while (true) {
            try {
                return runParts(step, lr, parts);
            } catch (EngineException e) {
                if (!outOfMemory(e) || !replicas.get(0).step().splittable() || parts >= MAX_PARTS) {
                    throw e;
                }
                if (replicas.get(0).step().normalisesByBatch()) {
                    throw new IllegalStateException("the device ran out of memory"
                            + (parts > 1 ? " with " + parts + " micro-batches a step" : "") + "; the student normalises by "
                            + "batch statistics (BatchNorm), so splitting the batch into micro-batches would change "
                            + "what it learns: lower batchSize or inputSize and clone the run", e);
                }
                zeroGradients(); // the parts that did run left gradients behind
                parts *= 2;
                onSplit.accept(parts);
            }
        }
    }

    /** {@code perReplica} micro-batches on each replica, the batch split evenly over all of them. */
    private double runParts(long step, double lr, int perReplica) {
        broadcast();
        int total = replicas.size() * perReplica;
        NDManager[] batches = new NDManager[replicas.size()];
        try {
            for (int r = 0; r < batches.length; r++) {
                batches[r] = replicas.get(r).manager().newSubManager();
            }
            double loss = 0;
            for (int part = 0; part < total; part++) {
                int r = part / perReplica;
                try (NDManager scope = batches[r].newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = replicas.get(r).step().loss(scope, step, part, total);
                    double value = l.getFloat();
                    loss += value;
                    if (!Double.isFinite(value)) {
                        zeroGradients();
                        return value;
                    }
                    gc.backward(l);
                }
            }
            NoGrad.run(() -> {
                reduceGradients();
                optimizer.step(replicas.get(0).trainable(), lr);
            });
            return loss;
        } finally {
            for (NDManager b : batches) {
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    /** Adds every other replica's gradients into the first replica's, and zeroes them. */
    private void reduceGradients() {
        if (replicas.size() == 1) {
            return;
        }
        try (NDScope temporaries = new NDScope()) {
            for (Map.Entry<String, NDArray> e : replicas.get(0).trainable().entrySet()) {
                NDArray p = e.getValue();
                if (!p.hasGradient()) {
                    continue;
                }
                NDArray sum = p.getGradient();
                for (Replica r : replicas.subList(1, replicas.size())) {
                    NDArray q = r.trainable().get(e.getKey());
                    if (q.hasGradient()) {
                        NDArray g = q.getGradient();
                        sum.addi(g.toDevice(sum.getDevice(), false));
                        g.subi(g);
                    }
                }
            }
        }
    }

    /** The other replicas take the first's parameters (the last update, or a restored checkpoint). */
    private void broadcast() {
        if (replicas.size() == 1) {
            return;
        }
        NoGrad.run(() -> {
            try (NDScope temporaries = new NDScope()) {
                for (Map.Entry<String, NDArray> e : replicas.get(0).trainable().entrySet()) {
                    for (Replica r : replicas.subList(1, replicas.size())) {
                        NDArray q = r.trainable().get(e.getKey());
                        q.set(new NDIndex("..."), e.getValue().toDevice(q.getDevice(), true));
                    }
                }
            }
        });
    }

    /**
     * Runs every step as {@code n} micro-batches per replica with gradients accumulated, as after running out of
     * memory; the update is the whole batch's. Refused for a step whose parts would compute something else.
     */
    public void splitInto(int n) {
        Replica first = replicas.get(0);
        if (n < 1 || n > MAX_PARTS) {
            throw new IllegalArgumentException("micro-batches must be 1 to " + MAX_PARTS + ", not " + n);
        }
        if (n > 1 && (!first.step().splittable() || first.step().normalisesByBatch())) {
            throw new IllegalArgumentException("this step cannot be split into micro-batches without changing it");
        }
        parts = n;
    }

    /** Micro-batches per replica and step now (1 until a device first ran out of memory). */
    public int parts() {
        return parts;
    }

    /** How many copies of the networks share each step (1 unless the run is data-parallel). */
    public int replicas() {
        return replicas.size();
    }

    /** Called with the new number of micro-batches each time a step had to be split. */
    public void onSplit(IntConsumer listener) {
        this.onSplit = listener;
    }

    static boolean outOfMemory(EngineException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("out of memory");
    }

    private void zeroGradients() {
        for (Replica r : replicas) {
            for (NDArray p : r.trainable().values()) {
                if (p.hasGradient()) {
                    NDArray g = p.getGradient();
                    g.subi(g);
                }
            }
        }
    }
}
