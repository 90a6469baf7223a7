package org.xmodal.engine.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link FeatureNetwork} stage by stage: each {@link #stage} opens a tap, the layers added after it run in
 * that stage, and every layer with parameters is registered under a readable name ({@code conv1},
 * {@code layer2.0.downsample.0}) whose parameters become {@code conv1.weight}, {@code layer2.0.bn1.running_mean}...
 */
final class NetworkBuilder {
    private final String architecture;
    private final int inChannels;
    private final int inputSize;
    private final List<Stage> stages = new ArrayList<>();
    private String tap;
    private SequentialBlock block;
    private Map<String, Block> layers;

    NetworkBuilder(String architecture, int inChannels, int inputSize) {
        this.architecture = architecture;
        this.inChannels = inChannels;
        this.inputSize = inputSize;
    }

    NetworkBuilder stage(String name) {
        finishStage();
        tap = name;
        block = new SequentialBlock();
        layers = new LinkedHashMap<>();
        return this;
    }

    NetworkBuilder conv(String name, int filters, int kernel, int stride, int padding, int groups) {
        return named(name, convolution(filters, kernel, stride, padding, groups, true));
    }

    /** A convolution followed by BatchNorm has no bias (BatchNorm's shift replaces it), as in torchvision. */
    NetworkBuilder convNoBias(String name, int filters, int kernel, int stride, int padding) {
        return named(name, convolution(filters, kernel, stride, padding, 1, false));
    }

    NetworkBuilder batchNorm(String name) {
        block.add(StatelessLayer.beforeBatchNorm(name));
        return named(name, batchNormalization());
    }

    NetworkBuilder linear(String name, int units) {
        return named(name, Linear.builder().setUnits(units).build());
    }

    /** A weight-normalised linear layer (SHOT's and SOCKET's classifier). */
    NetworkBuilder weightNormLinear(String name, int units) {
        return named(name, new WeightNormLinear(units));
    }

    NetworkBuilder residual(String name, int in, int out, int stride) {
        return residual(new ResidualBlock(name, in, out, stride), name);
    }

    /** A bottleneck block of {@code width} (it puts out four times that). */
    NetworkBuilder bottleneckResidual(String name, int in, int width, int stride) {
        return residual(new ResidualBlock(name, in, width, stride, true), name);
    }

    private NetworkBuilder residual(ResidualBlock residual, String name) {
        block.add(residual);
        residual.namedLayers().forEach((layer, b) -> layers.put(name + "." + layer, b));
        return this;
    }

    NetworkBuilder relu() {
        block.add(StatelessLayer.relu());
        return this;
    }

    NetworkBuilder lrn() {
        block.add(LocalResponseNorm.alexNet());
        return this;
    }

    NetworkBuilder maxPool(int kernel, int stride, int padding, boolean ceil) {
        block.add(StatelessLayer.maxPool(kernel, stride, padding, ceil));
        return this;
    }

    /** Multiplies the input by a constant (no parameters). */
    NetworkBuilder scale(double factor) {
        block.add(StatelessLayer.scale(factor));
        return this;
    }

    NetworkBuilder globalAvgPool() {
        block.add(StatelessLayer.globalAvgPool());
        return this;
    }

    NetworkBuilder flatten() {
        block.add(StatelessLayer.flatten());
        return this;
    }

    NetworkBuilder dropout(float rate) {
        block.add(Dropout.builder().optRate(rate).build());
        return this;
    }

    /** Builds the network; {@code numClasses > 0} means the last stage is the classifier head. */
    FeatureNetwork build(int numClasses) {
        finishStage();
        return new FeatureNetwork(architecture, inChannels, inputSize, numClasses, stages);
    }

    private NetworkBuilder named(String name, Block layer) {
        block.add(layer);
        layers.put(name, layer);
        return this;
    }

    private void finishStage() {
        if (block == null) {
            return;
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        layers.forEach((layer, b) -> b.getDirectParameters().forEach(p ->
                parameters.put(layer + "." + parameterName(p.getKey()), p.getValue())));
        stages.add(new Stage(tap, block, parameters));
        block = null;
    }

    /** PyTorch's state_dict names for DJL's BatchNorm parameters; weight and bias stay as they are. */
    private static String parameterName(String djlName) {
        return switch (djlName) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djlName;
        };
    }

    static Conv2d convolution(int filters, int kernel, int stride, int padding, int groups, boolean bias) {
        Conv2d.Builder b = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optGroups(groups)
                .optBias(bias);
        return b.build();
    }

    /** PyTorch's defaults: eps 1e-5, running statistics updated with weight 0.1 (DJL counts momentum as 0.9). */
    static BatchNorm batchNormalization() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }
}
