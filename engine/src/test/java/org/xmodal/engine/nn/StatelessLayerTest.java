package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatelessLayerTest {
    @Test
    void maxPoolingWithoutGradientGivesPyTorchsValuesForEveryPoolingOfTheNetworks() {
        // {side, kernel, stride, padding, ceil}: AlexNet's Caffe pooling on even and odd sides, VGG's 2/2 on an odd
        // side (floor drops the last row), ResNet's padded 3/2, and a ceil window that only just starts inside.
        int[][] cases = {{26, 3, 2, 0, 1}, {27, 3, 2, 0, 1}, {13, 3, 2, 0, 1}, {13, 2, 2, 0, 0}, {14, 2, 2, 0, 0},
                {56, 3, 2, 1, 0}, {8, 3, 3, 0, 1}, {3, 3, 2, 0, 1}};
        SplittableRandom random = new SplittableRandom(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] c : cases) {
                Shape shape = new Shape(2, 3, c[0], c[0] + 1);
                float[] values = new float[Math.toIntExact(shape.size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextDouble() * 10 - 5);
                }
                NDArray x = manager.create(values, shape);
                boolean ceil = c[4] == 1;
                NDArray expected = Pool.maxPool2d(x, new Shape(c[1], c[1]), new Shape(c[2], c[2]),
                        new Shape(c[3], c[3]), ceil);
                NDArray actual = StatelessLayer.windowMaximum(x, c[1], c[2], c[3], ceil);
                String name = java.util.Arrays.toString(c);
                assertEquals(expected.getShape(), actual.getShape(), name);
                assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), name);
            }
        }
    }
}
