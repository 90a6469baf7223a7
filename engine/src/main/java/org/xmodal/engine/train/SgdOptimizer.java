package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with momentum and weight decay, as PyTorch defines it (the peer benchmark's and the paper's settings):
 * d = g + wd p; v = mu v + d (v = d on the first step); p = p - lr v.
 */
final class SgdOptimizer implements ParameterOptimizer {
    private final double momentum;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> velocity = new LinkedHashMap<>();

    SgdOptimizer(double momentum, double weightDecay, NDManager manager) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.manager = manager;
    }

    @Override
    public void step(Map<String, NDArray> parameters, double lr) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            if (!p.hasGradient()) {
                continue;
            }
            // temporaries go to the step's scope, not to the long-lived manager of p and of the velocity
            try (NDManager scope = manager.newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(scope); // closes only this handle; the parameter keeps its gradient
                NDArray d;
                if (weightDecay > 0) {
                    NDArray decay = p.mul(weightDecay);
                    decay.attach(scope);
                    d = g.add(decay);
                } else {
                    d = g.duplicate();
                }
                d.attach(scope);
                NDArray v = velocity.get(e.getKey());
                if (momentum > 0) {
                    if (v == null) {
                        v = d.duplicate();
                        v.attach(manager);
                        velocity.put(e.getKey(), v);
                    } else {
                        v.muli(momentum).addi(d);
                    }
                    NDArray update = v.mul(lr);
                    update.attach(scope);
                    p.subi(update);
                } else {
                    p.subi(d.muli(lr));
                }
                g.subi(g);
            }
        }
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        velocity.forEach((k, v) -> s.put("sgd.velocity." + k, v));
        return s;
    }

    @Override
    public void load(Map<String, NDArray> state) {
        velocity.values().forEach(NDArray::close);
        velocity.clear();
        state.forEach((k, v) -> {
            if (k.startsWith("sgd.velocity.")) {
                NDArray copy = v.duplicate();
                copy.attach(manager);
                velocity.put(k.substring("sgd.velocity.".length()), copy);
            }
        });
    }
}
