package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ResNet's blocks as torchvision builds them. The basic block (ResNet-18, 34): two 3x3 convolutions with BatchNorm,
 * the first one strided. The bottleneck block (ResNet-50 and deeper, torchvision's "v1.5"): 1x1 to the block's width,
 * 3x3 strided, 1x1 to four times the width, each with BatchNorm. The shortcut is the identity or, when the shape
 * changes, a strided 1x1 convolution with BatchNorm. Layer names follow torchvision (conv1, bn1, conv2, bn2, conv3,
 * bn3, downsample.0, downsample.1) so that checkpoints read the same.
 */
final class ResidualBlock extends AbstractBlock {
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final Conv2d conv3;
    private final BatchNorm bn3;
    private final Conv2d downsampleConv;
    private final BatchNorm downsampleBn;
    private final String name;
    /** A bottleneck block puts out this many times its width. */
    static final int EXPANSION = 4;

    /** @param name the block's parameter name prefix ({@code layer1.0}), which names its BatchNorm inputs */
    ResidualBlock(String name, int inChannels, int outChannels, int stride) {
        this(name, inChannels, outChannels, stride, false);
    }

    /**
     * @param bottleneck a bottleneck block: {@code outChannels} is then its width, and it puts out four times that
     */
    ResidualBlock(String name, int inChannels, int outChannels, int stride, boolean bottleneck) {
        this.name = name;
        int out = bottleneck ? EXPANSION * outChannels : outChannels;
        if (bottleneck) {
            conv1 = addChildBlock("conv1", NetworkBuilder.convolution(outChannels, 1, 1, 0, 1, false));
            bn1 = addChildBlock("bn1", NetworkBuilder.batchNormalization());
            conv2 = addChildBlock("conv2", NetworkBuilder.convolution(outChannels, 3, stride, 1, 1, false));
            bn2 = addChildBlock("bn2", NetworkBuilder.batchNormalization());
            conv3 = addChildBlock("conv3", NetworkBuilder.convolution(out, 1, 1, 0, 1, false));
            bn3 = addChildBlock("bn3", NetworkBuilder.batchNormalization());
        } else {
            conv1 = addChildBlock("conv1", NetworkBuilder.convolution(outChannels, 3, stride, 1, 1, false));
            bn1 = addChildBlock("bn1", NetworkBuilder.batchNormalization());
            conv2 = addChildBlock("conv2", NetworkBuilder.convolution(outChannels, 3, 1, 1, 1, false));
            bn2 = addChildBlock("bn2", NetworkBuilder.batchNormalization());
            conv3 = null;
            bn3 = null;
        }
        outChannels = out;
        if (stride != 1 || inChannels != outChannels) {
            downsampleConv = addChildBlock("downsample.0",
                    NetworkBuilder.convolution(outChannels, 1, stride, 0, 1, false));
            downsampleBn = addChildBlock("downsample.1", NetworkBuilder.batchNormalization());
        } else {
            downsampleConv = null;
            downsampleBn = null;
        }
    }

    /** The layers with parameters, by their torchvision names within the block. */
    Map<String, Block> namedLayers() {
        Map<String, Block> layers = new LinkedHashMap<>();
        layers.put("conv1", conv1);
        layers.put("bn1", bn1);
        layers.put("conv2", conv2);
        layers.put("bn2", bn2);
        if (conv3 != null) {
            layers.put("conv3", conv3);
            layers.put("bn3", bn3);
        }
        if (downsampleConv != null) {
            layers.put("downsample.0", downsampleConv);
            layers.put("downsample.1", downsampleBn);
        }
        return layers;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = Activation.relu(normalise("bn1", bn1, ps, run(conv1, ps, x, training), training));
        y = normalise("bn2", bn2, ps, run(conv2, ps, y, training), training);
        if (conv3 != null) {
            y = normalise("bn3", bn3, ps, run(conv3, ps, Activation.relu(y), training), training);
        }
        NDArray shortcut = downsampleConv == null ? x
                : normalise("downsample.1", downsampleBn, ps, run(downsampleConv, ps, x, training), training);
        return new NDList(Activation.relu(y.add(shortcut)));
    }

    private NDArray normalise(String layer, BatchNorm bn, ParameterStore ps, NDArray x, boolean training) {
        BatchNormInputs.offer(name + "." + layer, x);
        return run(bn, ps, x, training);
    }

    private static NDArray run(Block layer, ParameterStore ps, NDArray x, boolean training) {
        return layer.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv1.initialize(manager, dataType, in);
        Shape mid = conv1.getOutputShapes(new Shape[] {in})[0];
        bn1.initialize(manager, dataType, mid);
        conv2.initialize(manager, dataType, mid);
        Shape second = conv2.getOutputShapes(new Shape[] {mid})[0];
        bn2.initialize(manager, dataType, second);
        Shape out = second;
        if (conv3 != null) {
            conv3.initialize(manager, dataType, second);
            out = conv3.getOutputShapes(new Shape[] {second})[0];
            bn3.initialize(manager, dataType, out);
        }
        if (downsampleConv != null) {
            downsampleConv.initialize(manager, dataType, in);
            downsampleBn.initialize(manager, dataType, out);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] y = conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
        return conv3 == null ? y : conv3.getOutputShapes(y);
    }
}
