package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Softmax cross-entropy and accuracy for class scores (N x K) against class indices. */
public final class Classification {
    private Classification() {
    }

    /** Mean over the batch of -log softmax(scores)[label]. */
    public static NDArray crossEntropy(NDArray scores, int[] labels, NDManager manager) {
        long classes = scores.getShape().get(1);
        NDArray oneHot = manager.create(labels).oneHot(Math.toIntExact(classes));
        return scores.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /**
     * With label smoothing {@code epsilon} (SHOT's and SOCKET's source training: 0.1): the targets are
     * {@code (1 - epsilon)} on the label and {@code epsilon / K} on every class, and the loss is the mean over the
     * batch of {@code -sum targets * log softmax(scores)}.
     */
    public static NDArray crossEntropy(NDArray scores, int[] labels, NDManager manager, double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
        }
        long classes = scores.getShape().get(1);
        NDArray targets = manager.create(labels).oneHot(Math.toIntExact(classes)).toType(scores.getDataType(), false)
                .mul((float) (1 - epsilon)).add((float) (epsilon / classes));
        return scores.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
    }

    /** How many rows have their largest score at the label. */
    public static int correct(NDArray scores, int[] labels) {
        long[] predicted = scores.argMax(1).toLongArray();
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            n += predicted[i] == labels[i] ? 1 : 0;
        }
        return n;
    }
}
