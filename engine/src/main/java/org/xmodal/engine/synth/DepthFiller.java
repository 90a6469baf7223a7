package org.xmodal.engine.synth;

import java.util.Arrays;
import org.xmodal.engine.image.DepthMap;

/**
 * Fills the holes of raw depth along image rows, from the nearest readings left and right of each run of missing
 * pixels: interpolated linearly when both sides are about the same distance (the same surface, e.g. a patch lost to
 * a grazing angle), otherwise filled with the farther side, because the sensor's holes between a foreground and a
 * background (the projector's shadow, lost edges) belong to the background. Rows with no reading at all are then
 * filled the same way along columns. Measured pixels are never changed.
 */
final class DepthFiller {
    /** Two sides closer than this fraction of the farther one count as the same surface. */
    private static final double SAME_SURFACE = 0.05;

    private DepthFiller() {
    }

    /** A copy of {@code raw} without zeros; an image with no reading at all is filled with {@code fallback}. */
    static DepthMap fill(DepthMap raw, float fallback) {
        int w = raw.width();
        int h = raw.height();
        float[] z = raw.metres().clone();
        for (int i = 0; i < z.length; i++) {
            if (!(z[i] > 0)) {
                z[i] = 0;
            }
        }
        for (int y = 0; y < h; y++) {
            fillRuns(z, y * w, 1, w);
        }
        for (int x = 0; x < w; x++) {
            fillRuns(z, x, w, h);
        }
        if (z.length > 0 && z[0] == 0) {
            // Both passes leave a hole only when there was no reading anywhere.
            Arrays.fill(z, fallback);
        }
        return new DepthMap(w, h, z);
    }

    /** Fills the runs of zeros among the n values at start, start + stride, ... */
    private static void fillRuns(float[] z, int start, int stride, int n) {
        int i = 0;
        while (i < n) {
            if (z[start + i * stride] > 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && z[start + j * stride] == 0) {
                j++;
            }
            float left = i > 0 ? z[start + (i - 1) * stride] : 0;
            float right = j < n ? z[start + j * stride] : 0;
            if (left > 0 || right > 0) {
                float far = Math.max(left, right);
                boolean interpolate = left > 0 && right > 0 && far - Math.min(left, right) <= SAME_SURFACE * far;
                for (int k = i; k < j; k++) {
                    float v = far;
                    if (interpolate) {
                        v = (float) (left + (right - left) * (k - i + 1) / (double) (j - i + 1));
                    }
                    z[start + k * stride] = v;
                }
            }
            i = j;
        }
    }
}
