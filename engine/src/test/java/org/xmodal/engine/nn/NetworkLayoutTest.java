package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Networks run channels last (NetworkInput); a layout must change no value. Every kind of layer the networks have
 * (grouped convolutions, LRN, max pooling with Caffe's ceil rule, BatchNorm, residual sums, the classifier's
 * flatten) is run both ways, forward and backward, against PyTorch's default layout.
 */
class NetworkLayoutTest {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 100 - 50);
        }
        return v;
    }

    @Test
    void batchesAssembledChannelsLastAreTheSameTensorAsTheirChannelsFirstValues() {
        int n = 2;
        int side = 5;
        float[] nchw = random(n * 3 * side * side, 1);
        float[] nhwc = new float[nchw.length];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        nhwc[NetworkInput.index(b, y, x, c, side)] = nchw[((b * 3 + c) * side + y) * side + x];
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(n, 3, side, side);
            NDArray made = NetworkInput.tensor(m, nhwc, shape);
            assertEquals(shape, made.getShape());
            assertArrayEquals(nchw, made.toFloatArray(), "read back in N, C, H, W order");
            assertArrayEquals(nchw, NetworkInput.channelsLast(m.create(nchw, shape)).toFloatArray());
            assertArrayEquals(nchw, NetworkInput.channelsLast(made).toFloatArray(), "already channels last");
            assertArrayEquals(nchw, NetworkInput.contiguous(made).toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> NetworkInput.tensor(m, nhwc, new Shape(n, 3, side)));
        }
    }

    /**
     * Each layout is compared with a float64 reference of the same network and input (default layout), not with the
     * other layout's last bits: which float32 kernels PyTorch picks (AVX-512, AVX2, plain) moves ResNet's gradients
     * through a dozen batch-normalised layers by up to 0.6% from float64 (in either layout), which float32
     * arithmetic justifies, while a layout that scrambled values would be off by the order of the values themselves.
     */
    @ParameterizedTest
    @ValueSource(strings = {NetworkFactory.ALEXNET_SMALL, NetworkFactory.RESNET18, "peer"})
    void featuresAndGradientsDoNotDependOnTheLayout(String architecture) {
        try (NDManager m = NDManager.newBaseManager()) {
            Pass reference = pass(m, architecture, DataType.FLOAT64, true);
            Pass stored = pass(m, architecture, DataType.FLOAT32, true);
            Pass channelsLast = pass(m, architecture, DataType.FLOAT32, false);
            // float32 against float64, measured with AVX-512, AVX2 and plain kernels: alexnet-small and the peer's
            // layers within 1e-6, ResNet-18 (BatchNorm's division by batch statistics, layer after layer) 6e-3
            double tolerance = architecture.equals(NetworkFactory.RESNET18) ? 2e-2 : 1e-4;
            for (String name : reference.values().keySet()) {
                double[] exact = reference.values().get(name);
                assertNormClose(exact, stored.values().get(name), tolerance, architecture + " " + name + ", default layout");
                assertNormClose(exact, channelsLast.values().get(name), tolerance,
                        architecture + " " + name + ", channels last");
            }
        }
    }

    /** What one layout computes: evaluation and training outputs and every parameter's gradient, by name. */
    private record Pass(Map<String, double[]> values) {
    }

    private static Pass pass(NDManager m, String architecture, DataType type, boolean asStored) {
        boolean peer = architecture.equals("peer");
        FeatureNetwork net = peer ? NetworkFactory.peerAlexNet(NetworkFactory.ALEXNET_SMALL, 3)
                : NetworkFactory.create(architecture, 3, 5);
        // BatchNorm in training normalises by batch statistics; over the few values of a minimal input (layer4 at
        // 2 x 2, batch 2) summation order alone moves them by 1e-3, so ResNet gets a larger input
        int side = net.minimumInputSize() + (architecture.equals(NetworkFactory.RESNET18) ? 144 : 16);
        Shape input = new Shape(2, 3, side, side);
        String tap = peer ? "pool5" : net.outputTap(); // through the classifier (flatten, fc) where there is one
        net.initializeUpTo(m, type, input, 7, tap);
        ParameterStore store = new ParameterStore(m, false);
        NDArray x = m.create(random(Math.toIntExact(input.size()), 2), input).toType(type, false);
        Shape out = net.outputShape(input, tap);
        NDArray upstream = m.create(random(Math.toIntExact(out.size()), 3), out).toType(type, false);

        Map<String, double[]> values = new LinkedHashMap<>();
        // evaluation first: BatchNorm's running statistics change with every training forward
        values.put("evaluation output", doubles((asStored ? net.forwardAsStored(store, x, tap, false)
                : net.forward(store, x, tap, false))));
        Map<String, Parameter> params = new LinkedHashMap<>(net.parametersUpTo(tap));
        params.values().removeIf(p -> !p.requiresGradient()); // BatchNorm's running statistics
        try (NDManager step = m.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray in = x.duplicate();
            in.attach(step);
            Engine.getInstance().setRandomSeed(5); // the same dropout masks in every pass
            NDArray y = asStored ? net.forwardAsStored(store, in, tap, true) : net.forward(store, in, tap, true);
            values.put("training output", doubles(y));
            gc.backward(y.mul(upstream).sum());
            for (Map.Entry<String, Parameter> p : params.entrySet()) {
                values.put("gradient of " + p.getKey(), doubles(p.getValue().getArray().getGradient()));
            }
        }
        return new Pass(values);
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** ||actual - expected|| <= tolerance ||expected||, the norm taken over the whole tensor. */
    private static void assertNormClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        double relative = Math.sqrt(difference) / Math.max(Math.sqrt(norm), 1e-12);
        assertTrue(relative <= tolerance, what + ": relative error " + relative + " over " + tolerance);
    }
}
