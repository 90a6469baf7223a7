package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/** The forward pass of one optimisation step: everything the loop does not know about (data, networks, loss). */
@FunctionalInterface
public interface TrainingStep {
    /**
     * Computes the scalar loss of step {@code step} with autograd recording. Arrays must be created in
     * {@code batch}, which is closed after the step so that no step leaks native memory.
     */
    NDArray loss(NDManager batch, long step);

    /**
     * The loss of micro-batch {@code part} of {@code parts} (a contiguous slice of the step's batch), normalised by
     * the whole batch so that the parts' gradients add up to the whole step's. Used when the device runs out of
     * memory; steps that cannot be split keep this default.
     */
    default NDArray loss(NDManager batch, long step, int part, int parts) {
        if (parts == 1) {
            return loss(batch, step);
        }
        throw new IllegalStateException("this kind of step cannot be split into micro-batches");
    }

    /**
     * The value of each term of a many-term objective in the last step computed (of its last micro-batch), for
     * their curves; empty when the loss is one term (it is then the loss itself).
     */
    default Map<String, Double> termValues() {
        return Map.of();
    }

    /**
     * Figures of the last step that are not terms of the objective but tell how it is learning (the noise filter's
     * mean gate on the corrupted and on the clean pairs of the batch), each logged as a curve of its own name.
     */
    default Map<String, Double> diagnostics() {
        return Map.of();
    }

    /** Whether {@link #loss(NDManager, long, int, int)} supports more than one part. */
    default boolean splittable() {
        return false;
    }

    /**
     * Whether the forward pass normalises by the statistics of the rows it is given (BatchNorm in training): its
     * parts then compute something else than the whole batch, so running out of memory is not answered by
     * splitting the step (the run fails and says how to fit it), and a data-parallel run warns.
     */
    default boolean normalisesByBatch() {
        return false;
    }

    /** Rows {@code [part * n / parts, (part + 1) * n / parts)} of a batch of n. */
    static ai.djl.ndarray.NDArray slice(NDArray batch, int part, int parts) {
        long n = batch.getShape().get(0);
        return batch.get(new ai.djl.ndarray.index.NDIndex((part * n / parts) + ":" + ((part + 1) * n / parts)));
    }
}
