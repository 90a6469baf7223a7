package org.xmodal.engine.train;

import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.FinetuneTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.run.RunSpec;

/** SHOT's and SOCKET's training settings: Nesterov's momentum and the inverse decay, as PyTorch and SHOT compute. */
class SourceTrainingOptionsTest {
    @Test
    void nesterovMomentumStepsAsPyTorchsSgdDoes() {
        double lr = 0.1;
        double mu = 0.9;
        double wd = 0.01;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("w", w);
            ParameterOptimizer sgd = ParameterOptimizer.create(OptimizerType.SGD, mu, wd, true, m);
            double[] p = {1, -2};
            double[] v = new double[2];
            for (int step = 0; step < 3; step++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.square().sum()); // gradient 2w
                }
                sgd.step(params, lr);
                for (int i = 0; i < 2; i++) {
                    double d = 2 * p[i] + wd * p[i];
                    v[i] = step == 0 ? d : mu * v[i] + d;
                    p[i] -= lr * (d + mu * v[i]);
                }
                assertEquals(p[0], w.getFloat(0), 1e-5, "step " + step);
                assertEquals(p[1], w.getFloat(1), 1e-5, "step " + step);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new RunSpec.Optimizer(OptimizerType.ADAM, 1e-3,
                0.9, 0, true), "Nesterov is SGD's");
    }

    @Test
    void theInverseDecayIsSocketsAndTheStepDecayIsUnchanged() {
        RunSpec.Schedule inverse = RunSpec.Schedule.inverse(10, 0.75);
        assertEquals(0.01, inverse.rateAt(0.01, 0, 100), 1e-15);
        assertEquals(0.01 * Math.pow(1 + 10 * 0.5, -0.75), inverse.rateAt(0.01, 50, 100), 1e-15);
        assertEquals(0.01 * Math.pow(11, -0.75), inverse.rateAt(0.01, 100, 100), 1e-15);
        RunSpec.Schedule step = new RunSpec.Schedule(30, 0.1);
        assertEquals(0.001, step.rateAt(0.01, 30, 100), 1e-15);
        assertEquals(0.01, step.rateAt(0.01, 29, 100), 1e-15);
    }

    @Test
    void labelSmoothingIsAFinetuneFieldWithItsBounds() {
        RunSpec.Finetune f = new RunSpec.Finetune(FinetuneInput.RGB, null, null, FinetuneTask.SCENES, null,
                null, 0.1);
        assertEquals(0.1, f.labelSmoothing());
        assertEquals(0.0, RunSpec.Finetune.defaults().labelSmoothing());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RunSpec.Finetune(FinetuneInput.RGB,
                null, null, FinetuneTask.SCENES, null, null, 1.0)).getMessage().contains("labelSmoothing"));
    }
}
