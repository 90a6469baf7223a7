package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tap shapes users see in the paper and in torchvision, worked out without running anything. */
class NetworkShapesTest {
    private static Map<String, Shape> tapShapes(String architecture, int size, int numClasses) {
        FeatureNetwork net = NetworkFactory.create(architecture, 3, numClasses);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (String tap : net.taps()) {
            shapes.put(tap, net.outputShape(new Shape(2, 3, size, size), tap));
        }
        return shapes;
    }

    private static Shape map(long c, long h) {
        return new Shape(2, c, h, h);
    }

    @Test
    void alexNetAt227HasTheCaffeShapesWithPool5Of256x6x6() {
        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("conv1", map(96, 55));
        expected.put("pool1", map(96, 27));
        expected.put("conv2", map(256, 27));
        expected.put("pool2", map(256, 13));
        expected.put("conv3", map(384, 13));
        expected.put("conv4", map(384, 13));
        expected.put("conv5", map(256, 13));
        expected.put("pool5", map(256, 6));
        expected.put("fc6", new Shape(2, 4096));
        expected.put("fc7", new Shape(2, 4096));
        assertEquals(expected, tapShapes(NetworkFactory.ALEXNET, 227, 0));
    }

    /** The shapes PyTorch prints for shared/bench/torch_transfer_peer.py's features (conv1 padding 2, floor pooling). */
    @Test
    void thePeerBenchmarksLayersHaveItsShapesAndParameters() {
        FeatureNetwork big = NetworkFactory.peerAlexNet(NetworkFactory.ALEXNET, 3);
        assertEquals(map(96, 56), big.outputShape(new Shape(2, 3, 227, 227), "conv1"));
        assertEquals(map(256, 6), big.outputShape(new Shape(2, 3, 227, 227), "pool5"));
        FeatureNetwork small = NetworkFactory.peerAlexNet(NetworkFactory.ALEXNET_SMALL, 3);
        assertEquals(map(24, 27), small.outputShape(new Shape(2, 3, 113, 113), "conv1"));
        assertEquals(map(64, 6), small.outputShape(new Shape(2, 3, 113, 113), "pool2"));
        assertEquals(map(64, 2), small.outputShape(new Shape(2, 3, 113, 113), "pool5"));
        try (NDManager m = NDManager.newBaseManager()) {
            small.initializeUpTo(m, new Shape(2, 3, 113, 113), 1, "pool5");
            // no groups: conv2's weight sees all 24 input channels (the paper's alexnet-small sees 12)
            assertEquals(new Shape(64, 24, 5, 5), small.parametersUpTo("pool5").get("conv2.weight").getArray()
                    .getShape());
        }
        assertThrows(IllegalArgumentException.class, () -> NetworkFactory.peerAlexNet(NetworkFactory.VGG16, 3));
    }

    @Test
    void vgg16At224HasPool5Of512x7x7() {
        Map<String, Shape> expected = new LinkedHashMap<>();
        int[] widths = {64, 128, 256, 512, 512};
        for (int b = 0; b < 5; b++) {
            expected.put("conv" + (b + 1), map(widths[b], 224 >> b));
            expected.put("pool" + (b + 1), map(widths[b], 224 >> (b + 1)));
        }
        expected.put("fc6", new Shape(2, 4096));
        expected.put("fc7", new Shape(2, 4096));
        assertEquals(expected, tapShapes(NetworkFactory.VGG16, 224, 0));
    }

    @Test
    void alexNetPad7MatchesVgg16Pool5AtThePapersInputSizesAndPlainAlexNetDoesNot() {
        // The released VGG -> AlexNet student: same image to both networks, 227 (AlexNet's input) or 224 (VGG's).
        for (int size : new int[] {224, 227}) {
            Shape vgg = tapShapes(NetworkFactory.VGG16, size, 0).get("pool5");
            Shape pad7 = tapShapes(NetworkFactory.ALEXNET_PAD7, size, 0).get("pool5");
            Shape plain = tapShapes(NetworkFactory.ALEXNET, size, 0).get("pool5");
            assertEquals(map(512, 7), vgg, "vgg16 at " + size);
            assertEquals(map(256, 7), pad7, "alexnet-pad7 at " + size);
            assertNotEquals(vgg.get(2), plain.get(2), "plain alexnet at " + size);
        }
    }

