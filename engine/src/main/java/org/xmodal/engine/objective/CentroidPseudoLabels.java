package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import org.xmodal.engine.train.Classification;

/**
 * SOCKET's (SHOT's) pseudo-labels: every target sample's bottleneck feature, with a 1 appended and L2-normalised;
 * class centroids as the softmax-weighted means of those features; each sample labelled with its nearest centroid
 * (Euclidean). Computed over the whole target set at each refresh, without gradient; between refreshes the labels
 * stay fixed, as in the reference code. The loss is the cross-entropy of the classifier's outputs against them.
 */
public final class CentroidPseudoLabels {
    /** Added to each class's total weight before dividing, as the reference code does. */
    static final double WEIGHT_FLOOR = 1e-8;

    private CentroidPseudoLabels() {
    }

    /**
     * @param features      bottleneck features of every target sample, (samples, d)
     * @param probabilities the classifier's softmax of every sample, (samples, classes)
     * @return the label of each sample
     */
    public static int[] assign(float[][] features, float[][] probabilities) {
        int n = features.length;
        if (n == 0 || probabilities.length != n) {
            throw new IllegalArgumentException("pseudo-labels need as many predictions as features, got "
                    + probabilities.length + " and " + n);
        }
        int d = features[0].length + 1;
        int k = probabilities[0].length;
        double[][] f = new double[n][d];
        for (int i = 0; i < n; i++) {
            double norm = 1;
            for (float v : features[i]) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d - 1; j++) {
                f[i][j] = features[i][j] / norm;
            }
            f[i][d - 1] = 1 / norm;
        }
        double[][] centroids = new double[k][d];
        double[] weight = new double[k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double p = probabilities[i][c];
                weight[c] += p;
                for (int j = 0; j < d; j++) {
                    centroids[c][j] += p * f[i][j];
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c][j] /= WEIGHT_FLOOR + weight[c];
            }
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double diff = f[i][j] - centroids[c][j];
                    dist += diff * diff;
                }
                if (dist < best) {
                    best = dist;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /**
     * The cross-entropy of {@code logits} (batch, classes) against {@code labels}, averaged over the batch.
     */
    public static NDArray crossEntropy(NDArray logits, int[] labels) {
        if (labels.length != logits.getShape().get(0)) {
            throw new IllegalArgumentException(labels.length + " labels for a batch of " + logits.getShape().get(0));
        }
        return Classification.crossEntropy(logits, labels, logits.getManager());
    }
}
