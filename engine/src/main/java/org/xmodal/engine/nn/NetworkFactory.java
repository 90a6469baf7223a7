package org.xmodal.engine.nn;

import java.util.List;

/**
 * The architectures a run can name. Pooling follows the framework each one comes from, which decides pool5's size:
 * AlexNet pools as Caffe does (output size rounded up), VGG-16 and ResNet-18 as torchvision does (rounded down), so
 * that a VGG-16 trained here and torchvision's exported VGG-16 give the same pool5, and so that alexnet-pad7 matches
 * it: both are 7x7 at 224 and at 227.
 *
 * <table>
 *   <caption>pool5 by architecture and input side</caption>
 *   <tr><th>architecture</th><th>input</th><th>pool5</th></tr>
 *   <tr><td>alexnet</td><td>227</td><td>256 x 6 x 6</td></tr>
 *   <tr><td>alexnet-pad7</td><td>227 (or 224)</td><td>256 x 7 x 7</td></tr>
 *   <tr><td>alexnet-small</td><td>113 (64)</td><td>64 x 3 x 3 (64 x 1 x 1)</td></tr>
 *   <tr><td>vgg16</td><td>224 (or 227)</td><td>512 x 7 x 7</td></tr>
 *   <tr><td>resnet18</td><td>224</td><td>512 x 1 x 1 (global average)</td></tr>
 *   <tr><td>resnet18-bottleneck</td><td>224</td><td>as resnet18, then bottleneck 256</td></tr>
 * </table>
 */
public final class NetworkFactory {
    public static final String ALEXNET = "alexnet";
    public static final String ALEXNET_PAD7 = "alexnet-pad7";
    public static final String ALEXNET_SMALL = "alexnet-small";
    public static final String VGG16 = "vgg16";
    public static final String RESNET18 = "resnet18";
    /**
     * ResNet-18 with every layer a quarter as wide (16 to 128 channels, pool5 128-d): the same layers and taps at a
     * sixteenth of the work, for demonstrations and experiments that must finish on a laptop's CPU.
     */
    public static final String RESNET18_SMALL = "resnet18-small";
    /** ResNet-18 with SOCKET's (SHOT's) bottleneck and weight-normalised classifier. */
    public static final String RESNET18_BOTTLENECK = "resnet18-bottleneck";
    /** ResNet-50 with the same bottleneck and classifier: the SOCKET paper's backbone. */
    public static final String RESNET50_BOTTLENECK = "resnet50-bottleneck";
    /**
     * torchvision's ImageNet standard deviation on the 0..255 scale (0.226 x 255, the mean of its three channels'),
     * by which {@code resnet18-bottleneck} divides its inputs.
     */
    public static final double UNIT_VARIANCE_DIVISOR = 57.6;
    /** The bottleneck's width in SHOT and SOCKET. */
    public static final int BOTTLENECK_UNITS = 256;

    private static final List<String> ARCHITECTURES = List.of(ALEXNET, ALEXNET_PAD7, ALEXNET_SMALL, VGG16, RESNET18,
            RESNET18_SMALL, RESNET18_BOTTLENECK, RESNET50_BOTTLENECK);

    /** alexnet-small divides every channel width by this; its fc layers are 4096 / 4 wide too. */
    private static final int SMALL_WIDTH_DIVISOR = 4;

    private NetworkFactory() {
    }

    public static List<String> architectures() {
        return ARCHITECTURES;
    }

    /**
     * A new, uninitialised network.
     *
     * @param inChannels channels of the input images (3 for RGB, HHA and flow images)
     * @param numClasses classes of a classifier head added after the last feature layer, or 0 for none
     */
    public static FeatureNetwork create(String architecture, int inChannels, int numClasses) {
        if (inChannels < 1 || numClasses < 0) {
            throw new IllegalArgumentException("input channels must be positive and classes not negative, got "
                    + inChannels + " and " + numClasses);
        }
        return switch (architecture) {
            case ALEXNET -> alexNet(ALEXNET, inChannels, numClasses, 0, 1, 227);
            case ALEXNET_PAD7 -> alexNet(ALEXNET_PAD7, inChannels, numClasses, 7, 1, 227);
            case ALEXNET_SMALL -> alexNet(ALEXNET_SMALL, inChannels, numClasses, 0, SMALL_WIDTH_DIVISOR, 113);
            case VGG16 -> vgg16(inChannels, numClasses);
            case RESNET18 -> resNet18(RESNET18, inChannels, numClasses, 1);
            case RESNET18_SMALL -> resNet18(RESNET18_SMALL, inChannels, numClasses, SMALL_WIDTH_DIVISOR);
            case RESNET18_BOTTLENECK -> withBottleneck(resNet18Backbone(RESNET18_BOTTLENECK, inChannels,
                    1 / UNIT_VARIANCE_DIVISOR, 1), numClasses);
            case RESNET50_BOTTLENECK -> withBottleneck(resNet50Backbone(inChannels), numClasses);
            default -> throw new IllegalArgumentException("unknown architecture '" + architecture + "'; known: "
                    + String.join(", ", ARCHITECTURES));
        };
    }

