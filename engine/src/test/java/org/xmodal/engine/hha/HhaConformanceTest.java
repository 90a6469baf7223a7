package org.xmodal.engine.hha;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** The encoder against the MATLAB output of rcnn-depth on a real NYU Depth v2 frame (shared/fixtures/nyud2-hha). */
class HhaConformanceTest {

    @Test
    void matchesMatlabReferenceWithinOneGreyLevelOnValidPixels() throws Exception {
        Path dir = SharedFixtures.require("nyud2-hha");
        DepthMap filled = ImageFiles.readDepth16(dir.resolve("depth_filled.png"), 10000);
        DepthMap raw = ImageFiles.readDepth16(dir.resolve("depth_raw.png"), 10000);
        RgbImage reference = ImageFiles.readRgb(dir.resolve("hha_matlab_reference.png"));

        HhaResult result = new HhaEncoder().encode(filled, raw, HhaConfig.reference(CameraIntrinsics.nyuColour()));

        double[] validDiff = new double[3];
        double[] allDiff = new double[3];
        int valid = 0;
        int n = filled.width() * filled.height();
        for (int i = 0; i < n; i++) {
            boolean ok = raw.metres()[i] > 0;
            if (ok) {
                valid++;
            }
            for (int c = 0; c < 3; c++) {
                int d = Math.abs((result.hha().rgb()[3 * i + c] & 0xFF) - (reference.rgb()[3 * i + c] & 0xFF));
                allDiff[c] += d;
                if (ok) {
                    validDiff[c] += d;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            validDiff[c] /= valid;
            allDiff[c] /= n;
        }
        String report = String.format(Locale.ROOT, "mean |diff| valid pixels R %.3f G %.3f B %.3f; all pixels "
                + "R %.3f G %.3f B %.3f", validDiff[0], validDiff[1], validDiff[2], allDiff[0], allDiff[1], allDiff[2]);
        System.out.println(report);
        for (int c = 0; c < 3; c++) {
            assertTrue(validDiff[c] <= 1.0, report);
        }
    }
}
