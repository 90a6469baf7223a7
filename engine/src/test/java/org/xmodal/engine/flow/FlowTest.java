package org.xmodal.engine.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

class FlowTest {
    @TempDir
    Path dir;

    @Test
    void floFilesRoundTripBitForBitAndTruncatedOnesAreNamed() throws IOException {
        FlowField f = new FlowField(3, 2, new float[] {0.5f, -1.25f, 3, 0, 1e10f, 7}, new float[] {1, 2, -3, 4, 5, 6});
        Path file = dir.resolve("a.flo");
        FloFile.write(f, file);
        assertEquals(12 + 8 * 6, Files.size(file));
        FlowField back = FloFile.read(file);
        assertArrayEquals(f.u(), back.u());
        assertArrayEquals(f.v(), back.v());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 30));
        BadInputException e = assertThrows(BadInputException.class, () -> FloFile.read(file));
        assertTrue(e.getMessage().contains("a.flo: is truncated"), e.getMessage());
        Files.writeString(file, "PNG, not flow");
        e = assertThrows(BadInputException.class, () -> FloFile.read(file));
        assertTrue(e.getMessage().contains("not a Middlebury .flo file"), e.getMessage());
    }

    @Test
    void actionTubesEncodingIsSixteenLevelsPerPixelAroundGreyAndSaturatesAtEight() {
        FlowField f = new FlowField(3, 1, new float[] {1, -8.5f, 3}, new float[] {0.5f, 0, 4});
        RgbImage img = FlowImages.actionTubes(f, FlowImages.ACTION_TUBES_SCALE);
        assertEquals(144, img.get(0, 0, 0));
        assertEquals(136, img.get(0, 0, 1));
        assertEquals(Math.round(16 * Math.hypot(1, 0.5) + 128), img.get(0, 0, 2));
        assertEquals(0, img.get(1, 0, 0));
        assertEquals(255, img.get(1, 0, 2));
        assertEquals(176, img.get(2, 0, 0));
        assertEquals(192, img.get(2, 0, 1));
        assertEquals(208, img.get(2, 0, 2));
    }

    @Test
    void horizontalFlipMirrorsColumnsAndNegatesU() {
        FlowField f = new FlowField(3, 1, new float[] {1, 2, 3}, new float[] {4, 5, 6});
        FlowField g = FlowImages.flipHorizontally(f);
        assertArrayEquals(new float[] {-3, -2, -1}, g.u());
        assertArrayEquals(new float[] {6, 5, 4}, g.v());
    }

    @Test
    void colourWheelShowsDirectionAsHueAndUnknownAsBlack() {
        FlowField f = new FlowField(3, 1, new float[] {1, -1, 1e10f}, new float[] {0, 0, 0});
        RgbImage img = FlowImages.colourWheel(f, 1);
        // Middlebury: motion to the right is red, to the left cyan-ish
        assertEquals(255, img.get(0, 0, 0));
        assertTrue(img.get(0, 0, 2) < 30);
        assertTrue(img.get(1, 0, 0) < 30 && img.get(1, 0, 1) > 200 && img.get(1, 0, 2) > 100);
        assertEquals(0, img.get(2, 0, 0) + img.get(2, 0, 1) + img.get(2, 0, 2));
    }

    private static final int W = 96;
    private static final int H = 72;
    /** Frames of a texture moved by (1.6, -0.8) px. */
    private static final RgbImage A = texture(W, H, 0, 0);
    private static final RgbImage B = texture(W, H, 1.6, -0.8);

    /** The method's end-point error on the moved texture, judged in the interior (the border has no partners). */
    private static double translationError(FlowMethod m) {
        float[] u = new float[W * H];
        float[] v = new float[W * H];
        java.util.Arrays.fill(u, 1.6f);
        java.util.Arrays.fill(v, -0.8f);
        FlowField est = new FlowEstimator(FlowConfig.defaults(m)).estimate(A, B);
        return EndPointError.average(crop(est, 8), crop(new FlowField(W, H, u, v), 8));
    }

    @Test
    void broxRecoversASubPixelTranslationOfATexture() {
        double epe = translationError(FlowMethod.BROX);
        assertTrue(epe < 0.25, "end-point error " + epe);
    }

    /**
     * OpenCV's methods (DIS at each preset, Farneback, TV-L1) recover the same translation; the bounds are each
     * method's accuracy class (DIS and TV-L1 sub-pixel, Farneback's polynomial fit coarser), not tuned to a machine.
     */
    @Test
    void openCvMethodsRecoverASubPixelTranslationOfATexture() {
        java.util.Map<FlowMethod, Double> bound = java.util.Map.of(FlowMethod.DIS_ULTRAFAST, 0.5,
                FlowMethod.DIS_FAST, 0.4, FlowMethod.DIS_MEDIUM, 0.3, FlowMethod.FARNEBACK, 0.6, FlowMethod.TV_L1, 0.3);
        for (FlowMethod m : FlowMethod.values()) {
            if (!m.openCv() || m.cuda()) {
                continue; // CUDA methods: CudaFlowTest, on a GPU
            }
            double epe = translationError(m);
            assertTrue(epe < bound.get(m), m.id() + ": end-point error " + epe);
            FlowField still = new FlowEstimator(FlowConfig.defaults(m)).estimate(A, A);
            assertTrue(EndPointError.average(crop(still, 8), crop(FlowField.zeros(W, H), 8)) < 0.05,
                    m.id() + " sees motion between a frame and itself");
        }
        assertEquals(FlowMethod.TV_L1, FlowMethod.parse("tv-l1"));
        assertEquals(FlowMethod.DIS_MEDIUM, FlowMethod.parse("dis-medium"));
    }

    @Test
    void flippedFramesGiveTheFlippedFlow() {
        int w = 80;
        int h = 60;
        RgbImage a = texture(w, h, 0, 0);
        RgbImage b = texture(w, h, 1.2, 0.4);
        FlowEstimator est = new FlowEstimator(FlowConfig.defaults(FlowMethod.BROX));
        FlowField direct = est.estimate(a, b);
        FlowField ofFlipped = est.estimate(FlowImages.flipHorizontally(a), FlowImages.flipHorizontally(b));
        double epe = EndPointError.average(crop(FlowImages.flipHorizontally(direct), 8), crop(ofFlipped, 8));
        assertTrue(epe < 0.2, "flip consistency " + epe);
    }

    @Test
    void endPointErrorCountsUnknownEstimatesAsZeroMotion() {
        FlowField truth = new FlowField(2, 1, new float[] {3, 0}, new float[] {4, 0});
        FlowField est = new FlowField(2, 1, new float[] {1e10f, 0}, new float[] {1e10f, 1});
        assertEquals((5 + 1) / 2.0, EndPointError.average(est, truth), 1e-9);
    }

    /** A smooth random texture sampled at (x - du, y - dv): the second frame moves by (du, dv). */
    static RgbImage texture(int w, int h, double du, double dv) {
        SplittableRandom rnd = new SplittableRandom(5);
        int k = 12;
        double[][] p = new double[k][4];
        for (double[] q : p) {
            q[0] = rnd.nextDouble(0.05, 0.35);
            q[1] = rnd.nextDouble(0.05, 0.35);
            q[2] = rnd.nextDouble(0, 2 * Math.PI);
            q[3] = rnd.nextDouble(10, 25);
        }
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 128;
                for (double[] q : p) {
                    s += q[3] * Math.sin(q[0] * (x - du) + q[1] * (y - dv) * (q[2] > Math.PI ? -1 : 1) + q[2]);
                }
                int g = (int) Math.max(0, Math.min(255, Math.round(s)));
                img.set(x, y, g, g, g);
            }
        }
        return img;
    }

    static FlowField crop(FlowField f, int m) {
        int w = f.width() - 2 * m;
        int h = f.height() - 2 * m;
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                u[y * w + x] = f.u()[(y + m) * f.width() + x + m];
                v[y * w + x] = f.v()[(y + m) * f.width() + x + m];
            }
        }
        return new FlowField(w, h, u, v);
    }
}