    @Test
    void alexNetSmallKeepsAPool5MapDownTo39Pixels() {
        assertEquals(map(64, 3), tapShapes(NetworkFactory.ALEXNET_SMALL, 113, 0).get("pool5"));
        assertEquals(map(64, 1), tapShapes(NetworkFactory.ALEXNET_SMALL, 64, 0).get("pool5"));
        assertEquals(new Shape(2, 1024), tapShapes(NetworkFactory.ALEXNET_SMALL, 113, 0).get("fc7"));
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
        assertEquals(39, net.minimumInputSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.outputShape(new Shape(1, 3, 38, 38), "pool5"));
        assertTrue(e.getMessage().contains("38x38 input is too small for alexnet-small"), e.getMessage());
        assertTrue(e.getMessage().contains("is 39"), e.getMessage());
    }

    @Test
    void resNet18At224FollowsTorchvisionWithAGlobalPool5AndAnFcHead() {
        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("conv1", map(64, 112));
        expected.put("pool1", map(64, 56));
        expected.put("layer1", map(64, 56));
        expected.put("layer2", map(128, 28));
        expected.put("layer3", map(256, 14));
        expected.put("layer4", map(512, 7));
        expected.put("pool5", map(512, 1));
        expected.put("fc", new Shape(2, 10));
        assertEquals(expected, tapShapes(NetworkFactory.RESNET18, 224, 10));
    }

    @Test
    void aHeadAddsFc8WithOneScorePerClass() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.ALEXNET, 3, 19);
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5", "fc6", "fc7",
                "fc8"), net.taps());
        assertEquals("fc8", net.outputTap());
        assertEquals(new Shape(2, 19), net.outputShape(new Shape(2, 3, 227, 227), "fc8"));
    }

    @Test
    void unknownTapsAndArchitecturesAndWrongChannelsAreNamed() {
        FeatureNetwork net = NetworkFactory.create(NetworkFactory.VGG16, 3, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.outputShape(new Shape(1, 3, 224, 224),
                "conv6")).getMessage().contains("vgg16 has no tap 'conv6'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.outputShape(new Shape(1, 1, 224, 224),
                "pool5")).getMessage().contains("N x 3 x H x W"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkFactory.create("alexnet2", 3, 0))
                .getMessage().contains("known: alexnet, alexnet-pad7, alexnet-small, vgg16, resnet18"));
    }

    /** The arithmetic must agree with what PyTorch actually computes, tap by tap (small inputs keep this fast). */
    @Test
    void computedTapShapesEqualTheWorkedOutOnesForEveryArchitecture() {
        Map<String, Integer> sizes = Map.of(NetworkFactory.ALEXNET, 67, NetworkFactory.ALEXNET_PAD7, 67,
                NetworkFactory.ALEXNET_SMALL, 39, NetworkFactory.VGG16, 40, NetworkFactory.RESNET18, 40,
                NetworkFactory.RESNET18_SMALL, 40, NetworkFactory.RESNET18_BOTTLENECK, 40, NetworkFactory.RESNET50_BOTTLENECK, 40);
        for (String architecture : NetworkFactory.architectures()) {
            FeatureNetwork net = NetworkFactory.create(architecture, 3, 5);
            Shape input = new Shape(2, 3, sizes.get(architecture), sizes.get(architecture));
            try (NDManager manager = NDManager.newBaseManager()) {
                net.initialize(manager, input, 1);
                ParameterStore store = new ParameterStore(manager, false);
                NDArray x = manager.randomNormal(input);
                for (String tap : net.taps()) {
                    assertEquals(net.outputShape(input, tap), net.forward(store, x, tap, false).getShape(),
                            architecture + " " + tap);
                }
            }
        }
    }

    /** resnet18-small is resnet18 with a quarter of the channels at every tap, and the same spatial sizes. */
    @Test
    void resnet18SmallHasResnet18sTapsAtAQuarterOfTheWidth() {
        FeatureNetwork full = NetworkFactory.create(NetworkFactory.RESNET18, 3, 5);
        FeatureNetwork small = NetworkFactory.create(NetworkFactory.RESNET18_SMALL, 3, 5);
        assertEquals(full.taps(), small.taps());
        Shape input = new Shape(2, 3, 64, 64);
        for (String tap : full.taps()) {
            Shape f = full.outputShape(input, tap);
            Shape s = small.outputShape(input, tap);
            assertEquals(f.dimension(), s.dimension(), tap);
            assertEquals(tap.equals("fc") ? f.get(1) : f.get(1) / 4, s.get(1), tap);
            for (int d = 2; d < f.dimension(); d++) {
                assertEquals(f.get(d), s.get(d), tap + " dimension " + d);
            }
        }
    }
}
