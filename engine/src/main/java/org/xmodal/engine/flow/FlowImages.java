package org.xmodal.engine.flow;

import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Pictures of optical flow: the image the action-tubes networks see (Gkioxari and Malik, CVPR 2015) and the
 * Middlebury colour wheel for people (Baker et al., IJCV 2011).
 */
public final class FlowImages {
    /** The action-tubes scale: 16 grey levels per pixel of motion, so +-8 px saturates. */
    public static final double ACTION_TUBES_SCALE = 16;

    private static final int[][] WHEEL = colourWheel();

    private FlowImages() {
    }

    /**
     * R = scale u + 128, G = scale v + 128, B = scale |(u, v)| + 128, each rounded and clipped to [0, 255]. Unknown
     * flow is drawn as zero motion (128, 128, 128).
     */
    public static RgbImage actionTubes(FlowField f, double scale) {
        return actionTubes(f, scale, Double.POSITIVE_INFINITY);
    }

    /**
     * The same with each component and the magnitude first clipped to {@code clipPixels}: below 128 / scale it
     * caps motion before the image saturates.
     */
    public static RgbImage actionTubes(FlowField f, double scale, double clipPixels) {
        byte[] out = new byte[f.width() * f.height() * 3];
        for (int i = 0; i < f.width() * f.height(); i++) {
            double u = f.isKnown(i) ? f.u()[i] : 0;
            double v = f.isKnown(i) ? f.v()[i] : 0;
            double m = Math.min(clipPixels, Math.sqrt(u * u + v * v));
            u = Math.max(-clipPixels, Math.min(clipPixels, u));
            v = Math.max(-clipPixels, Math.min(clipPixels, v));
            out[3 * i] = clip(scale * u + 128);
            out[3 * i + 1] = clip(scale * v + 128);
            out[3 * i + 2] = clip(scale * m + 128);
        }
        return new RgbImage(f.width(), f.height(), out);
    }

    /**
     * Middlebury colour coding: hue = direction, saturation = magnitude relative to {@code maxMagnitude} (or the
     * largest known magnitude when it is not positive). Unknown flow is black.
     */
    public static RgbImage colourWheel(FlowField f, double maxMagnitude) {
        double max = maxMagnitude > 0 ? maxMagnitude : largestMagnitude(f);
        if (!(max > 0)) {
            max = 1;
        }
        byte[] out = new byte[f.width() * f.height() * 3];
        int ncols = WHEEL.length;
        for (int i = 0; i < f.width() * f.height(); i++) {
            if (!f.isKnown(i)) {
                continue;
            }
            double u = f.u()[i] / max;
            double v = f.v()[i] / max;
            double rad = Math.sqrt(u * u + v * v);
            double a = Math.atan2(-v, -u) / Math.PI;
            double fk = (a + 1) / 2 * (ncols - 1);
            int k0 = (int) Math.floor(fk);
            int k1 = (k0 + 1) % ncols;
            double t = fk - k0;
            for (int c = 0; c < 3; c++) {
                double col = ((1 - t) * WHEEL[k0][c] + t * WHEEL[k1][c]) / 255.0;
                col = rad <= 1 ? 1 - rad * (1 - col) : col * 0.75;
                out[3 * i + c] = (byte) Math.floor(255 * col);
            }
        }
        return new RgbImage(f.width(), f.height(), out);
    }

    public static double largestMagnitude(FlowField f) {
        double max = 0;
        for (int i = 0; i < f.width() * f.height(); i++) {
            if (f.isKnown(i)) {
                max = Math.max(max, Math.hypot(f.u()[i], f.v()[i]));
            }
        }
        return max;
    }

    /** The flow of the horizontally mirrored frames: columns reversed and u negated. */
    public static FlowField flipHorizontally(FlowField f) {
        int w = f.width();
        float[] u = new float[f.u().length];
        float[] v = new float[f.v().length];
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < w; x++) {
                int src = y * w + x;
                int dst = y * w + (w - 1 - x);
                u[dst] = f.isKnown(src) ? -f.u()[src] : f.u()[src];
                v[dst] = f.v()[src];
            }
        }
        return new FlowField(w, f.height(), u, v);
    }

    public static RgbImage flipHorizontally(RgbImage img) {
        int w = img.width();
        byte[] out = new byte[img.rgb().length];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(img.rgb(), 3 * (y * w + x), out, 3 * (y * w + w - 1 - x), 3);
            }
        }
        return new RgbImage(w, img.height(), out);
    }

    private static byte clip(double v) {
        long r = Math.round(v);
        return (byte) Math.max(0, Math.min(255, r));
    }

    /** The Middlebury wheel: 55 hues in six ramps (red-yellow 15, yellow-green 6, green-cyan 4, cyan-blue 11,
     * blue-magenta 13, magenta-red 6), spaced to be perceptually even. */
    private static int[][] colourWheel() {
        int[] ramps = {15, 6, 4, 11, 13, 6};
        int n = 0;
        for (int r : ramps) {
            n += r;
        }
        int[][] w = new int[n][3];
        int k = 0;
        for (int i = 0; i < ramps[0]; i++, k++) {
            w[k] = new int[] {255, 255 * i / ramps[0], 0};
        }
        for (int i = 0; i < ramps[1]; i++, k++) {
            w[k] = new int[] {255 - 255 * i / ramps[1], 255, 0};
        }
        for (int i = 0; i < ramps[2]; i++, k++) {
            w[k] = new int[] {0, 255, 255 * i / ramps[2]};
        }
        for (int i = 0; i < ramps[3]; i++, k++) {
            w[k] = new int[] {0, 255 - 255 * i / ramps[3], 255};
        }
        for (int i = 0; i < ramps[4]; i++, k++) {
            w[k] = new int[] {255 * i / ramps[4], 0, 255};
        }
        for (int i = 0; i < ramps[5]; i++, k++) {
            w[k] = new int[] {255, 0, 255 - 255 * i / ramps[5]};
        }
        return w;
    }
}
