package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xmodal.engine.nn.NoGrad;

/**
 * SGD with momentum and weight decay, as PyTorch defines it (the peer benchmark's and the paper's settings):
 * d = g + wd p; v = mu v + d (v = d on the first step); p = p - lr v (with Nesterov's momentum p = p - lr (d + mu v)).
 *
 * <p>The update works in place: d is formed in the gradient's own storage (which is zeroed afterwards anyway), and
 * the constants are arrays made once, not one scalar array per operation. Every temporary, including the handles
 * DJL returns for gradients (attached to the parameters' manager, which lives as long as the run), is created
 * inside an {@link NDScope} and freed when the step ends, so a run's memory does not grow with its steps.
 */
final class SgdOptimizer implements ParameterOptimizer {
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final NDManager manager;
    private final NDArray momentumFactor;
    private final NDArray decayFactor;
    private final Map<String, NDArray> velocity = new LinkedHashMap<>();

    /** @param nesterov PyTorch's Nesterov momentum: the step is d + mu v instead of v */
    SgdOptimizer(double momentum, double weightDecay, boolean nesterov, NDManager manager) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.manager = manager;
        // float32 scalars: PyTorch casts a double scalar to the parameters' float32 before multiplying anyway, so
        // the arithmetic is the same, without a cast (a native call and a tensor) in every operation
        this.momentumFactor = manager.create((float) momentum);
        this.decayFactor = manager.create((float) weightDecay);
    }

    @Override
    public void step(Map<String, NDArray> parameters, double lr) {
        NoGrad.run(() -> update(parameters, lr));
    }

    private void update(Map<String, NDArray> parameters, double lr) {
        try (NDScope temporaries = new NDScope()) {
            NDArray rate = manager.create((float) lr);
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray p = e.getValue();
                if (!p.hasGradient()) {
                    continue;
                }
                NDArray d = p.getGradient();
                if (weightDecay > 0) {
                    d.addi(p.mul(decayFactor));
                }
                if (momentum > 0) {
                    NDArray v = velocity.get(e.getKey());
                    if (v == null) {
                        v = kept(d.duplicate());
                        velocity.put(e.getKey(), v);
                    } else {
                        v.muli(momentumFactor).addi(d);
                    }
                    p.subi(nesterov ? d.addi(v.mul(momentumFactor)).muli(rate) : v.mul(rate));
                } else {
                    p.subi(d.muli(rate));
                }
                d.subi(d); // PyTorch accumulates gradients: the next backward must start from zero
            }
        }
    }

    /** Takes a new state array out of the step's scope and gives it to the optimiser's manager. */
    private NDArray kept(NDArray a) {
        NDScope.unregister(a);
        a.attach(manager);
        return a;
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
