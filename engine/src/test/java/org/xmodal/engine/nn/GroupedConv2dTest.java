package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupedConv2dTest {
    private static final Shape INPUT = new Shape(2, 6, 7, 7);

    private static NDArray random(NDManager m, Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1);
        }
        return m.create(v, shape);
    }

    @Test
    void convolvingGroupBySliceGivesTheGroupedConvolutionAndItsGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv2d split = NetworkBuilder.convolution(8, 3, 1, 1, 2, true);
            assertInstanceOf(GroupedConv2d.class, split);
            split.setInitializer((manager, shape, type) -> random(manager, shape, 1), Parameter.Type.WEIGHT);
            split.setInitializer((manager, shape, type) -> random(manager, shape, 2), Parameter.Type.BIAS);
            split.initialize(m, DataType.FLOAT32, INPUT);
            NDArray w = split.getParameters().get("weight").getArray();
            NDArray b = split.getParameters().get("bias").getArray();
            NDArray upstream = random(m, new Shape(2, 8, 7, 7), 3);

            NDArray x = random(m, INPUT, 4);
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = split.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                out = y.toFloatArray();
                gc.backward(y.mul(upstream).sum());
            }

            NDArray x2 = x.duplicate();
            NDArray w2 = w.duplicate();
            NDArray b2 = b.duplicate();
            for (NDArray a : new NDArray[] {x2, w2, b2}) {
                a.setRequiresGradient(true);
            }
            float[] expected;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x2, w2, b2, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 2)
                        .singletonOrThrow();
                expected = y.toFloatArray();
                gc.backward(y.mul(upstream).sum());
            }
            assertArrayEquals(expected, out, 1e-5f, "output");
            assertArrayEquals(x2.getGradient().toFloatArray(), x.getGradient().toFloatArray(), 1e-5f,
                    "input gradient");
            assertArrayEquals(w2.getGradient().toFloatArray(), w.getGradient().toFloatArray(), 1e-4f, "weight gradient");
            assertArrayEquals(b2.getGradient().toFloatArray(), b.getGradient().toFloatArray(), 1e-4f, "bias gradient");
        }
    }
}
