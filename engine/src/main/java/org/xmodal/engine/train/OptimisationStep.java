package org.xmodal.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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

    public OptimisationStep(NDManager manager, Map<String, NDArray> trainable, ParameterOptimizer optimizer,
                            TrainingStep forward) {
        this.manager = manager;
        this.trainable = trainable;
        this.optimizer = optimizer;
        this.forward = forward;
    }

    /** Runs step {@code step} at learning rate {@code lr} and returns its loss (weights unchanged if not finite). */
    public double run(long step, double lr) {
        try (NDManager batch = manager.newSubManager()) {
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = forward.loss(batch, step);
                loss = l.getFloat();
                if (!Double.isFinite(loss)) {
                    return loss;
                }
                gc.backward(l);
            }
            optimizer.step(trainable, lr);
            return loss;
        }
    }
}
