package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * SOCKET's BatchNorm-statistics matching: for every BatchNorm layer of the backbone, the per-channel mean and biased
 * variance of the layer's input on the target batch against the frozen source's running mean and variance, as
 * {@code ||mean_t - mean_s||_2 + ||var_t - var_s||_2} (unsquared), the first layer weighted 10 and the others 1.
 */
public final class BatchNormStatistics {
    /** The weight of the first BatchNorm layer (the reference code's "more weight for the first bn layer"). */
    public static final float FIRST_LAYER_WEIGHT = 10;

    /** One layer's statistics: of the target batch's input (with gradient), and the source's running ones. */
    public record Layer(String name, NDArray targetMean, NDArray targetVariance, NDArray sourceMean,
                        NDArray sourceVariance) {
    }

    private BatchNormStatistics() {
    }

    /**
     * The per-channel mean and biased variance of a BatchNorm layer's input: over batch, height and width for
     * (N, C, H, W), over the batch for (N, C).
     *
     * @return {mean, variance}, each of shape (C)
     */
    public static NDArray[] of(NDArray input) {
        boolean spatial = input.getShape().dimension() == 4;
        NDArray mean = perChannelMean(input, spatial);
        long c = input.getShape().get(1);
        NDArray centred = spatial ? input.sub(mean.reshape(1, c, 1, 1)) : input.sub(mean.reshape(1, c));
        return new NDArray[] {mean, perChannelMean(centred.square(), spatial)};
    }

    /** The mean over every axis but the channels' (one axis at a time: the engine reduces one per call). */
    private static NDArray perChannelMean(NDArray x, boolean spatial) {
        return spatial ? x.mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0}) : x.mean(new int[] {0});
    }

    /** The term over every layer, in the backbone's order. */
    public static NDArray value(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the BN-statistics term needs a backbone with BatchNorm layers; this "
                    + "one has none (choose a BatchNorm network such as resnet18, or switch the term off)");
        }
        NDArray total = null;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!l.targetMean().getShape().equals(l.sourceMean().getShape())) {
                throw new IllegalArgumentException("BatchNorm layer " + l.name() + ": the target has "
                        + l.targetMean().getShape() + " channels, the source's running statistics "
                        + l.sourceMean().getShape());
            }
            NDArray d = Norms.l2(l.targetMean().sub(l.sourceMean()))
                    .add(Norms.l2(l.targetVariance().sub(l.sourceVariance())));
            if (i == 0) {
                // an engine-allocated scalar, not a Java number, which autograd would read after it is freed
                d = d.mul(org.xmodal.engine.nn.NativeScalar.of(d.getManager(), FIRST_LAYER_WEIGHT));
            }
            total = total == null ? d : total.add(d);
        }
        return total;
    }
}
