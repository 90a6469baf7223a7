package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.xmodal.engine.nn.NativeScalar;

/**
 * Relational knowledge distillation (Park, Kim, Lu and Cho, "Relational Knowledge Distillation", CVPR 2019): the
 * student matches the teacher's relations between the samples of a batch instead of the samples' embeddings, so the
 * two embeddings may have different sizes. Rows are the batch's samples; a (batch, ...) input is flattened to
 * (batch, features). Both losses compare the student's relations with the teacher's through the Huber loss (smooth
 * L1 with delta 1: {@code d^2/2} for {@code |d| < 1}, {@code |d| - 1/2} beyond). The teacher's embeddings are
 * constants: no gradient flows to them.
 *
 * <ul>
 *   <li>{@link #distance}: the Euclidean distances between every two rows, each divided by the mean of the batch's
 *   distances between distinct rows, Huber between the student's and the teacher's, averaged over the
 *   {@code B(B-1)} ordered pairs of distinct rows. The authors' code averages over all {@code B^2} entries of the
 *   distance matrix, its zero diagonal included, which is {@code (B-1)/B} times this; dividing by the number of
 *   actual pairs keeps the term's scale independent of the batch size (RepDistiller weighs this loss 25 with the
 *   authors' mean, so a batch of B asks for a weight of {@code 25 (B-1)/B} here to reproduce it exactly). The authors normalise
 *   by the mean of the distances above 0, this by the mean over distinct rows: the same unless two rows coincide.
 *   Squared distances are computed from the Gram matrix, as the authors do, and clamped at {@code 1e-12} before the
 *   square root, so that the diagonal (0, or a rounding error of either sign) neither gives a NaN gradient nor
 *   enters the loss: it is masked out.</li>
 *   <li>{@link #angle}: for every vertex {@code j} and every two rows {@code i, k}, the cosine of the angle at
 *   {@code x_j} between {@code x_i - x_j} and {@code x_k - x_j} (the difference vectors L2-normalised, with a norm
 *   clamped at {@code 1e-12} as {@code F.normalize} does, so a zero difference gives a zero cosine), Huber between the
 *   student's and the teacher's, averaged over all {@code B^3} entries {@code (i, j, k)}. As in the authors' code the
 *   degenerate entries ({@code i = j} or {@code k = j}) are included: both sides are 0 there, so they add nothing
 *   but count in the mean. RepDistiller weighs this loss 50 (and the distance loss 25). It builds the (B, B, features)
 *   differences and a (B, B, B) array of cosines, like the authors' code: memory grows with the batch's cube.</li>
 * </ul>
 */
public final class RelationalKd {
    /** The clamp on squared distances and on the difference vectors' norms. */
    static final float FLOOR = 1e-12f;

    private RelationalKd() {
    }

    /**
     * The distance-wise loss.
     *
     * @param student (batch, ...) the student's embeddings
     * @param teacher (batch, ...) the teacher's embeddings of the same samples (any size per row); get no gradient
     * @return a scalar: the mean over pairs of distinct rows of Huber(d_s / mean d_s - d_t / mean d_t)
     */
    public static NDArray distance(NDArray student, NDArray teacher) {
        long batch = rows(student, teacher, 2, "distance");
        NDManager m = student.getManager();
        NDArray offDiagonal = m.ones(new Shape(batch, batch)).sub(m.eye((int) batch));
        NDArray pairs = NativeScalar.of(m, (float) (batch * (batch - 1)));
        NDArray s = normalisedDistances(flat(student), offDiagonal, pairs);
        NDArray t = normalisedDistances(flat(teacher.stopGradient()), offDiagonal, pairs);
        return huber(s.sub(t)).mul(offDiagonal).sum().div(pairs);
    }

    /**
     * The angle-wise loss.
     *
     * @param student (batch, ...) the student's embeddings
     * @param teacher (batch, ...) the teacher's embeddings of the same samples (any size per row); get no gradient
     * @return a scalar: the mean over all (i, j, k) of Huber(cos_s(i, j, k) - cos_t(i, j, k))
     */
    public static NDArray angle(NDArray student, NDArray teacher) {
        rows(student, teacher, 3, "angle");
        return huber(cosines(flat(student)).sub(cosines(flat(teacher.stopGradient())))).mean();
    }

    /** The pairwise distances divided by their mean over distinct rows, (B, B); the diagonal is not meaningful. */
    private static NDArray normalisedDistances(NDArray x, NDArray offDiagonal, NDArray pairs) {
        NDArray squares = x.square().sum(new int[] {1});
        NDArray gram = x.matMul(x.transpose());
        NDArray squared = squares.expandDims(1).add(squares.expandDims(0)).sub(gram.add(gram));
        NDArray d = squared.clip(FLOOR, Float.MAX_VALUE).sqrt();
        NDArray mean = d.mul(offDiagonal).sum().div(pairs);
        return d.div(mean);
    }

    /** {@code [j][i][k] = <n(x_i - x_j), n(x_k - x_j)>}, with {@code n} the L2 normalisation. */
    private static NDArray cosines(NDArray x) {
        NDArray differences = x.expandDims(0).sub(x.expandDims(1)); // [j][i] = x_i - x_j
        NDArray unit = differences.normalize(2, 2, FLOOR);
        return unit.matMul(unit.transpose(0, 2, 1));
    }

    /** Smooth L1 with delta 1, element-wise: {@code c (|d| - c/2)} with {@code c = min(|d|, 1)}. */
    static NDArray huber(NDArray d) {
        NDArray a = d.abs();
        NDArray c = a.clip(0f, 1f);
        return c.mul(a.sub(c.mul(NativeScalar.of(d.getManager(), 0.5f))));
    }

    private static NDArray flat(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }

    private static long rows(NDArray student, NDArray teacher, int least, String loss) {
        if (student.getShape().dimension() < 2 || teacher.getShape().dimension() < 2) {
            throw new IllegalArgumentException("relational KD (" + loss + ") needs (batch, ...) embeddings, got "
                    + student.getShape() + " (student) and " + teacher.getShape() + " (teacher)");
        }
        long batch = student.getShape().get(0);
        if (teacher.getShape().get(0) != batch) {
            throw new IllegalArgumentException("relational KD (" + loss + "): the student gives " + batch
                    + " rows but the teacher " + teacher.getShape().get(0));
        }
        if (batch < least) {
            throw new IllegalArgumentException("relational KD (" + loss + ") relates " + (least == 2 ? "pairs"
                    : "triplets") + " of samples: it needs a batch of at least " + least + ", got " + batch);
        }
        return batch;
    }
}
