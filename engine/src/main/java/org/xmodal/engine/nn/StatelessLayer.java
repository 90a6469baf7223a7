package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A layer without parameters (ReLU, pooling, flattening) whose output shape is worked out arithmetically. DJL's
 * own LambdaBlock finds its output shape by running itself on zeros, which would allocate a VGG-sized activation
 * just to answer {@link FeatureNetwork#outputShape}.
 */
final class StatelessLayer extends AbstractBlock {
    private final String kind;
    private final UnaryOperator<NDArray> op;
    private final UnaryOperator<Shape> shape;

    private StatelessLayer(String kind, UnaryOperator<NDArray> op, UnaryOperator<Shape> shape) {
        this.kind = kind;
        this.op = op;
        this.shape = shape;
    }

    static StatelessLayer relu() {
        return new StatelessLayer("relu", Activation::relu, s -> s);
    }

    /**
     * Max pooling over square windows. {@code ceil} rounds the output size up as Caffe always does (and as PyTorch's
     * ceil_mode does, including its rule that the last window must start inside the padded input). PyTorch's kernel
     * serves training and inference alike: on channels-last maps ({@link NetworkInput}) it is vectorised across
     * channels (alexnet-small's pool1 at batch 64: 0.7 ms on two threads, where maxima of strided slices took 2.5).
     */
    static StatelessLayer maxPool(int kernel, int stride, int padding, boolean ceil) {
        Shape k = new Shape(kernel, kernel);
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        String kind = String.format(Locale.ROOT, "maxpool %d/%d pad %d%s", kernel, stride, padding,
                ceil ? " ceil" : "");
        return new StatelessLayer(kind, x -> Pool.maxPool2d(x, k, s, p, ceil),
                in -> new Shape(in.get(0), in.get(1), pooledSize(in.get(2), kernel, stride, padding, ceil),
                        pooledSize(in.get(3), kernel, stride, padding, ceil)));
    }

    /** Multiplies its input by a constant. */
    static StatelessLayer scale(double factor) {
        float f = (float) factor;
        // an engine-allocated scalar (NativeScalar): a Java number would be freed before a backward pass reads it
        return new StatelessLayer(String.format(Locale.ROOT, "scale x%.6g", factor),
                x -> x.mul(NativeScalar.of(x.getManager(), f)), in -> in);
    }

    /** Passes its input on unchanged, handing it to {@link BatchNormInputs} as the input of BatchNorm {@code name}. */
    static StatelessLayer beforeBatchNorm(String name) {
        return new StatelessLayer("input of " + name, x -> {
            BatchNormInputs.offer(name, x);
            return x;
        }, in -> in);
    }

    /** Mean over each channel's whole map, kept as an N x C x 1 x 1 map so that pool5 is a map for every network. */
    static StatelessLayer globalAvgPool() {
        return new StatelessLayer("global avgpool",
                x -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1), 1, 1),
                in -> new Shape(in.get(0), in.get(1), 1, 1));
    }

    /** N x C x H x W to N x (C H W), in C order as Caffe and PyTorch flatten before fc6. */
    static StatelessLayer flatten() {
        return new StatelessLayer("flatten", x -> x.reshape(x.getShape().get(0), -1),
                in -> new Shape(in.get(0), in.size() / in.get(0)));
    }

    /** PyTorch's pooling output size (aten pooling_output_shape); 0 or less means the input is too small. */
    static long pooledSize(long in, int kernel, int stride, int padding, boolean ceil) {
        long span = in + 2L * padding - kernel + (ceil ? stride - 1 : 0);
        long out = Math.floorDiv(span, stride) + 1;
        if (ceil && (out - 1) * stride >= in + padding) {
            out--;
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(op.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {shape.apply(inputShapes[0])};
    }

    @Override
    public String toString() {
        return kind;
    }
}
