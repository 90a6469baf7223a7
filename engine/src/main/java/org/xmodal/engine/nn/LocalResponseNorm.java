package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;

/**
 * Local response normalisation across channels, as Caffe's LRN layer (ACROSS_CHANNELS) and PyTorch's
 * {@code LocalResponseNorm} define it:
 * {@code b_c = a_c / (k + alpha / n * sum_{c'} a_c'^2)^beta}, the sum running over the {@code n} channels centred
 * on {@code c}, with channels beyond either end counting as zero. DJL has no such block.
 */
public final class LocalResponseNorm extends AbstractBlock {
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape ZERO = new Shape(0, 0);

    private final int size;
    private final float alpha;
    private final float beta;
    private final float k;
    /** The window as a C x C x 1 x 1 convolution weight, and k as its bias: constants, never trained or saved. */
    private final Parameter window;
    private final Parameter offset;

    /** AlexNet's setting: LRN(5, 1e-4, 0.75) with k = 1. */
    public static LocalResponseNorm alexNet() {
        return new LocalResponseNorm(5, 1e-4f, 0.75f, 1f);
    }

    public LocalResponseNorm(int size, float alpha, float beta, float k) {
        if (size < 1 || size % 2 == 0) {
            // Caffe rejects even sizes; PyTorch pads them asymmetrically. Odd keeps the window centred.
            throw new IllegalArgumentException("LRN size must be odd and positive, got " + size);
        }
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
        this.window = addParameter(Parameter.builder().setName("window").setType(Parameter.Type.OTHER)
                .optRequiresGrad(false).optInitializer((m, shape, type) -> band(m, shape.get(0)).toType(type, false))
                .build());
        this.offset = addParameter(Parameter.builder().setName("offset").setType(Parameter.Type.OTHER)
                .optRequiresGrad(false).optInitializer((m, shape, type) -> m.full(shape, k).toType(type, false))
                .build());
    }

    /**
     * Normalises an N x C x H x W array (constants made for this call: for a block used outside a network).
     */
    public NDArray apply(NDArray x) {
        long channels = x.getShape().get(1);
        NDManager m = x.getManager();
        return normalise(x, band(m, channels), m.full(new Shape(channels), k));
    }

    /**
     * The window sum is a 1x1 convolution whose C x C weight is the band {@code alpha / n} for channels at most
     * {@code n / 2} apart (zero elsewhere, which also makes the ends count as zeros) and whose bias is {@code k}: one
     * GEMM-backed kernel forward and one backward. PyTorch's own LocalResponseNorm averages over a size x 1 window
     * instead, then scales and offsets in separate operations, which costs four times as much (alexnet-small's
     * conv1 LRN at batch 64, forward and backward on one thread: 39 ms that way, 10 ms this way): pooling along a
     * strided axis is slow, and every operation is another pass over the activations and another backward node. The power is taken as {@code exp(-beta log d)} and multiplied, because a
     * power with an array exponent (all DJL offers) costs a further power, a comparison and a select per element in
     * its backward pass. With k > 0, d is positive and the logarithm defined.
     */
    private NDArray normalise(NDArray x, NDArray band, NDArray bias) {
        NDArray d = Conv2d.conv2d(x.square(), band, bias, ONE, ZERO, ONE, 1).singletonOrThrow();
        return x.mul(d.log().mul(NativeScalar.of(x.getManager(), -beta)).exp());
    }

    private NDArray band(NDManager m, long channels) {
        NDArray index = m.arange((int) channels);
        return index.reshape(channels, 1).sub(index.reshape(1, channels)).abs().lte(size / 2)
                .toType(DataType.FLOAT32, false).mul(alpha / size).reshape(channels, channels, 1, 1);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        window.setShape(new Shape(channels, channels, 1, 1));
        offset.setShape(new Shape(channels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(normalise(x, parameterStore.getValue(window, x.getDevice(), training),
                parameterStore.getValue(offset, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LRN(%d, %g, %g, k=%g)", size, alpha, beta, k);
    }
}
