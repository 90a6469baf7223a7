package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.DepthMap;

class KinectNoiseModelTest {
    private static final double FX = 130;

    @Test
    void noReadingBelowHalfAMetreOrBeyondEightMetres() {
        int w = 400;
        float[] depth = new float[w];
        for (int x = 0; x < w; x++) {
            depth[x] = (float) (0.3 + x * 0.025);
        }
        DepthMap raw = KinectNoiseModel.raw(frame(w, 1, depth, 1f), FX, new SplittableRandom(1));
        for (int x = 0; x < w; x++) {
            boolean inRange = depth[x] >= 0.5 && depth[x] <= 8.0;
            assertEquals(inRange, raw.isValid(x, 0), "true depth " + depth[x]);
        }
    }

    @Test
    void randomErrorGrowsWithTheSquareOfDepth() {
        double near = rmsError(1.0f);
        double far = rmsError(4.0f);
        // sigma = 1.425 mm at 1 m (plus 2.9 mm quantisation steps), 22.8 mm at 4 m (46 mm steps).
        assertTrue(near > 0.001 && near < 0.003, "rms error at 1 m: " + near);
        assertTrue(far > 0.018 && far < 0.035, "rms error at 4 m: " + far);
        assertTrue(far > 8 * near, "error at 4 m " + far + " vs 1 m " + near);
    }

    @Test
    void readingsComeInDisparitySteps() {
        DepthMap raw = KinectNoiseModel.raw(plane(64, 64, 2.5f), FX, new SplittableRandom(3));
        for (float z : raw.metres()) {
            double level = KinectNoiseModel.DISPARITY_PER_INVERSE_METRE / z;
            assertEquals(Math.rint(level), level, 1e-3, "reading " + z + " is not a disparity step");
        }
        assertEquals(0.072, KinectNoiseModel.resolution(5.0), 0.001, "about 7 cm at 5 m");
    }

    @Test
    void surfacesSeenAtGrazingAnglesGiveNoReading() {
        RenderedFrame grazing = frame(50, 50, filled(2500, 2f), 0.05f);
        assertEquals(0, KinectNoiseModel.raw(grazing, FX, new SplittableRandom(4)).validFraction());
        RenderedFrame facing = frame(50, 50, filled(2500, 2f), 1f);
        assertEquals(1, KinectNoiseModel.raw(facing, FX, new SplittableRandom(4)).validFraction());
    }

    @Test
    void blackScreensLoseMostReadings() {
        DepthMap screen = KinectNoiseModel.raw(frame(50, 50, filled(2500, 2f), 1f, 0.06f), FX, new SplittableRandom(6));
        assertEquals(0.1, screen.validFraction(), 0.03);
        DepthMap wall = KinectNoiseModel.raw(frame(50, 50, filled(2500, 2f), 1f, 0.3f), FX, new SplittableRandom(6));
        assertEquals(1, wall.validFraction());
    }

    @Test
    void foregroundEdgesLoseReadingsAndCastAShadowBandToTheirLeft() {
        int w = 120;
        int h = 60;
        float[] depth = filled(w * h, 3f);
        for (int y = 20; y < 40; y++) {
            for (int x = 60; x < 90; x++) {
                depth[y * w + x] = 1.5f;
            }
        }
        DepthMap raw = KinectNoiseModel.raw(frame(w, h, depth, 1f), FX, new SplittableRandom(5));
        // The projector, 7.5 cm to the right, cannot light b f (1/1.5 - 1/3) = 3.25 columns left of the box.
        double band = KinectNoiseModel.BASELINE * FX * (1 / 1.5 - 1 / 3.0);
        int edgeMissing = 0;
        for (int y = 22; y < 38; y++) {
            for (int x = 60 - (int) Math.floor(band); x < 60; x++) {
                assertTrue(!raw.isValid(x, y), "shadow at " + x + "," + y);
            }
            assertTrue(raw.isValid(60 - (int) Math.ceil(band) - 2, y), "lit background left of the shadow");
            assertTrue(raw.isValid(75, y), "inside the box");
            assertTrue(raw.isValid(93, y), "background right of the box is lit");
            edgeMissing += raw.isValid(89, y) ? 0 : 1;
        }
        assertTrue(edgeMissing > 2 && edgeMissing < 14, "about half the right edge is lost: " + edgeMissing);
    }

    private static double rmsError(float z) {
        DepthMap raw = KinectNoiseModel.raw(plane(100, 100, z), FX, new SplittableRandom(2));
        double sum = 0;
        for (float v : raw.metres()) {
            sum += (v - z) * (v - z);
        }
        return Math.sqrt(sum / raw.metres().length);
    }

    private static RenderedFrame plane(int w, int h, float z) {
        return frame(w, h, filled(w * h, z), 1f);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }

    /** A frame of light grey surfaces with the given true depth and the same incidence cosine everywhere. */
    static RenderedFrame frame(int w, int h, float[] depth, float incidence) {
        return frame(w, h, depth, incidence, 0.6f);
    }

    static RenderedFrame frame(int w, int h, float[] depth, float incidence, float albedo) {
        return new RenderedFrame(w, h, new byte[3 * w * h], depth, new int[w * h], filled(w * h, incidence),
                filled(w * h, albedo), new double[3 * w * h]);
    }
}
