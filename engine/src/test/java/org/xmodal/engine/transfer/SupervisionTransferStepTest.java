package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkTeacher;
import org.xmodal.engine.train.OptimisationStep;
import org.xmodal.engine.train.ParameterOptimizer;

/** Whole transfer steps, as runs and the benchmark take them, on a network with every kind of layer AlexNet has. */
class SupervisionTransferStepTest {
    private static final Shape INPUT = new Shape(2, 3, 67, 67);

    @Test
    void transferStepsLeaveNothingInTheRunsManagerAndLowerTheLoss() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            FeatureNetwork teacherNet = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
            teacherNet.initializeUpTo(manager, INPUT, 1, "pool5");
            try (SupervisionTransfer transfer = SupervisionTransfer.create(
                    NetworkTeacher.of(teacherNet, "pool5", Device.cpu()), NetworkFactory.ALEXNET_SMALL, "pool5", null,
                    INPUT, 2, manager)) {
                float[] pixels = new float[Math.toIntExact(INPUT.size())];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (i * 7919 % 1000) / 1000f;
                }
                OptimisationStep step = new OptimisationStep(manager, transfer.trainable(),
                        ParameterOptimizer.create("sgd", 0.9, 5e-4, manager), (batch, n) -> {
                            NDArray rgb = batch.create(pixels, INPUT);
                            return transfer.loss(rgb, rgb.flip(1));
                        });
                double first = step.run(0, 1e-4);
                int arrays = manager.getManagedArrays().size();
                double last = first;
                for (int s = 1; s < 8; s++) {
                    last = step.run(s, 1e-4);
                }
                assertEquals(arrays, manager.getManagedArrays().size(), "arrays left in the run's manager");
                assertTrue(last < first, "loss " + first + " -> " + last);
            }
        }
    }
}
