package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter names, shapes and seeded initial values: what checkpoints and the filter pictures rely on. */
class NetworkParametersTest {
    private static final Shape SMALL = new Shape(1, 3, 64, 64);

    private static float[] conv1Values(long seed, Runnable beforeInit) {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            beforeInit.run();
            net.initializeUpTo(manager, SMALL, seed, "conv1");
            return net.conv1Weight().toFloatArray();
        }
    }

    @Test
    void caffeWeightInitDrawsThePapersGaussianFillers() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET, 3, 19).weightInit(WeightInit.CAFFE);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, net.inputShape(1), 3);
            Map<String, Parameter> p = net.namedParameters();
            assertEquals(0.01, std(p.get("conv1.weight").getArray()), 0.0005);
            assertEquals(0.01, std(p.get("conv5.weight").getArray()), 0.0005);
            assertEquals(0.005, std(p.get("fc6.weight").getArray()), 0.0002);
            assertEquals(0.01, std(p.get("fc8.weight").getArray()), 0.0005, "the classifier");
            assertEquals(0, p.get("conv2.bias").getArray().abs().max().getFloat());
        }
        assertThrows(IllegalArgumentException.class, () -> WeightInit.parse("xavier"));
    }

    @Test
    void smallConv1InitStartsOnlyTheFirstConvolutionSmall() {
        for (String arch : new String[] {NetworkFactory.ALEXNET_SMALL, NetworkFactory.RESNET18}) {
            FeatureNetwork net = NetworkFactory.create(arch, 3, 19).weightInit(WeightInit.KAIMING_SMALL_CONV1);
            FeatureNetwork kaiming = NetworkFactory.create(arch, 3, 19);
            try (NDManager manager = NDManager.newBaseManager()) {
                net.initialize(manager, net.inputShape(1), 3);
                kaiming.initialize(manager, kaiming.inputShape(1), 3);
                assertEquals(0.01, std(net.conv1Weight()), 0.0008, arch + " conv1");
                Map<String, Parameter> p = net.namedParameters();
                Map<String, Parameter> k = kaiming.namedParameters();
                int others = 0;
                for (Map.Entry<String, Parameter> e : p.entrySet()) {
                    NDArray a = e.getValue().getArray();
                    if (a != net.conv1Weight() && e.getKey().endsWith("weight")) {
                        assertEquals(std(k.get(e.getKey()).getArray()), std(a), 1e-9, arch + " " + e.getKey());
                        others++;
                    }
                }
                assertTrue(others > 5, arch + ": the other layers were compared");
            }
        }
        assertEquals(WeightInit.KAIMING_SMALL_CONV1, WeightInit.parse("kaiming-small-conv1"));
    }

    private static double std(NDArray a) {
        float[] v = a.toFloatArray();
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum / v.length);
    }

    @Test
    void onlyBatchNormalisedNetworksSayTheirOutputDependsOnTheBatch() {
        assertTrue(NetworkFactory.create(NetworkFactory.RESNET18, 3, 0).normalisesByBatchUpTo("layer4"));
        assertFalse(NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0).normalisesByBatchUpTo("pool5"));
        assertFalse(NetworkFactory.create(NetworkFactory.ALEXNET, 3, 0).normalisesByBatchUpTo("pool5"));
    }

    @Test
    void alexNetParametersHaveCaffeLayerNamesInForwardOrder() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET, 3, 19);
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight",
                "conv3.bias", "conv4.weight", "conv4.bias", "conv5.weight", "conv5.bias", "fc6.weight", "fc6.bias",
                "fc7.weight", "fc7.bias", "fc8.weight", "fc8.bias"), List.copyOf(net.namedParameters().keySet()));
    }

    @Test
    void resNet18ParametersAreNamedAsTorchvisionsStateDict() {
        Map<String, Parameter> params = NetworkFactory.create(NetworkFactory.RESNET18, 3, 10).namedParameters();
        // torchvision's resnet18 state_dict holds 122 entries, 20 of them BatchNorm's num_batches_tracked counters.
        assertEquals(102, params.size());
        for (String name : List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "layer1.0.conv1.weight", "layer1.1.bn2.running_var", "layer2.0.downsample.0.weight",
                "layer4.0.downsample.1.running_mean", "layer4.1.conv2.weight", "fc.weight", "fc.bias")) {
            assertTrue(params.containsKey(name), name + " in " + params.keySet());
        }
        assertFalse(params.containsKey("layer1.0.downsample.0.weight"), "layer1 keeps its shape: no downsample");
    }

    @Test
    void groupedConvolutionsHaveHalfTheInputChannelsPerFilter() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET, 3, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initializeUpTo(manager, new Shape(1, 3, 227, 227), 7, "pool5");
            Map<String, Parameter> p = net.namedParameters();
            assertEquals(new Shape(96, 3, 11, 11), p.get("conv1.weight").getArray().getShape());
            assertEquals(new Shape(256, 48, 5, 5), p.get("conv2.weight").getArray().getShape());
            assertEquals(new Shape(384, 256, 3, 3), p.get("conv3.weight").getArray().getShape());
            assertEquals(new Shape(384, 192, 3, 3), p.get("conv4.weight").getArray().getShape());
            assertEquals(new Shape(256, 192, 3, 3), p.get("conv5.weight").getArray().getShape());
            assertEquals(new Shape(96, 3, 11, 11), net.conv1Weight().getShape());
        }
    }

    @Test
    void fc6TakesTheFlattenedPool5OfTheInputSizeItWasInitialisedFor() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, new Shape(1, 3, 113, 113), 7);
            assertEquals(new Shape(1024, 64 * 3 * 3), net.namedParameters().get("fc6.weight").getArray().getShape());
        }
    }

    @Test
    void theSameSeedGivesIdenticalWeightsWhateverTheEngineRandomState() {
        float[] first = conv1Values(42, () -> Engine.getInstance().setRandomSeed(1));
        float[] second = conv1Values(42, () -> Engine.getInstance().setRandomSeed(99));
        assertArrayEquals(first, second);
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        float[] a = conv1Values(1, () -> { });
        float[] b = conv1Values(2, () -> { });
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            equal += a[i] == b[i] ? 1 : 0;
        }
        assertEquals(0, equal, "no weight should coincide");
    }

    @Test
    void weightsAreKaimingScaledAndBiasesZero() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET, 3, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initializeUpTo(manager, new Shape(1, 3, 227, 227), 3, "conv2");
            double std = Math.sqrt(2.0 / (3 * 11 * 11));
            NDArray w = net.conv1Weight();
            assertEquals(0, w.mean().getFloat(), 0.05 * std);
            assertEquals(std, Math.sqrt(w.square().mean().getFloat()), 0.03 * std);
            assertEquals(0, net.namedParameters().get("conv2.bias").getArray().abs().max().getFloat());
        }
    }

    @Test
    void transferToPool5NeedsNoFullyConnectedLayer() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 5);
        assertEquals(List.of("fc6.weight", "fc6.bias", "fc7.weight", "fc7.bias", "fc8.weight", "fc8.bias"),
                List.copyOf(net.parametersAbove("pool5").keySet()));
        assertTrue(net.parametersUpTo("pool5").keySet().stream().noneMatch(n -> n.startsWith("fc")));
        assertEquals(net.namedParameters().size(),
                net.parametersUpTo("pool5").size() + net.parametersAbove("pool5").size());
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initializeUpTo(manager, SMALL, 1, "pool5");
            assertFalse(net.namedParameters().get("fc6.weight").isInitialized(), "fc6 was never allocated");
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.ones(SMALL);
            // Running to pool5 works without fc6 even existing, so it cannot have run it.
            assertEquals(new Shape(1, 64, 1, 1), net.forward(store, x, "pool5", true).getShape());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> net.forward(store, x, "fc6", false));
            assertTrue(e.getMessage().contains("stage fc6 is not initialised"), e.getMessage());
        }
    }
}
