package org.xmodal.engine.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.nn.NetworkFactory;

/**
 * The PyTorch names of a workbench network's parameters, as the modules in {@code docs/export.md} (and torchvision,
 * for VGG-16 and the ResNets) name them: AlexNet's and VGG-16's layers in a {@code features} and a
 * {@code classifier} {@code nn.Sequential}, numbered by their place in it ({@code conv1.weight} of alexnet-small is
 * {@code features.0.weight}); the ResNets' names are torchvision's already. Entries the architecture's layers do not
 * name (a fine-tuning run's own head, say) keep the workbench's name.
 */
public final class TorchNames {
    /**
     * AlexNet as the workbench builds it (Caffe's: LRN after conv1 and conv2, pooling after the LRN): features =
     * conv1, ReLU, LRN, pool1, conv2, ReLU, LRN, pool2, conv3, ReLU, conv4, ReLU, conv5, ReLU, pool5; classifier =
     * fc6, ReLU, Dropout, fc7, ReLU, Dropout, fc8.
     */
    private static final Map<String, String> ALEXNET = Map.of("conv1", "features.0", "conv2", "features.4",
            "conv3", "features.8", "conv4", "features.10", "conv5", "features.12", "fc6", "classifier.0",
            "fc7", "classifier.3", "fc8", "classifier.6");
    /** torchvision's VGG-16: each block's convolutions and ReLUs then a max-pool; the classifier as AlexNet's. */
    private static final Map<String, String> VGG16 = vgg16();

    private TorchNames() {
    }

    private static Map<String, String> vgg16() {
        Map<String, String> m = new LinkedHashMap<>();
        int[] blocks = {2, 2, 3, 3, 3};
        int index = 0;
        for (int block = 0; block < blocks.length; block++) {
            for (int layer = 0; layer < blocks[block]; layer++) {
                m.put("conv" + (block + 1) + "_" + (layer + 1), "features." + index);
                index += 2; // the convolution and its ReLU
            }
            index++; // the block's max-pool
        }
        m.put("fc6", "classifier.0");
        m.put("fc7", "classifier.3");
        m.put("fc8", "classifier.6");
        return m;
    }

    /** Whether the architecture's parameters keep torchvision's names and carry BatchNorm statistics. */
    static boolean isResNet(String architecture) {
        return architecture.startsWith("resnet");
    }

    /**
     * The PyTorch name of parameter {@code name} of a network of {@code architecture}.
     *
     * @throws IllegalArgumentException for an architecture the workbench does not know
     */
    public static String of(String architecture, String name) {
        if (!NetworkFactory.architectures().contains(architecture)) {
            throw new IllegalArgumentException("unknown architecture '" + architecture + "' (known: "
                    + String.join(", ", NetworkFactory.architectures()) + ")");
        }
        Map<String, String> layers = switch (architecture) {
            case NetworkFactory.ALEXNET, NetworkFactory.ALEXNET_PAD7, NetworkFactory.ALEXNET_SMALL -> ALEXNET;
            case NetworkFactory.VGG16 -> VGG16;
            default -> Map.of();
        };
        int dot = name.indexOf('.');
        if (dot < 0) {
            return name;
        }
        String layer = layers.get(name.substring(0, dot));
        return layer == null ? name : layer + name.substring(dot);
    }

    /** The BatchNorm layers of a ResNet's names (those with a {@code running_mean}), whose PyTorch modules count batches. */
    static List<String> batchNormLayers(List<String> names) {
        return names.stream().filter(n -> n.endsWith(".running_mean"))
                .map(n -> n.substring(0, n.length() - ".running_mean".length())).toList();
    }
}
