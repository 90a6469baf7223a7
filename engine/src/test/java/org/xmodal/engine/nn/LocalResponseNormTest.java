package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalResponseNormTest {
    private static final int N = 2;
    private static final int C = 7;
    private static final int H = 3;
    private static final int W = 4;

    /** b_c = a_c / (k + alpha / n * sum over the n channels centred on c, zeros past the ends)^beta, pixel by pixel. */
    private static float[] byDefinition(float[] a, int size, double alpha, double beta, double k) {
        float[] b = new float[a.length];
        int plane = H * W;
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int p = 0; p < plane; p++) {
                    double sum = 0;
                    for (int d = c - size / 2; d <= c + size / 2; d++) {
                        if (d >= 0 && d < C) {
                            double v = a[(n * C + d) * plane + p];
                            sum += v * v;
                        }
                    }
                    int i = (n * C + c) * plane + p;
                    b[i] = (float) (a[i] / Math.pow(k + alpha / size * sum, beta));
                }
            }
        }
        return b;
    }

    private static void assertMatchesDefinition(LocalResponseNorm lrn, double scale, int size, double alpha,
                                                double beta, double k) {
        SplittableRandom random = new SplittableRandom(5);
        float[] a = new float[N * C * H * W];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (scale * (2 * random.nextDouble() - 1));
        }
        float[] expected = byDefinition(a, size, alpha, beta, k);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(a, new Shape(N, C, H, W));
            float[] actual = lrn.apply(x).toFloatArray();
            double largestChange = 0;
            for (int i = 0; i < a.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5 * Math.abs(expected[i]) + 1e-6, "element " + i);
                largestChange = Math.max(largestChange, Math.abs(a[i] - expected[i]) / Math.abs(a[i]));
            }
            // Otherwise the comparison above could pass for an LRN that does nothing.
            assertEquals(true, largestChange > 0.1, "the setting normalises noticeably: " + largestChange);
        }
    }

    @Test
    void alexNetSettingMatchesTheDefinitionOnActivationsOfAConv1Scale() {
        assertMatchesDefinition(LocalResponseNorm.alexNet(), 300, 5, 1e-4, 0.75, 1);
    }

    @Test
    void strongSettingWithAWideWindowMatchesTheDefinitionIncludingTheChannelEnds() {
        assertMatchesDefinition(new LocalResponseNorm(3, 2f, 0.5f, 2f), 3, 3, 2, 0.5, 2);
    }

    /** PyTorch's formulation (average pool of the squares, then scale, offset, power and division), with autograd. */
    private static NDArray pyTorchLrn(NDArray x) {
        Shape s = x.getShape();
        NDArray squares = x.square().reshape(s.get(0), 1, s.get(1), s.get(2) * s.get(3));
        NDArray mean = Pool.avgPool2d(squares, new Shape(5, 1), new Shape(1, 1), new Shape(2, 0), false, true);
        return x.div(mean.mul(1e-4f).add(1f).pow(0.75f).reshape(s));
    }

    @Test
    void gradientInANetworkMatchesPyTorchsLocalResponseNorm() {
        SplittableRandom random = new SplittableRandom(9);
        float[] a = new float[N * C * H * W];
        float[] up = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (300 * (2 * random.nextDouble() - 1));
            up[i] = (float) (2 * random.nextDouble() - 1);
        }
        Shape shape = new Shape(N, C, H, W);
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalResponseNorm lrn = LocalResponseNorm.alexNet();
            lrn.initialize(manager, DataType.FLOAT32, shape);
            NDArray upstream = manager.create(up, shape);
            NDArray x = manager.create(a, shape);
            NDArray reference = manager.create(a, shape);
            x.setRequiresGradient(true);
            reference.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = lrn.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                gc.backward(y.mul(upstream).sum());
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(pyTorchLrn(reference).mul(upstream).sum());
            }
            float[] expected = reference.getGradient().toFloatArray();
            float[] actual = x.getGradient().toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5 * Math.abs(expected[i]) + 1e-6, "element " + i);
            }
        }
    }

    @Test
    void evenWindowsAreRefusedAsCaffeDoes() {
        assertThrows(IllegalArgumentException.class, () -> new LocalResponseNorm(4, 1e-4f, 0.75f, 1f));
    }
}
