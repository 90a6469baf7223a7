package org.xmodal.engine.train;

import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optimisers keep no native arrays from step to step but their own state: a long run must not grow. */
class ParameterOptimizerTest {
    private static int arraysAfter(String type, int steps) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.randomNormal(new ai.djl.ndarray.types.Shape(64, 32));
            w.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("w", w);
            ParameterOptimizer opt = ParameterOptimizer.create(OptimizerType.parse(type), 0.9, 0.0005, manager);
            for (int i = 0; i < steps; i++) {
                try (NDManager batch = manager.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = batch.ones(w.getShape()).mul(w).square().sum();
                        gc.backward(loss);
                    }
                    opt.step(params, 1e-3);
                }
            }
            return manager.getManagedArrays().size();
        }
    }

    @Test
    void adamLeavesNoArraysBehindPerStep() {
        assertEquals(arraysAfter("adam", 2), arraysAfter("adam", 20));
    }

    @Test
    void sgdLeavesNoArraysBehindPerStep() {
        assertEquals(arraysAfter("sgd", 2), arraysAfter("sgd", 20));
    }
}
