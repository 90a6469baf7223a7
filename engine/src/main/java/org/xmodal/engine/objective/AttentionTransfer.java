package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Activation-based attention transfer (Zagoruyko and Komodakis, "Paying More Attention to Attention", ICLR 2017).
 * For each pair of feature maps (batch, channels, height, width) taken at matching depths of the student and the
 * teacher, the attention map of each is {@code Q = mean over channels of x^2}, flattened to (batch, height * width)
 * and L2-normalised per row; the term is the sum over the pairs of the mean over all elements of
 * {@code (Q_s - Q_t)^2}. The channel counts of a pair may differ (the maps are averaged over them); the spatial sizes
 * must not.
 *
 * <p>This is what the authors' code computes ({@code (at(x) - at(y)).pow(2).mean()} summed over the groups), not the
 * paper's formula, which writes {@code beta/2 * sum_j || Q_s/|Q_s| - Q_t/|Q_t| ||_2} (a norm per sample, not a mean
 * of squares). The paper's {@code beta} is not inside the term: it is the term's weight in the objective, and the
 * authors' code uses it as a plain factor on this sum with {@code beta = 1000} (their README's {@code --beta 1e+3}),
 * the value RepDistiller also uses. The normalisation divides by {@code max(|Q|, 1e-12)} as the authors'
 * {@code F.normalize} does. Where RepDistiller pools the larger map down to the smaller one's size, this refuses
 * maps of different spatial sizes rather than silently pooling. The teacher's maps are constants: no gradient flows
 * to them.
 */
public final class AttentionTransfer {
    /** The clamp on each attention map's norm, as {@code F.normalize} has it. */
    static final double NORM_FLOOR = 1e-12;

    private AttentionTransfer() {
    }

    /**
     * @param student the student's maps, each (batch, channels, height, width)
     * @param teacher the teacher's maps at the same depths, in the same order; get no gradient
     * @return a scalar: {@code sum_j mean((Q_s,j - Q_t,j)^2)}
     */
    public static NDArray value(List<NDArray> student, List<NDArray> teacher) {
        if (student.size() != teacher.size()) {
            throw new IllegalArgumentException("attention transfer pairs maps of the student and the teacher, but "
                    + "the student gives " + student.size() + " maps and the teacher " + teacher.size());
        }
        if (student.isEmpty()) {
            throw new IllegalArgumentException("attention transfer needs at least one pair of feature maps");
        }
        NDArray total = null;
        for (int i = 0; i < student.size(); i++) {
            Shape s = student.get(i).getShape();
            Shape t = teacher.get(i).getShape();
            if (s.dimension() != 4 || t.dimension() != 4) {
                throw new IllegalArgumentException("attention transfer: pair " + i + " needs (batch, channels, "
                        + "height, width) maps, got " + s + " (student) and " + t + " (teacher)");
            }
            if (s.get(0) != t.get(0)) {
                throw new IllegalArgumentException("attention transfer: pair " + i + " has a batch of " + s.get(0)
                        + " for the student but " + t.get(0) + " for the teacher");
            }
            if (s.get(2) != t.get(2) || s.get(3) != t.get(3)) {
                throw new IllegalArgumentException("attention transfer: pair " + i + " has maps of different "
                        + "spatial sizes, " + s.get(2) + "x" + s.get(3) + " (student) and " + t.get(2) + "x"
                        + t.get(3) + " (teacher); take the maps at depths of equal resolution");
            }
            NDArray d = attention(student.get(i)).sub(attention(teacher.get(i).stopGradient())).square().mean();
            total = total == null ? d : total.add(d);
        }
        return total;
    }

    /** The L2-normalised mean of squares over the channels, (batch, height * width). */
    static NDArray attention(NDArray x) {
        long batch = x.getShape().get(0);
        return x.square().mean(new int[] {1}).reshape(batch, -1).normalize(2, 1, NORM_FLOOR);
    }
}
