package org.xmodal.engine.transfer;

import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.HintLoss;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkTeacher;
import org.xmodal.engine.train.OptimisationStep;
import org.xmodal.engine.train.ParameterOptimizer;

/** Whole transfer steps, as runs and the benchmark take them, on a network with every kind of layer AlexNet has. */
class SupervisionTransferStepTest {
    private static final Shape INPUT = new Shape(2, 3, 67, 67);

    private static float[] pixels() {
        float[] pixels = new float[Math.toIntExact(INPUT.size())];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 7919 % 1000) / 1000f;
        }
        return pixels;
    }

    private static SupervisionTransfer transfer(NDManager manager) throws Exception {
        FeatureNetwork teacherNet = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
        teacherNet.initializeUpTo(manager, INPUT, 1, "pool5");
        return SupervisionTransfer.create(NetworkTeacher.of(teacherNet, "pool5", Device.cpu()),
                NetworkFactory.ALEXNET_SMALL, "pool5", null, INPUT, 2, manager);
    }

    @Test
    void lossNormalisationsDivideTheSummedSquaredErrorAsNamed() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SupervisionTransfer transfer = transfer(manager)) {
            NDArray rgb = manager.create(pixels(), INPUT);
            NDArray targets = transfer.targets(rgb);
            NDArray paired = rgb.flip(1);
            NDArray adapted = transfer.adapted(paired, true);
            double summed = adapted.sub(targets).square().sum().getFloat();
            long batch = INPUT.get(0);
            long perImage = adapted.size() / batch;
            double byImage = transfer.lossNormalisation(HintLoss.PER_IMAGE).lossAgainst(targets, paired, batch).getFloat();
            double byCaffe = transfer.lossNormalisation(HintLoss.CAFFE).lossAgainst(targets, paired, batch).getFloat();
            double byElement = transfer.lossNormalisation(HintLoss.PER_ELEMENT).lossAgainst(targets, paired, batch)
                    .getFloat();
            assertEquals(summed / batch, byImage, 1e-5 * byImage);
            assertEquals(summed / (2.0 * batch), byCaffe, 1e-5 * byCaffe, "Caffe's EuclideanLoss: 1 / 2N");
            assertEquals(summed / ((double) batch * perImage), byElement, 1e-5 * byElement);
        }
    }

    @Test
    void transferStepsLeaveNothingInTheRunsManagerAndLowerTheLoss() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            try (SupervisionTransfer transfer = transfer(manager)) {
                float[] pixels = pixels();
                OptimisationStep step = new OptimisationStep(manager, transfer.trainable(),
                        ParameterOptimizer.create(OptimizerType.SGD, 0.9, 5e-4, manager), (batch, n) -> {
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

    /**
     * Numbers that autograd keeps for backward must not live in memory the garbage collector frees (see
     * NativeScalar): the same step's gradients, with and without a collection between forward and backward.
     */
    @Test
    void gradientsDoNotChangeWhenTheGarbageCollectorRunsBetweenForwardAndBackward() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SupervisionTransfer transfer = transfer(manager)) {
            Map<String, float[]> calm = gradients(transfer, manager, false);
            for (int attempt = 0; attempt < 3; attempt++) {
                Map<String, float[]> collected = gradients(transfer, manager, true);
                for (String name : calm.keySet()) {
                    assertArrayEquals(calm.get(name), collected.get(name), 1e-6f * max(calm.get(name)), name);
                }
            }
        }
    }

    private static Map<String, float[]> gradients(SupervisionTransfer transfer, NDManager manager, boolean collect)
            throws InterruptedException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager batch = manager.newSubManager()) {
            NDArray rgb = batch.create(pixels(), INPUT);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = transfer.loss(rgb, rgb.flip(1));
                if (collect) {
                    System.gc();
                    Thread.sleep(50); // direct buffers are freed by the cleaner thread
                    List<ByteBuffer> reuse = new ArrayList<>();
                    for (int i = 0; i < 4000; i++) {
                        reuse.add(ByteBuffer.allocateDirect(4 + i % 8 * 4).putFloat(0, Float.NaN));
                    }
                }
                gc.backward(loss);
            }
            for (Map.Entry<String, NDArray> e : transfer.trainable().entrySet()) {
                NDArray g = e.getValue().getGradient();
                g.attach(batch);
                out.put(e.getKey(), g.toFloatArray());
                g.subi(g);
            }
        }
        return out;
    }

    private static float max(float[] values) {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
