package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xmodal.engine.nn.NoGrad;

/**
 * Adam (Kingma and Ba) with bias correction: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr m_hat / (sqrt(v_hat) + eps). Weight decay is either L2, added to the gradient as torch.optim.Adam does, or
 * decoupled, p -= lr wd p before the update, as torch.optim.AdamW does.
 */
final class AdamOptimizer implements ParameterOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final NDManager manager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private final Map<String, NDArray> steps = new LinkedHashMap<>();

    AdamOptimizer(double beta1, double beta2, double eps, double weightDecay, boolean decoupled, NDManager manager) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.manager = manager;
    }

    @Override
    public void step(Map<String, NDArray> parameters, double lr) {
        NoGrad.run(() -> update(parameters, lr));
    }

    private void update(Map<String, NDArray> parameters, double lr) {
        // Every temporary (and DJL's gradient handles, attached to the parameters' long-lived manager) is freed
        // when the scope closes; state arrays are taken out of it as they are created.
        try (NDScope temporaries = new NDScope()) {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray p = e.getValue();
                if (!p.hasGradient()) {
                    continue;
                }
                String k = e.getKey();
                NDArray g = p.getGradient();
                NDArray d = weightDecay > 0 && !decoupled ? g.add(p.mul(weightDecay)) : g;
                NDArray m = first.computeIfAbsent(k, x -> kept(p.zerosLike()));
                NDArray v = second.computeIfAbsent(k, x -> kept(p.zerosLike()));
                NDArray t = steps.computeIfAbsent(k, x -> kept(manager.create(0f)));
                t.addi(1);
                double n = t.getFloat();
                m.muli(beta1).addi(d.mul(1 - beta1));
                v.muli(beta2).addi(d.square().muli(1 - beta2));
                double c1 = 1 - Math.pow(beta1, n);
                double c2 = 1 - Math.pow(beta2, n);
                NDArray denom = v.div(c2).sqrt().addi(eps);
                if (decoupled && weightDecay > 0) {
                    p.muli(1 - lr * weightDecay);
                }
                p.subi(m.div(c1).divi(denom).muli(lr));
                g.subi(g);
            }
        }
    }

    /** Takes a new state array out of the step's scope and gives it to the optimiser's manager. */
    private NDArray kept(NDArray a) {
        NDScope.unregister(a);
        return attached(a);
    }

    private NDArray attached(NDArray a) {
        a.attach(manager);
        return a;
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        first.forEach((k, v) -> s.put("adam.m." + k, v));
        second.forEach((k, v) -> s.put("adam.v." + k, v));
        steps.forEach((k, v) -> s.put("adam.t." + k, v));
        return s;
    }

    @Override
    public void load(Map<String, NDArray> state) {
        state.forEach((k, v) -> {
            NDArray copy = attached(v.duplicate());
            if (k.startsWith("adam.m.")) {
                first.put(k.substring(7), copy);
            } else if (k.startsWith("adam.v.")) {
                second.put(k.substring(7), copy);
            } else if (k.startsWith("adam.t.")) {
                steps.put(k.substring(7), copy);
            } else {
                copy.close();
            }
        });
    }
}