    /**
     * AlexNet as BRIEF.md gives the released student: conv1 96x11x11 stride 4; LRN(5, 1e-4, 0.75); maxpool 3/2;
     * conv2 256x5x5 pad 2 group 2; LRN; maxpool 3/2; conv3 384x3x3 pad 1; conv4 384x3x3 pad 1 group 2; conv5
     * 256x3x3 pad 1 group 2; maxpool 3/2; fc6 and fc7 4096 with ReLU and dropout 0.5. Normalisation comes before
     * pooling, in that order (the original AlexNet's; CaffeNet swaps the two), and the LRN is part of the conv tap.
     * Every convolution is followed by a ReLU. The small variant (1/4 of the widths, for CPU work at about 113 px)
     * needs no extra padding: its pool5 is 3x3 at 113 px, 1x1 at 64 px and still 1x1 down to 39 px.
     */
    private static FeatureNetwork alexNet(String name, int inChannels, int numClasses, int conv1Padding,
                                          int divisor, int inputSize) {
        int fc = 4096 / divisor;
        NetworkBuilder b = new NetworkBuilder(name, inChannels, inputSize)
                .stage("conv1").conv("conv1", 96 / divisor, 11, 4, conv1Padding, 1).relu().lrn()
                .stage("pool1").maxPool(3, 2, 0, true)
                .stage("conv2").conv("conv2", 256 / divisor, 5, 1, 2, 2).relu().lrn()
                .stage("pool2").maxPool(3, 2, 0, true)
                .stage("conv3").conv("conv3", 384 / divisor, 3, 1, 1, 1).relu()
                .stage("conv4").conv("conv4", 384 / divisor, 3, 1, 1, 2).relu()
                .stage("conv5").conv("conv5", 256 / divisor, 3, 1, 1, 2).relu()
                .stage("pool5").maxPool(3, 2, 0, true)
                .stage("fc6").flatten().linear("fc6", fc).relu().dropout(0.5f)
                .stage("fc7").linear("fc7", fc).relu().dropout(0.5f);
        return withHead(b, "fc8", numClasses);
    }

    /**
     * The feature layers of {@code shared/bench/torch_transfer_peer.py}, for like-for-like speed comparisons: AlexNet's
     * widths (divided by 4 for {@code alexnet-small}) without LRN or groups, conv1 padded by 2, pooling rounded down
     * as PyTorch's default. Not a run architecture: {@code xmodal bench transfer --layers peer} uses it.
     */
    public static FeatureNetwork peerAlexNet(String architecture, int inChannels) {
        int divisor = switch (architecture) {
            case ALEXNET -> 1;
            case ALEXNET_SMALL -> SMALL_WIDTH_DIVISOR;
            default -> throw new IllegalArgumentException("the peer's layers exist for " + ALEXNET + " and "
                    + ALEXNET_SMALL + " only, not '" + architecture + "'");
        };
        return new NetworkBuilder(architecture + " (peer layers)", inChannels, divisor == 1 ? 227 : 113)
                .stage("conv1").conv("conv1", 96 / divisor, 11, 4, 2, 1).relu()
                .stage("pool1").maxPool(3, 2, 0, false)
                .stage("conv2").conv("conv2", 256 / divisor, 5, 1, 2, 1).relu()
                .stage("pool2").maxPool(3, 2, 0, false)
                .stage("conv3").conv("conv3", 384 / divisor, 3, 1, 1, 1).relu()
                .stage("conv4").conv("conv4", 384 / divisor, 3, 1, 1, 1).relu()
                .stage("conv5").conv("conv5", 256 / divisor, 3, 1, 1, 1).relu()
                .stage("pool5").maxPool(3, 2, 0, false)
                .build(0);
    }

    /** VGG-16 (configuration D): 13 3x3 convolutions with padding 1 in five blocks, each closed by maxpool 2/2. */
    private static FeatureNetwork vgg16(int inChannels, int numClasses) {
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        NetworkBuilder b = new NetworkBuilder(VGG16, inChannels, 224);
        for (int block = 0; block < blocks.length; block++) {
            b.stage("conv" + (block + 1));
            for (int layer = 0; layer < blocks[block].length; layer++) {
                // Caffe's layer names (conv3_2): the tap is the whole block, its layers are numbered within it.
                b.conv("conv" + (block + 1) + "_" + (layer + 1), blocks[block][layer], 3, 1, 1, 1).relu();
            }
            b.stage("pool" + (block + 1)).maxPool(2, 2, 0, false);
        }
        b.stage("fc6").flatten().linear("fc6", 4096).relu().dropout(0.5f)
                .stage("fc7").linear("fc7", 4096).relu().dropout(0.5f);
        return withHead(b, "fc8", numClasses);
    }

