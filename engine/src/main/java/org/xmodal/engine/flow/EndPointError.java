package org.xmodal.engine.flow;

import org.xmodal.engine.image.FlowField;

/** Average end-point error: the mean Euclidean distance between estimated and true flow vectors. */
public final class EndPointError {
    private EndPointError() {
    }

    /**
     * Mean over pixels where the truth is known; an estimate that is unknown there counts as zero motion, so a
     * method cannot improve its score by declining to answer.
     */
    public static double average(FlowField estimate, FlowField truth) {
        if (estimate.width() != truth.width() || estimate.height() != truth.height()) {
            throw new IllegalArgumentException("flow sizes differ");
        }
        double sum = 0;
        long n = 0;
        for (int i = 0; i < truth.width() * truth.height(); i++) {
            if (!truth.isKnown(i)) {
                continue;
            }
            double u = estimate.isKnown(i) ? estimate.u()[i] : 0;
            double v = estimate.isKnown(i) ? estimate.v()[i] : 0;
            sum += Math.hypot(u - truth.u()[i], v - truth.v()[i]);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
