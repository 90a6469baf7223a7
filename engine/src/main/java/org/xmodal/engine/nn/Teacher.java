package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A frozen RGB network that supervision transfer copies features from. Inputs follow {@link NetworkInput}'s
 * convention; nothing a teacher computes carries gradients, and its parameters never change.
 */
public interface Teacher extends AutoCloseable {
    /**
     * The feature map (N x C x h x w) of an N x 3 x H x W batch, attached to the batch's NDManager so that a
     * per-step sub-manager frees it.
     */
    NDArray features(NDArray rgbBatch);

    /** The shape {@link #features} returns for a batch of {@code input}'s shape. */
    Shape featureShape(Shape input);

    /** One line for logs and run specs: what the teacher is and where it came from. */
    String description();

    @Override
    void close();
}
