package org.xmodal.engine.image;

import java.util.Objects;

/**
 * A dense optical-flow field: pixel (x, y) of the first frame moves to (x + u, y + v) in the second.
 * Values above 1e9 in magnitude mark unknown flow, as in the Middlebury .flo convention.
 */
public record FlowField(int width, int height, float[] u, float[] v) {
    /** Middlebury's threshold above which a component means "unknown". */
    public static final float UNKNOWN_THRESHOLD = 1e9f;

    public FlowField {
        Objects.requireNonNull(u, "u");
        Objects.requireNonNull(v, "v");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("flow size must be positive, got " + width + "x" + height);
        }
        if (u.length != width * height || v.length != width * height) {
            throw new IllegalArgumentException("flow arrays do not match " + width + "x" + height);
        }
    }

    public static FlowField zeros(int width, int height) {
        return new FlowField(width, height, new float[width * height], new float[width * height]);
    }

    public boolean isKnown(int i) {
        return Math.abs(u[i]) < UNKNOWN_THRESHOLD && Math.abs(v[i]) < UNKNOWN_THRESHOLD
                && Float.isFinite(u[i]) && Float.isFinite(v[i]);
    }
}
