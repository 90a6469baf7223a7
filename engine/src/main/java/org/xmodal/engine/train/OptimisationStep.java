package org.xmodal.engine.train;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import java.util.function.IntConsumer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.Map;

/**
 * One optimisation step exactly as every run takes it (and as {@code xmodal bench transfer} times it): the forward
 * pass in a sub-manager of its own, the loss read back, backward, then the optimiser's in-place update. The
 * sub-manager is closed before the step returns, so a step leaves no native memory behind. A non-finite loss is
 * returned before backward runs, leaving the weights untouched.
 */
public final class OptimisationStep {
    private final NDManager manager;
    private final Map<String, NDArray> trainable;
    private final ParameterOptimizer optimizer;
    private final TrainingStep forward;
    private static final int MAX_PARTS = 64;
    private int parts = 1;
    private IntConsumer onSplit = n -> { };

    public OptimisationStep(NDManager manager, Map<String, NDArray> trainable, ParameterOptimizer optimizer,
                            TrainingStep forward) {
        this.manager = manager;
        this.trainable = trainable;
        this.optimizer = optimizer;
        this.forward = forward;
    }

    /** Runs step {@code step} at learning rate {@code lr} and returns its loss (weights unchanged if not finite). */
    public double run(long step, double lr) {
        while (true) {
            try {
                return runParts(step, lr, parts);
            } catch (EngineException e) {
                if (!outOfMemory(e) || !forward.splittable() || parts >= MAX_PARTS) {
                    throw e;
                }
                zeroGradients(); // the parts that did run left gradients behind
                parts *= 2;
                onSplit.accept(parts);
            }
        }
    }

    private double runParts(long step, double lr, int n) {
        try (NDManager batch = manager.newSubManager()) {
            double loss = 0;
            for (int part = 0; part < n; part++) {
                try (NDManager scope = batch.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = forward.loss(scope, step, part, n);
                    double value = l.getFloat();
                    loss += value;
                    if (!Double.isFinite(value)) {
                        zeroGradients();
                        return value;
                    }
                    gc.backward(l);
                }
            }
            // updates write in place into tensors that require gradients: never while autograd records (grad mode
            // is per thread, and on by default on threads PyTorch did not start from)
            boolean recording = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                optimizer.step(trainable, lr);
            } finally {
                JniUtils.setGradMode(recording);
            }
            return loss;
        }
    }

    /** Micro-batches per step now (1 until the device first ran out of memory). */
    public int parts() {
        return parts;
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
        for (NDArray p : trainable.values()) {
            if (p.hasGradient()) {
                NDArray g = p.getGradient();
                g.subi(g);
            }
        }
    }
}
