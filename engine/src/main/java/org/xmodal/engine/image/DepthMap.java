package org.xmodal.engine.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * A depth image in metres, row-major from the top-left. A value of 0 (or NaN) means "no measurement",
 * the Kinect convention that NYU Depth v2's raw depth also uses.
 */
public record DepthMap(int width, int height, float[] metres) {
    public DepthMap {
        Objects.requireNonNull(metres, "metres");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("depth size must be positive, got " + width + "x" + height);
        }
        if (metres.length != width * height) {
            throw new IllegalArgumentException("expected " + (width * height) + " depth values for " + width + "x"
                    + height + ", got " + metres.length);
        }
    }

    public float get(int x, int y) {
        return metres[y * width + x];
    }

    public boolean isValid(int x, int y) {
        float z = metres[y * width + x];
        return z > 0 && Float.isFinite(z);
    }

    /** Fraction of pixels with a measurement. */
    public double validFraction() {
        int n = 0;
        for (float z : metres) {
            if (z > 0 && Float.isFinite(z)) {
                n++;
            }
        }
        return n / (double) metres.length;
    }

    /** Median of the valid values in metres, or NaN when no pixel is valid. */
    public double medianMetres() {
        float[] valid = new float[metres.length];
        int n = 0;
        for (float z : metres) {
            if (z > 0 && Float.isFinite(z)) {
                valid[n++] = z;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(valid, 0, n);
        return (n % 2 == 1) ? valid[n / 2] : 0.5 * (valid[n / 2 - 1] + valid[n / 2]);
    }

    /** The same depths multiplied by {@code ratio} (a unit correction: the declared units per metre over the true). */
    public DepthMap scaled(double ratio) {
        if (ratio == 1) {
            return this;
        }
        float[] m = metres.clone();
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (m[i] * ratio);
        }
        return new DepthMap(width, height, m);
    }
}
