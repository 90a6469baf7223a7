package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;

/**
 * A cosine hint: {@code mean over rows of (1 - cos(s_i, t_i))}, each row of the student's and the teacher's features
 * flattened to a vector. It matches the directions of the features and ignores their scale, unlike the L2 hint of
 * FitNets (Romero et al., ICLR 2015) and supervision transfer, which also asks the student to reproduce the teacher's
 * magnitudes. The value lies in [0, 2]; 0 when every student row points where the teacher's does.
 *
 * <p>Each norm is {@code sqrt(sum x^2 + 1e-12)} ({@link Norms#SQRT_FLOOR}), so that an all-zero row (a dead ReLU
 * map) gives a cosine of 0 and a finite gradient. PyTorch's {@code F.cosine_similarity}, which such hints are usually
 * written with, instead clamps the norms at 1e-8; the two agree to within 1e-6 on any row whose norm is above 1e-3.
 * The teacher's features are constants: no gradient flows to them.
 */
public final class CosineHint {
    private CosineHint() {
    }

    /**
     * @param student (batch, ...) features
     * @param teacher the teacher's features of the same samples, same shape; gets no gradient
     * @return a scalar: {@code mean_i (1 - <s_i, t_i> / (|s_i| |t_i|))}
     */
    public static NDArray value(NDArray student, NDArray teacher) {
        if (!student.getShape().equals(teacher.getShape())) {
            throw new IllegalArgumentException("cosine hint: the student's features have shape " + student.getShape()
                    + " but the teacher's " + teacher.getShape() + " (add an adapter to match them)");
        }
        if (student.getShape().dimension() < 2) {
            throw new IllegalArgumentException("cosine hint needs (batch, ...) features, got shape "
                    + student.getShape());
        }
        long rows = student.getShape().get(0);
        NDArray s = student.reshape(rows, -1);
        NDArray t = teacher.stopGradient().reshape(rows, -1);
        NDArray dot = s.mul(t).sum(new int[] {1});
        NDArray norms = rowNorms(s).mul(rowNorms(t));
        return dot.div(norms).mean().neg().add(1f);
    }

    private static NDArray rowNorms(NDArray x) {
        return x.square().sum(new int[] {1}).add(Norms.SQRT_FLOOR).sqrt();
    }
}
