package org.xmodal.engine.hha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/**
 * The encoder against the MATLAB output of rcnn-depth on a real NYU Depth v2 frame (shared/fixtures/nyud2-hha).
 * The reference image turns out to have been made without a missing mask (the filled depth as its own raw
 * depth): given the same inputs we reproduce it exactly; with the raw depth's mask, the normals at and around
 * missing pixels change, as they do for the independent Python port.
 */
class HhaConformanceTest {
    private static DepthMap filled;
    private static DepthMap raw;
    private static RgbImage reference;

    /** Reads the fixture once; each test calls it so that, without ../shared, every test is reported skipped. */
    private static synchronized void readFixture() throws Exception {
        Path dir = SharedFixtures.require("nyud2-hha");
        if (reference != null) {
            return;
        }
        filled = ImageFiles.readDepth16(dir.resolve("depth_filled.png"), 10000);
        raw = ImageFiles.readDepth16(dir.resolve("depth_raw.png"), 10000);
        reference = ImageFiles.readRgb(dir.resolve("hha_matlab_reference.png"));
    }

    @Test
    void withTheRawDepthMaskMatchesMatlabWithinOneGreyLevelOnValidPixels() throws Exception {
        readFixture();
        double[][] diff = meanDifferences(encode(raw));
        String report = describe(diff);
        for (int c = 0; c < 3; c++) {
            assertTrue(diff[0][c] <= 1.0, report);
        }
    }

    @Test
    void withTheReferencesOwnInputsReproducesMatlabOnEveryPixel() throws Exception {
        readFixture();
        RgbImage mine = encode(filled);
        int max = 0;
        long sum = 0;
        for (int i = 0; i < mine.rgb().length; i++) {
            int d = Math.abs((mine.rgb()[i] & 0xFF) - (reference.rgb()[i] & 0xFF));
            max = Math.max(max, d);
            sum += d;
        }
        // exact here; one grey level of slack for a JVM whose acos rounds a tie the other way
        assertTrue(max <= 1, "largest difference " + max);
        assertEquals(0, sum / (double) mine.rgb().length, 0.001);
    }

    private static RgbImage encode(DepthMap mask) {
        return new HhaEncoder().encode(filled, mask, HhaConfig.reference(CameraIntrinsics.nyuColour())).hha();
    }

    /** [0] = mean |difference| per channel on pixels with valid raw depth, [1] = on all pixels. */
    private static double[][] meanDifferences(RgbImage mine) {
        double[][] d = new double[2][3];
        int valid = 0;
        int n = filled.width() * filled.height();
        for (int i = 0; i < n; i++) {
            boolean ok = raw.metres()[i] > 0;
            valid += ok ? 1 : 0;
            for (int c = 0; c < 3; c++) {
                int diff = Math.abs((mine.rgb()[3 * i + c] & 0xFF) - (reference.rgb()[3 * i + c] & 0xFF));
                d[1][c] += diff;
                d[0][c] += ok ? diff : 0;
            }
        }
        for (int c = 0; c < 3; c++) {
            d[0][c] /= valid;
            d[1][c] /= n;
        }
        return d;
    }

    private static String describe(double[][] d) {
        return String.format(Locale.ROOT, "mean |diff| on valid pixels R %.3f G %.3f B %.3f; on all pixels "
                + "R %.3f G %.3f B %.3f", d[0][0], d[0][1], d[0][2], d[1][0], d[1][1], d[1][2]);
    }
}
