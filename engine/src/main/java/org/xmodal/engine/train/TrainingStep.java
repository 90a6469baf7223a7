package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** The forward pass of one optimisation step: everything the loop does not know about (data, networks, loss). */
@FunctionalInterface
public interface TrainingStep {
    /**
     * Computes the scalar loss of step {@code step} with autograd recording. Arrays must be created in
     * {@code batch}, which is closed after the step so that no step leaks native memory.
     */
    NDArray loss(NDManager batch, long step);
}
