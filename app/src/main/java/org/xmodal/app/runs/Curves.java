package org.xmodal.app.runs;

import java.util.Arrays;

/** The arithmetic behind the run page's curves: smoothing as TensorBoard does it, and thinning for drawing. */
public final class Curves {
    /** A curve as two arrays of equal length, in ascending x. */
    public record Xy(double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    private Curves() {
    }

    /**
     * The exponential moving average with weight {@code w} in [0, 1), debiased (divided by 1 - w^n) so that the
     * start of the curve is not pulled towards zero. Non-finite values are skipped (the average carries over them).
     */
    public static double[] smooth(double[] y, double w) {
        if (!(w >= 0 && w < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + w);
        }
        double[] out = new double[y.length];
        double average = 0;
        double weight = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                average = w * average + (1 - w) * y[i];
                weight = w * weight + (1 - w);
            }
            out[i] = weight > 0 ? average / weight : Double.NaN;
        }
        return out;
    }

    /**
     * At most about {@code maxPoints} points that draw like the whole curve: the points are cut into equal buckets
     * and each keeps its lowest and highest point in their order, so spikes survive thinning. Short curves are kept
     * whole.
     */
    public static Xy thin(double[] x, double[] y, int maxPoints) {
        int n = x.length;
        if (n <= maxPoints || maxPoints < 4) {
            return new Xy(x, y);
        }
        int buckets = maxPoints / 2;
        double[] ox = new double[2 * buckets];
        double[] oy = new double[2 * buckets];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (compare(y[i], y[lo]) < 0) {
                    lo = i;
                }
                if (compare(y[i], y[hi]) > 0) {
                    hi = i;
                }
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            ox[k] = x[first];
            oy[k++] = y[first];
            if (second != first) {
                ox[k] = x[second];
                oy[k++] = y[second];
            }
        }
        return new Xy(Arrays.copyOf(ox, k), Arrays.copyOf(oy, k));
    }

    /** NaN compares as neither low nor high. */
    private static int compare(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return 0;
        }
        return Double.compare(a, b);
    }
}
