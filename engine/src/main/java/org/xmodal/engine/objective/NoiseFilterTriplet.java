package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The triplet term that trains the {@link ModalityNoiseFilter} (Xia et al., 2023): the student's pooled feature
 * {@code v} as anchor should be closer (in cosine) to the filtered teacher {@code a'} than to the raw teacher
 * {@code a}, by a margin (0.2 in the reference code):
 * {@code mean_i max(0, cos(v_i, a_i) - cos(v_i, a'_i) + margin)}.
 *
 * <p>As the reference's {@code get_triplet_loss}, except that only the diagonal cosines are computed (the reference
 * takes the diagonal of the full B x B matrix: the same values), and rows are normalised as
 * {@code x / sqrt(||x||^2 + 1e-24)} rather than {@code x / max(||x||, 1e-12)}: the same for any row not near zero.
 */
public final class NoiseFilterTriplet {
    /** The reference code's margin. */
    public static final double DEFAULT_MARGIN = 0.2;

    private NoiseFilterTriplet() {
    }

    /**
     * Gradients reach every input that requires one; the caller detaches what it must (the reference computes the
     * term on the student's live feature but zeroes the student's gradients before the student's own backward pass,
     * so only the filter learns from it).
     *
     * @param anchor   the student's pooled feature {@code v}, (B, d)
     * @param negative the raw teacher feature {@code a}, (B, d)
     * @param positive the filtered teacher feature {@code a'}, (B, d)
     * @param margin   the margin, >= 0
     * @return a scalar
     */
    public static NDArray value(NDArray anchor, NDArray negative, NDArray positive, double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("the noise filter's triplet margin must be a number >= 0, got "
                    + margin);
        }
        if (anchor.getShape().dimension() != 2 || !anchor.getShape().equals(negative.getShape())
                || !anchor.getShape().equals(positive.getShape())) {
            throw new IllegalArgumentException("the noise filter's triplet takes three (batch, d) features of one "
                    + "shape, got anchor " + anchor.getShape() + ", negative " + negative.getShape() + ", positive "
                    + positive.getShape());
        }
        // adding a Java number is safe: addition's backward keeps nothing (NativeScalar)
        NDArray hinge = Norms.rowCosines(anchor, negative).sub(Norms.rowCosines(anchor, positive))
                .add((float) margin);
        return Activation.relu(hinge).mean();
    }
}
