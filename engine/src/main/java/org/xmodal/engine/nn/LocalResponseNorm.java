package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
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
    private final int size;
    private final float alpha;
    private final float beta;
    private final float k;

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
    }

    /** Normalises an N x C x H x W array. */
    public NDArray apply(NDArray x) {
        Shape s = x.getShape();
        // The channel window sum as PyTorch computes it: an average pool of the squares over a size x 1 window
        // on a C x (H W) plane, zero padded, counting the padding so that the average is the sum over size.
        NDArray squares = x.square().reshape(s.get(0), 1, s.get(1), s.get(2) * s.get(3));
        NDArray mean = Pool.avgPool2d(squares, new Shape(size, 1), new Shape(1, 1), new Shape(size / 2, 0),
                false, true);
        NDArray denominator = mean.mul(alpha).add(k).pow(beta).reshape(s);
        return x.div(denominator);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
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
