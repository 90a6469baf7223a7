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