    /**
     * ResNet-18 as torchvision builds it, the BatchNorm network for the methods that match BN statistics: conv1
     * 64x7x7 stride 2 + BN + ReLU; maxpool 3/2 pad 1; four layers of two basic blocks (64, 128, 256, 512 channels,
     * stride 2 from layer2 on); pool5 is the global average, and the head is named fc as in torchvision.
     */
    private static FeatureNetwork resNet18(String architecture, int inChannels, int numClasses, int divisor) {
        NetworkBuilder b = resNet18Backbone(architecture, inChannels, 1, divisor);
        if (numClasses > 0) {
            b.stage("fc").flatten().linear("fc", numClasses);
        }
        return b.build(numClasses);
    }

    /** Whether the architecture is SOCKET's (a BatchNorm backbone, the bottleneck and a weight-normalised fc). */
    public static boolean hasBottleneck(String architecture) {
        return RESNET18_BOTTLENECK.equals(architecture) || RESNET50_BOTTLENECK.equals(architecture);
    }

    /**
     * The source and target network of SOCKET (after SHOT): a ResNet backbone, the bottleneck (linear to 256 +
     * BatchNorm1d: tap {@code bottleneck}, the features that pseudo-labels and task-irrelevant matching use) and a
     * weight-normalised linear classifier {@code fc}. The backbone's first operation divides the workbench's inputs
     * (0..255 less the mean, as Caffe's) by {@link #UNIT_VARIANCE_DIVISOR}, which brings them to the unit variance
     * of torchvision's inputs, on which SOCKET's reference code computes its BatchNorm-statistics distances:
     * unsquared norms of variances grow with the square of the input's scale, so on Caffe-range inputs that term was
     * about 3000 times the reference's at the first layer and drowned every other term (and diverged at its rate).
     */
    private static FeatureNetwork withBottleneck(NetworkBuilder b, int numClasses) {
        b.stage("bottleneck").flatten().linear("bottleneck", BOTTLENECK_UNITS).batchNorm("bottleneck_bn");
        if (numClasses > 0) {
            b.stage("fc").weightNormLinear("fc", numClasses);
        }
        return b.build(numClasses);
    }

    /**
     * ResNet-50 as torchvision builds it (bottleneck blocks, stride on the 3x3): conv1 + BN + ReLU, maxpool, layers
     * of 3, 4, 6 and 3 blocks of widths 64, 128, 256 and 512 (four times that out), pool5 the global average of
     * 2048 channels; inputs scaled as {@link #withBottleneck} says.
     */
    private static NetworkBuilder resNet50Backbone(int inChannels) {
        NetworkBuilder b = new NetworkBuilder(RESNET50_BOTTLENECK, inChannels, 224).stage("conv1")
                .scale(1 / UNIT_VARIANCE_DIVISOR)
                .convNoBias("conv1", 64, 7, 2, 3).batchNorm("bn1").relu()
                .stage("pool1").maxPool(3, 2, 1, false);
        int[] widths = {64, 128, 256, 512};
        int[] blocks = {3, 4, 6, 3};
        int in = 64;
        for (int layer = 0; layer < widths.length; layer++) {
            String name = "layer" + (layer + 1);
            b.stage(name);
            for (int i = 0; i < blocks[layer]; i++) {
                b.bottleneckResidual(name + "." + i, in, widths[layer], i == 0 && layer > 0 ? 2 : 1);
                in = widths[layer] * ResidualBlock.EXPANSION;
            }
        }
        b.stage("pool5").globalAvgPool();
        return b;
    }

    private static NetworkBuilder resNet18Backbone(String architecture, int inChannels, double inputScale,
                                                   int divisor) {
        NetworkBuilder b = new NetworkBuilder(architecture, inChannels, 224).stage("conv1");
        if (inputScale != 1) {
            b.scale(inputScale);
        }
        b.convNoBias("conv1", 64 / divisor, 7, 2, 3).batchNorm("bn1").relu()
                .stage("pool1").maxPool(3, 2, 1, false);
        int[] widths = {64 / divisor, 128 / divisor, 256 / divisor, 512 / divisor};
        int in = 64 / divisor;
        for (int layer = 0; layer < widths.length; layer++) {
            String name = "layer" + (layer + 1);
            b.stage(name).residual(name + ".0", in, widths[layer], layer == 0 ? 1 : 2)
                    .residual(name + ".1", widths[layer], widths[layer], 1);
            in = widths[layer];
        }
        b.stage("pool5").globalAvgPool();
        return b;
    }

    private static FeatureNetwork withHead(NetworkBuilder b, String head, int numClasses) {
        if (numClasses > 0) {
            b.stage(head).linear(head, numClasses);
        }
        return b.build(numClasses);
    }
}
