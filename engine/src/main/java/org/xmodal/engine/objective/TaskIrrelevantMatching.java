package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;

/**
 * SOCKET's task-irrelevant feature matching: the Frobenius norm of the difference between the frozen source's
 * bottleneck features of the task-irrelevant RGB images (computed once, before training, so they carry no
 * gradient) and the target network's bottleneck features of the paired target-modality images.
 */
public final class TaskIrrelevantMatching {
    private TaskIrrelevantMatching() {
    }

    /**
     * @param source the source's features, (batch, features); must not require a gradient
     * @param target the target's features of the same pairs, in the same order
     * @return a scalar: || source - target ||_F
     */
    public static NDArray value(NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("task-irrelevant features differ in shape: source "
                    + source.getShape() + ", target " + target.getShape() + " (are the TI images paired?)");
        }
        return Norms.l2(target.sub(source));
    }
}
