package org.xmodal.engine.train;

import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunSpec;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * An optimiser whose state we own (DJL's keeps momentum buffers private, so they could not be checkpointed and a
 * resumed run would not continue bit for bit). Updates run outside autograd, in place on the parameters, and
 * zero the gradients afterwards (PyTorch accumulates them).
 */
public interface ParameterOptimizer {
    /** One update of every parameter that has a gradient, at learning rate {@code lr}. */
    void step(Map<String, NDArray> parameters, double lr);

    /** The state to checkpoint, keyed by stable names. */
    Map<String, NDArray> state();

    /** Restores checkpointed state (arrays are copied into this optimiser's manager). */
    void load(Map<String, NDArray> state);

    static ParameterOptimizer create(OptimizerType type, double momentum, double weightDecay,
                                     NDManager manager) {
        return create(type, momentum, weightDecay, false, manager);
    }

    /** The spec's optimiser. */
    static ParameterOptimizer create(RunSpec.Optimizer o, NDManager manager) {
        return create(o.type(), o.momentum(), o.weightDecay(), o.nesterov(), manager);
    }

    /**
     * The spec's optimiser, with the parameters named in {@code backbone} at {@code optimizer.backboneRate} times
     * the rate (the others at the rate itself).
     */
    static ParameterOptimizer create(RunSpec.Optimizer o, java.util.Set<String> backbone, NDManager manager) {
        ParameterOptimizer inner = create(o, manager);
        double factor = o.backboneFactor();
        return factor == 1 ? inner : new GroupRates(inner, name -> backbone.contains(name) ? factor : 1);
    }

    /**
     * The spec's optimiser with every parameter at {@code factor(name)} times the rate: groups that learn at their
     * own rates, as separate PyTorch optimisers or param_groups of one would (the state is kept per parameter).
     */
    static ParameterOptimizer create(RunSpec.Optimizer o, java.util.function.ToDoubleFunction<String> factor,
                                     NDManager manager) {
        return new GroupRates(create(o, manager), factor);
    }

    static ParameterOptimizer create(OptimizerType type, double momentum, double weightDecay,
                                     boolean nesterov, NDManager manager) {
        return switch (type) {
            case SGD -> new SgdOptimizer(momentum, weightDecay, nesterov, manager);
            case ADAM -> new AdamOptimizer(0.9, 0.999, 1e-8, weightDecay, false, manager);
            case ADAMW -> new AdamOptimizer(0.9, 0.999, 1e-8, weightDecay, true, manager);
        };
    }
}
