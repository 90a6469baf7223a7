package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.train.Classification;

/** SOCKET's network: ResNet-18, a 256-unit bottleneck with BatchNorm, a weight-normalised classifier. */
class SocketNetworkTest {
    private static final Shape INPUT = new Shape(4, 3, 64, 64);

    @Test
    void theBottleneckFeedsAWeightNormalisedClassifierThatStartsAsItsPlainLinearLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            FeatureNetwork net = NetworkFactory.create(NetworkFactory.RESNET18_BOTTLENECK, 3, 6);
            net.initialize(m, INPUT, 5);
            assertEquals(List.of("conv1", "pool1", "layer1", "layer2", "layer3", "layer4", "pool5", "bottleneck", "fc"),
                    net.taps());
            Map<String, Parameter> p = net.namedParameters();
            assertTrue(p.keySet().containsAll(List.of("bottleneck.weight", "bottleneck.bias", "bottleneck_bn.weight",
                    "bottleneck_bn.running_mean", "fc.weight_g", "fc.weight_v", "fc.bias")), p.keySet().toString());
            NDArray v = p.get("fc.weight_v").getArray();
            NDArray g = p.get("fc.weight_g").getArray();
            assertEquals(new Shape(6, 256), v.getShape());
            assertEquals(new Shape(6, 1), g.getShape(), "PyTorch's weight_norm(dim=0) shape");
            // g starts as the rows' norms, so the effective weight is v itself
            assertArrayEquals(v.toFloatArray(), WeightNormLinear.weight(v, g).toFloatArray(), 1e-6f);

            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, INPUT);
            NDArray features = net.forward(store, x, "bottleneck", false);
            assertEquals(new Shape(4, 256), features.getShape());
            NDArray logits = net.forwardFrom(store, features, "bottleneck", "fc", false);
            NDArray direct = features.matMul(WeightNormLinear.weight(v, g).transpose()).add(p.get("fc.bias")
                    .getArray());
            assertArrayEquals(direct.toFloatArray(), logits.toFloatArray(), 1e-5f);

            // scaling v leaves the weight unchanged: only its direction counts, g its length
            assertArrayEquals(WeightNormLinear.weight(v, g).toFloatArray(), WeightNormLinear.weight(v.mul(3f), g)
                    .toFloatArray(), 1e-6f);

            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.forward(store, x, "fc", true);
                gc.backward(Classification.crossEntropy(out, new int[] {0, 1, 2, 3}, m, 0.1));
            }
            for (String name : List.of("conv1.weight", "bottleneck.weight", "fc.weight_g", "fc.weight_v", "fc.bias")) {
                NDArray a = p.get(name).getArray();
                assertTrue(a.hasGradient() && a.getGradient().abs().max().getFloat() > 0, name);
            }
        }
    }

    @Test
    void labelSmoothingMovesATenthOfTheTargetOntoEveryClass() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] s = {2f, 0f, -1f, 0.5f, 0.5f, 3f};
            NDArray scores = m.create(s, new Shape(2, 3));
            int[] labels = {0, 2};
            double expected = 0;
            for (int i = 0; i < 2; i++) {
                double z = 0;
                for (int c = 0; c < 3; c++) {
                    z += Math.exp(s[i * 3 + c]);
                }
                for (int c = 0; c < 3; c++) {
                    double target = (c == labels[i] ? 0.9 : 0) + 0.1 / 3;
                    expected -= target * (s[i * 3 + c] - Math.log(z));
                }
            }
            assertEquals(expected / 2, Classification.crossEntropy(scores, labels, m, 0.1).getFloat(), 1e-6);
            assertEquals(Classification.crossEntropy(scores, labels, m).getFloat(),
                    Classification.crossEntropy(scores, labels, m, 0).getFloat(), 1e-7);
        }
    }

    /**
     * The paper's backbone: torchvision's ResNet-50 (bottleneck blocks 3, 4, 6, 3) has 23,508,032 parameters without
     * its fc, 53 BatchNorm layers and 2048 channels at pool5; here with the bottleneck and classifier on top.
     */
    @Test
    void resnet50HasTorchvisionsLayersAndParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            FeatureNetwork net = NetworkFactory.create(NetworkFactory.RESNET50_BOTTLENECK, 3, 6);
            net.initialize(m, INPUT, 5);
            long backbone = net.parametersUpTo("pool5").values().stream()
                    .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
                    .mapToLong(p -> p.getArray().size()).sum();
            assertEquals(23_508_032L, backbone);
            assertEquals(53, net.parametersUpTo("pool5").keySet().stream().filter(n -> n.endsWith(".running_mean"))
                    .count());
            Map<String, Parameter> p = net.namedParameters();
            assertTrue(p.keySet().containsAll(List.of("layer1.0.conv3.weight", "layer1.0.downsample.0.weight",
                    "layer4.2.bn3.running_var", "bottleneck.weight", "fc.weight_v")), p.keySet().toString());
            assertEquals(new Shape(256, 2048), p.get("bottleneck.weight").getArray().getShape());
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, INPUT);
            assertEquals(new Shape(4, 2048, 1, 1), net.forward(store, x, "pool5", false).getShape());
            try (BatchNormInputs recorder = BatchNormInputs.record()) {
                net.forward(store, x, "bottleneck", true);
                assertEquals(53 + 1, recorder.layers().size(), "every BatchNorm's input, the bottleneck's too");
            }
        }
    }
}
