package org.xmodal.engine.eval;

/**
 * A class's precision-recall curve as the ranked detections trace it (raw precision, not made monotone).
 * Only the curve's corners are kept: every true positive, the last detection before each true positive and the
 * last detection overall. Between two kept points recall is either constant (a run of false positives, where
 * precision falls) or rises by one step, so joining them with lines draws the same curve as a point per
 * detection would, in at most 2 x (ground-truth boxes) + 1 points instead of one per detection.
 *
 * @param recall    fraction of the class's ground-truth boxes found, non-decreasing
 * @param precision fraction of the detections so far that are true positives
 */
public record PrCurve(double[] recall, double[] precision) {
    public static final PrCurve EMPTY = new PrCurve(new double[0], new double[0]);

    public PrCurve {
        if (recall.length != precision.length) {
            throw new IllegalArgumentException("a PR curve needs as many recall values as precision values, got "
                    + recall.length + " and " + precision.length);
        }
        recall = recall.clone();
        precision = precision.clone();
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }

    public int size() {
        return recall.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrCurve c && java.util.Arrays.equals(recall, c.recall)
                && java.util.Arrays.equals(precision, c.precision);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(recall) + java.util.Arrays.hashCode(precision);
    }

    @Override
    public String toString() {
        return "PrCurve[" + recall.length + " points]";
    }
}
