package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Contrastive Semantic Calibration (Xia et al., 2023): the student's pooled features {@code v} are pulled towards
 * the {@link ModalityNoiseFilter}'s selected features {@code s} of the pairs of their own class, with a temperature
 * that can follow how well each pair's filtered teacher agrees with the student.
 *
 * <pre>
 *   S_ij   = cos(v_i, s_j)
 *   tau_ij = max(MINIMUM_TEMPERATURE, cos(v_i, a'_j) + threshold)   adaptive; cos without gradient
 *          = max(MINIMUM_TEMPERATURE, threshold)                    otherwise
 *   loss   = mean_i  mean_{j: label_j = label_i}  -log softmax_j(S_ij / tau_ij)
 * </pre>
 * The reference's threshold is 0.07 (0.2 on ActivityNet).
 *
 * <p>Differences from the reference code (GeWu-Lab/cross-modal-distillation, {@code loss/csc_loss.py}):
 * <ul>
 *   <li>The temperature is clamped to at least {@link #MINIMUM_TEMPERATURE}. The reference adds the threshold to a
 *       cosine in [-1, 1], so tau reaches 0 (a division by zero) or turns negative (the softmax then prefers the
 *       least similar pairs) whenever a filtered teacher points away from the student by more than the
 *       threshold.</li>
 *   <li>{@code -log P} is a log-softmax, computed stably; the reference takes {@code log(softmax + 1e-10)}, which
 *       caps each term near 23 and damps the gradient of a pair whose probability nears 1e-10.</li>
 * </ul>
 */
public final class ContrastiveSemanticCalibration {
    /** The least temperature: tau below it is raised to it. */
    public static final double MINIMUM_TEMPERATURE = 0.01;
    /** The reference code's threshold. */
    public static final double DEFAULT_THRESHOLD = 0.07;

    private ContrastiveSemanticCalibration() {
    }

    /**
     * Gradients reach {@code student} and {@code selected}; never {@code filteredTeacher}, which only sets the
     * temperature. In the reference's {@code train.py} both learn from it: the filter's gradients are zeroed before
     * its own losses' backward pass only, so CSC's gradient through {@code s} is added to them before both
     * optimisers step.
     *
     * @param student         the student's pooled features {@code v}, (B, d)
     * @param selected        the filter's selected features {@code s}, (B, d)
     * @param filteredTeacher the filtered teacher features {@code a'}, (B, d); read only when adaptive
     * @param labels          the class of each pair, B of them
     * @param threshold       added to the cosine when adaptive (>= 0), the temperature itself otherwise (> 0)
     * @param adaptive        whether the temperature follows {@code cos(v_i, a'_j)}
     * @return a scalar
     */
    public static NDArray value(NDArray student, NDArray selected, NDArray filteredTeacher, int[] labels,
                                double threshold, boolean adaptive) {
        Shape shape = student.getShape();
        if (shape.dimension() != 2 || !shape.equals(selected.getShape())
                || !shape.equals(filteredTeacher.getShape())) {
            throw new IllegalArgumentException("CSC takes three (batch, d) features of one shape, got student "
                    + shape + ", selected " + selected.getShape() + ", filtered teacher "
                    + filteredTeacher.getShape());
        }
        int b = Math.toIntExact(shape.get(0));
        if (labels == null || labels.length != b) {
            throw new IllegalArgumentException("CSC needs every pair's class label (its positives are the pairs of the "
                    + "same class): got " + (labels == null ? "none" : labels.length) + " for a batch of " + b);
        }
        if (adaptive ? !(threshold >= 0) : !(threshold > 0)) {
            throw new IllegalArgumentException("CSC's threshold must be " + (adaptive
                    ? ">= 0 (it is added to the cosine for the adaptive temperature)"
                    : "> 0 (it is the temperature)") + ", got " + threshold);
        }
        if (Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("CSC's threshold must be finite, got " + threshold);
        }
        NDManager m = student.getManager();
        NDArray similarity = Norms.unitRows(student).matMul(Norms.unitRows(selected).transpose());
        NDArray temperature;
        if (adaptive) {
            NDArray agreement = Norms.unitRows(student.stopGradient())
                    .matMul(Norms.unitRows(filteredTeacher.stopGradient()).transpose());
            // no input of these needs a gradient, so the Java numbers are not kept by autograd
            temperature = agreement.add((float) threshold).maximum((float) MINIMUM_TEMPERATURE);
        } else {
            temperature = m.full(new Shape(b, b), (float) Math.max(threshold, MINIMUM_TEMPERATURE));
        }
        NDArray logP = similarity.div(temperature).logSoftmax(1);
        NDArray label = m.create(labels);
        // engine-computed weights (autograd keeps them for the backward of the product): 1/|same class| or 0
        NDArray same = label.reshape(b, 1).eq(label.reshape(1, b)).toType(DataType.FLOAT32, false);
        NDArray weights = same.div(same.sum(new int[] {1}, true));
        return logP.mul(weights).sum(new int[] {1}).mean().neg();
    }
}
