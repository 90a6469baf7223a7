package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Parameter groups at their own multiples of the rate (PyTorch's param_groups with {@code lr = base x factor}), as
 * SHOT and SOCKET train the backbone at a tenth of the head's rate. The optimisers keep their state per parameter
 * name, so updating each group in turn is one step of the whole network; the checkpointed state is the inner
 * optimiser's, unchanged.
 */
final class GroupRates implements ParameterOptimizer {
    private final ParameterOptimizer inner;
    private final ToDoubleFunction<String> factor;

    GroupRates(ParameterOptimizer inner, ToDoubleFunction<String> factor) {
        this.inner = inner;
        this.factor = factor;
    }

    @Override
    public void step(Map<String, NDArray> parameters, double lr) {
        Map<Double, Map<String, NDArray>> groups = new TreeMap<>();
        parameters.forEach((name, p) -> groups.computeIfAbsent(factor.applyAsDouble(name),
                f -> new LinkedHashMap<>()).put(name, p));
        groups.forEach((f, group) -> inner.step(group, lr * f)); // factor 0: kept in place (zeroed gradients)
    }

    @Override
    public Map<String, NDArray> state() {
        return inner.state();
    }

    @Override
    public void load(Map<String, NDArray> state) {
        inner.load(state);
    }
}
