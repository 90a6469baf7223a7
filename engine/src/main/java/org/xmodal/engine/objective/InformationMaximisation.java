package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;

/**
 * SOCKET's (and SHOT's) information maximisation: the mean entropy of each sample's prediction minus the entropy of
 * the batch's mean prediction. Minimising it makes each prediction confident while keeping the classes in use
 * balanced across the batch. Entropies are {@code -sum p log(p + 1e-5)}, with the reference code's epsilon.
 */
public final class InformationMaximisation {
    /** The epsilon inside the logarithms, as the reference code has it. */
    public static final float EPSILON = 1e-5f;

    private InformationMaximisation() {
    }

    /**
     * @param logits the classifier's outputs, (batch, classes)
     * @return a scalar: mean per-sample entropy - entropy of the batch-mean prediction
     */
    public static NDArray value(NDArray logits) {
        NDArray p = logits.softmax(1);
        NDArray perSample = entropy(p, 1);
        NDArray mean = p.mean(new int[] {0});
        return perSample.mean().sub(entropy(mean, 0));
    }

    private static NDArray entropy(NDArray p, int axis) {
        return p.mul(p.add(EPSILON).log()).sum(new int[] {axis}).neg();
    }
}
