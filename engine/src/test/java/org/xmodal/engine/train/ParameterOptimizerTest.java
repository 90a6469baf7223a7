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

    /**
     * With {@code backboneRate} 0.1 a backbone parameter moves a tenth as far as a head parameter with the same
     * gradient (plain SGD: the step is rate x gradient), and the checkpointed state is the inner optimiser's.
     */
    @Test
    void backboneParametersLearnAtTheirFactorOfTheRate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray backbone = manager.create(new float[] {1f, 2f});
            NDArray head = manager.create(new float[] {1f, 2f});
            backbone.setRequiresGradient(true);
            head.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("conv1.weight", backbone);
            params.put("fc.weight", head);
            RunSpec.Optimizer o = new RunSpec.Optimizer(OptimizerType.SGD, 0.5, 0.9, 0, false, 0.1);
            ParameterOptimizer opt = ParameterOptimizer.create(o, java.util.Set.of("conv1.weight"), manager);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(backbone.square().sum().add(head.square().sum())); // gradient 2w = {2, 4}
            }
            opt.step(params, 0.5);
            assertEquals(1 - 0.05 * 2, backbone.getFloat(0), 1e-6);
            assertEquals(2 - 0.05 * 4, backbone.getFloat(1), 1e-6);
            assertEquals(1 - 0.5 * 2, head.getFloat(0), 1e-6);
            assertEquals(2 - 0.5 * 4, head.getFloat(1), 1e-6);
            assertEquals(java.util.Set.of("sgd.velocity.conv1.weight", "sgd.velocity.fc.weight"),
                    opt.state().keySet());
            assertEquals(1, new RunSpec.Optimizer(OptimizerType.SGD, 0.5, 0.9, 0, false).backboneFactor());
        }
    }

    /**
     * One step from w = 1 with gradient g = 0.5 (bias-corrected Adam moves by lr x sign of what it sees): AdamW
     * shrinks the weight by lr x decay of itself, then moves it by lr (w = 1 (1 - 0.1 x 2) - 0.1 = 0.7, torch.optim.
     * AdamW's arithmetic); Adam adds the decay to the gradient (0.5 + 2 x 1), whose size Adam's normalisation then
     * divides away (w = 1 - 0.1 = 0.9), which is why a decay barely acts on Adam's weights.
     */
    @Test
    void adamwDecaysTheWeightsApartFromTheGradient() {
        assertEquals(0.7, oneStep(OptimizerType.ADAMW, 0.1, 2.0), 1e-5);
        assertEquals(0.9, oneStep(OptimizerType.ADAM, 0.1, 2.0), 1e-5);
        assertEquals(0.9, oneStep(OptimizerType.ADAMW, 0.1, 0), 1e-5);
        assertEquals("adamw", OptimizerType.parse("adamw").id());
    }

    private static double oneStep(OptimizerType type, double lr, double decay) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f});
            w.setRequiresGradient(true);
            ParameterOptimizer opt = ParameterOptimizer.create(type, 0.9, decay, manager);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(w.mul(0.5f).sum());
            }
            opt.step(Map.of("w", w), lr);
            return w.getFloat(0);
        }
    }
}
