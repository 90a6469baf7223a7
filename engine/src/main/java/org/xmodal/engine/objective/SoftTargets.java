package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import org.xmodal.engine.nn.NativeScalar;

/**
 * Knowledge distillation's soft targets (Hinton, Vinyals and Dean, "Distilling the Knowledge in a Neural Network",
 * 2015): {@code T^2 * mean over rows of KL(softmax(t / T) || softmax(s / T))}, the divergence summed over the
 * classes and averaged over the batch, with {@code s} the student's logits and {@code t} the teacher's.
 *
 * <p>The factor {@code T^2} is the paper's: it keeps the gradient's magnitude roughly independent of the temperature,
 * so that the weight of the term need not change with it. This is what the common reference code computes
 * ({@code F.kl_div(log_softmax(s/T), softmax(t/T), reduction='batchmean') * T^2}, as in the attention-transfer and
 * RepDistiller code bases); the paper's hard-label cross-entropy is not part of this term (it is another term of the
 * objective, with its own weight, rather than a fixed {@code alpha} mixing inside it). The teacher's logits are
 * constants: no gradient flows to them. The KL divergence includes the teacher's entropy, which does not depend on
 * the student, so the value is 0 when the distributions agree (the gradient is that of the cross-entropy).
 */
public final class SoftTargets {
    private SoftTargets() {
    }

    /**
     * @param studentLogits (batch, classes)
     * @param teacherLogits (batch, classes), same shape; gets no gradient
     * @param temperature   {@code T > 0}; 1 leaves the distributions as they are, higher softens them
     * @return a scalar: {@code T^2 * mean_i sum_c p_t log(p_t / p_s)}
     */
    public static NDArray value(NDArray studentLogits, NDArray teacherLogits, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("soft targets: the temperature must be a number > 0, got "
                    + temperature);
        }
        if (!studentLogits.getShape().equals(teacherLogits.getShape())) {
            throw new IllegalArgumentException("soft targets: the student's logits have shape "
                    + studentLogits.getShape() + " but the teacher's " + teacherLogits.getShape()
                    + " (do the two classifiers have the same classes?)");
        }
        if (studentLogits.getShape().dimension() != 2) {
            throw new IllegalArgumentException("soft targets need (batch, classes) logits, got shape "
                    + studentLogits.getShape());
        }
        // engine-allocated scalars: a Java number would be freed before the backward pass reads it (NativeScalar)
        NDArray t = NativeScalar.of(studentLogits.getManager(), (float) temperature);
        NDArray teacher = teacherLogits.stopGradient().div(t);
        NDArray logTeacher = teacher.logSoftmax(1);
        NDArray pTeacher = logTeacher.exp();
        NDArray logStudent = studentLogits.div(t).logSoftmax(1);
        NDArray kl = pTeacher.mul(logTeacher.sub(logStudent)).sum(new int[] {1}).mean();
        return kl.mul(NativeScalar.of(studentLogits.getManager(), (float) (temperature * temperature)));
    }
}
