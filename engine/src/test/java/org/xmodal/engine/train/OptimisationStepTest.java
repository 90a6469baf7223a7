package org.xmodal.engine.train;

import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One optimisation step on loss = sum(c * p^2), whose gradient 2 c p is easy to follow by hand. */
class OptimisationStepTest {
    private static final int SIZE = 37;
    private static final double[] RATES = {0.1, 0.1, 0.05, 0.05, 0.02, 0.01};

    private static float[] uniform(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = (float) (scale * (2 * r.nextDouble() - 1));
        }
        return v;
    }

    private static OptimisationStep quadratic(NDManager manager, Map<String, NDArray> params, ParameterOptimizer opt,
                                              float[] c) {
        return new OptimisationStep(manager, params, opt, (batch, step) -> {
            // Arrays land in the manager of an operation's first operand: starting from the batch's keeps them there.
            NDArray p = params.get("p");
            return batch.create(c, new Shape(SIZE)).mul(p).mul(p).sum();
        });
    }

    private static Map<String, NDArray> parameters(NDManager manager, float[] start) {
        NDArray p = manager.create(start, new Shape(SIZE));
        p.setRequiresGradient(true);
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("p", p);
        return params;
    }

    @Test
    void sgdUpdatesAsPyTorchsSgdWithMomentumWeightDecayAndAChangingRate() {
        double momentum = 0.9;
        double decay = 0.05;
        float[] start = uniform(1, 2);
        float[] c = uniform(2, 1);
        double[] p = new double[SIZE];
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            p[i] = start[i];
        }
        for (int step = 0; step < RATES.length; step++) {
            for (int i = 0; i < SIZE; i++) {
                double d = 2 * c[i] * p[i] + decay * p[i];
                v[i] = step == 0 ? d : momentum * v[i] + d;
                p[i] -= RATES[step] * v[i];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = parameters(manager, start);
            OptimisationStep step = quadratic(manager, params,
                    ParameterOptimizer.create(OptimizerType.SGD, momentum, decay, manager), c);
            for (int s = 0; s < RATES.length; s++) {
                step.run(s, RATES[s]);
            }
            float[] actual = params.get("p").toFloatArray();
            for (int i = 0; i < SIZE; i++) {
                assertEquals(p[i], actual[i], 1e-5 * Math.abs(p[i]) + 1e-6, "parameter " + i);
            }
        }
    }

    @Test
    void stepsLeaveNothingBehindButTheOptimiserState() {
        for (String type : List.of("sgd", "adam", "adamw")) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Map<String, NDArray> params = parameters(manager, uniform(3, 1));
                OptimisationStep step = quadratic(manager, params,
                        ParameterOptimizer.create(OptimizerType.parse(type), 0.9, 5e-4, manager), uniform(4, 1));
                step.run(0, 0.01); // creates the optimiser's state
                int arrays = manager.getManagedArrays().size();
                for (int s = 1; s < 20; s++) {
                    step.run(s, 0.01);
                }
                assertEquals(arrays, manager.getManagedArrays().size(), type + ": arrays left in the run's manager");
            }
        }
    }
}
