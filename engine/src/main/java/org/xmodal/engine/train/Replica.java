package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * One copy of the trained networks on one device, for data-parallel steps ({@link OptimisationStep}): the manager
 * its arrays live in, its trainable parameters under the same names as every other copy's, and its forward pass
 * (which must support micro-batches: each copy computes its share of the batch).
 */
public record Replica(NDManager manager, Map<String, NDArray> trainable, TrainingStep step) {
}
