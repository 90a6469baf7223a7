package org.xmodal.engine.synth;

import java.util.SplittableRandom;
import org.xmodal.engine.image.DepthMap;

/**
 * Turns the renderer's exact depth into what a Kinect v1 (the sensor of NYU Depth v2) would report:
 * <ul>
 * <li>random error growing with the square of depth, sigma = 1.425e-3 Z^2 metres, the fit of Khoshelham and
 * Elberink, "Accuracy and resolution of Kinect depth data for indoor mapping applications", Sensors 12 (2012)
 * (about 1.4 mm at 1 m and 3.6 cm at 5 m);</li>
 * <li>quantisation in disparity: the sensor measures disparity in 1/8 pixel with a 7.5 cm baseline and a 580 px
 * IR focal length, so depth comes in steps of Z^2 / 348 metres (0.7 mm at 0.5 m, 7 cm at 5 m, as measured in the
 * same paper);</li>
 * <li>no reading (0) outside the working range of 0.5 to 8 m, on surfaces seen at grazing angles, on most of
 * very dark surfaces (black screens absorb the infrared pattern), at about half the pixels along depth
 * discontinuities, and in the projector's shadow: the IR projector sits 7.5 cm to the right
 * of the camera, so background just left of a foreground edge is not lit by the pattern. The band is as wide as
 * the disparity difference between foreground and background.</li>
 * </ul>
 */
final class KinectNoiseModel {
    static final double MIN_RANGE = 0.5;
    static final double MAX_RANGE = 8.0;
    /** Khoshelham and Elberink (2012): sigma_Z = 1.425e-3 Z^2, Z in metres. */
    static final double SIGMA_PER_SQUARE_METRE = 1.425e-3;
    static final double BASELINE = 0.075;
    /** Disparity units per inverse metre: baseline x native IR focal length (580 px) x 8 steps per pixel. */
    static final double DISPARITY_PER_INVERSE_METRE = BASELINE * 580 * 8;
    /** Below this cosine between ray and normal (about 84 degrees) the pattern is never read... */
    private static final double GRAZING = 0.1;
    /** ...and between GRAZING and this cosine (about 75 degrees) it is read less and less often. */
    private static final double OBLIQUE = 0.25;
    /** A depth jump between neighbours larger than this plus EDGE_RELATIVE x depth is a discontinuity. */
    private static final double EDGE_ABSOLUTE = 0.03;
    private static final double EDGE_RELATIVE = 0.04;
    private static final double EDGE_DROPOUT = 0.5;
    /** Surfaces darker than this (base-colour luminance) start to lose readings... */
    private static final double DARK = 0.16;
    /** ...and this much darker lose them with the highest probability, MAX_DARK_DROPOUT. */
    private static final double DARK_RANGE = 0.1;
    private static final double MAX_DARK_DROPOUT = 0.9;

    private KinectNoiseModel() {
    }

    /**
     * Raw depth for a frame rendered with horizontal focal length {@code fx} (pixels of this image).
     *
     * @return depth in metres, 0 where the sensor gives no reading
     */
    static DepthMap raw(RenderedFrame frame, double fx, SplittableRandom rng) {
        int w = frame.width();
        int h = frame.height();
        float[] z = frame.depth();
        boolean[] missing = new boolean[w * h];
        for (int i = 0; i < z.length; i++) {
            if (z[i] < MIN_RANGE || z[i] > MAX_RANGE) {
                missing[i] = true;
            }
            double c = frame.incidence()[i];
            if (c < GRAZING || (c < OBLIQUE && rng.nextDouble() < (OBLIQUE - c) / (OBLIQUE - GRAZING))) {
                missing[i] = true;
            }
            double dark = Math.min(MAX_DARK_DROPOUT, (DARK - frame.albedo()[i]) / DARK_RANGE);
            if (dark > 0 && rng.nextDouble() < dark) {
                missing[i] = true;
            }
        }
        markEdges(z, w, h, missing, rng);
        markShadows(z, w, h, BASELINE * fx, missing);
        float[] out = new float[w * h];
        for (int i = 0; i < z.length; i++) {
            if (missing[i]) {
                continue;
            }
            out[i] = (float) measure(z[i], rng);
        }
        return new DepthMap(w, h, out);
    }

    /** One noisy, quantised reading of a surface at true depth z (metres), or 0 when the noise made it absurd. */
    static double measure(double z, SplittableRandom rng) {
        double noisy = z + SIGMA_PER_SQUARE_METRE * z * z * SceneSeeds.gaussian(rng);
        if (noisy <= 0) {
            return 0;
        }
        double level = Math.rint(DISPARITY_PER_INVERSE_METRE / noisy);
        return level <= 0 ? 0 : DISPARITY_PER_INVERSE_METRE / level;
    }

    /** Step between neighbouring depth values the sensor can report at depth z, metres. */
    static double resolution(double z) {
        return z * z / DISPARITY_PER_INVERSE_METRE;
    }

    private static void markEdges(float[] z, int w, int h, boolean[] missing, SplittableRandom rng) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean edge = (x > 0 && jump(z[i], z[i - 1])) || (x < w - 1 && jump(z[i], z[i + 1]))
                        || (y > 0 && jump(z[i], z[i - w])) || (y < h - 1 && jump(z[i], z[i + w]));
                if (edge && rng.nextDouble() < EDGE_DROPOUT) {
                    missing[i] = true;
                }
            }
        }
    }

    private static boolean jump(float a, float b) {
        return Math.abs(a - b) > EDGE_ABSOLUTE + EDGE_RELATIVE * Math.min(a, b);
    }

    /**
     * With the projector at +baseline along the camera's x axis, a point at column u and depth Z is lit from
     * projector column u - b f / Z. Scanning a row from the right, a pixel is in shadow when something to its right
     * maps to a projector column at or left of its own: that nearer surface blocks the projector's ray.
     */
    private static void markShadows(float[] z, int w, int h, double baselineFocal, boolean[] missing) {
        for (int y = 0; y < h; y++) {
            double leftmost = Double.POSITIVE_INFINITY;
            for (int x = w - 1; x >= 0; x--) {
                int i = y * w + x;
                double projector = x - baselineFocal / z[i];
                if (projector > leftmost + 1e-9) {
                    missing[i] = true;
                }
                leftmost = Math.min(leftmost, projector);
            }
        }
    }
}
