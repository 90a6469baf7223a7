package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
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

    @ParameterizedTest
    @ValueSource(strings = {NetworkFactory.ALEXNET_SMALL, NetworkFactory.RESNET18, "peer"})
    void featuresAndGradientsDoNotDependOnTheLayout(String architecture) {
        try (NDManager m = NDManager.newBaseManager()) {
            boolean peer = architecture.equals("peer");
            FeatureNetwork net = peer ? NetworkFactory.peerAlexNet(NetworkFactory.ALEXNET_SMALL, 3)
                    : NetworkFactory.create(architecture, 3, 5);
            // BatchNorm in training normalises by batch statistics; over the few values of a minimal input (layer4 at
            // 2 x 2, batch 2) summation order alone moves them by 1e-3, so ResNet gets a larger input
            int side = net.minimumInputSize() + (architecture.equals(NetworkFactory.RESNET18) ? 144 : 16);
            Shape input = new Shape(2, 3, side, side);
            String tap = peer ? "pool5" : net.outputTap(); // through the classifier (flatten, fc) where there is one
            net.initializeUpTo(m, input, 7, tap);
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.create(random(Math.toIntExact(input.size()), 2), input);
            NDArray upstream = m.create(random(Math.toIntExact(net.outputShape(input, tap).size()), 3),
                    net.outputShape(input, tap));

            // evaluation first: BatchNorm's running statistics change with every training forward
            float[] evalDefault = net.forwardAsStored(store, x, tap, false).toFloatArray();
            float[] evalLast = net.forward(store, x, tap, false).toFloatArray();
            assertClose(evalDefault, evalLast, architecture + " evaluation output");

            Map<String, Parameter> params = new java.util.LinkedHashMap<>(net.parametersUpTo(tap));
            params.values().removeIf(p -> !p.requiresGradient()); // BatchNorm's running statistics
            List<float[]> gradDefault = new ArrayList<>();
            float[] outDefault = trainingPass(net, store, x, upstream, tap, true, params, gradDefault);
            List<float[]> gradLast = new ArrayList<>();
            float[] outLast = trainingPass(net, store, x, upstream, tap, false, params, gradLast);
            assertClose(outDefault, outLast, architecture + " training output");
            int i = 0;
            for (String name : params.keySet()) {
                assertClose(gradDefault.get(i), gradLast.get(i), architecture + " gradient of " + name);
                i++;
            }
        }
    }

    private static float[] trainingPass(FeatureNetwork net, ParameterStore store, NDArray x, NDArray upstream,
                                        String tap, boolean asStored, Map<String, Parameter> params,
                                        List<float[]> gradients) {
        try (NDManager step = x.getManager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray in = x.duplicate();
            in.attach(step);
            Engine.getInstance().setRandomSeed(5); // the same dropout masks both ways
            NDArray y = asStored ? net.forwardAsStored(store, in, tap, true) : net.forward(store, in, tap, true);
            float[] out = y.toFloatArray();
            gc.backward(y.mul(upstream).sum());
            for (Parameter p : params.values()) {
                NDArray g = p.getArray().getGradient();
                gradients.add(g.toFloatArray());
                g.subi(g);
            }
            return out;
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * scale + 1e-6, what + " at " + i);
        }
    }
}
