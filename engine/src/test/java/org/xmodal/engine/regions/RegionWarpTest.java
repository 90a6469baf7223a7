package org.xmodal.engine.regions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.transfer.InputNormalisation;

class RegionWarpTest {
    private static final int SIDE = 32;

    /** A grey image with a red square at columns 20..29, rows 10..19, whose left half is brighter red. */
    private static RgbImage image() {
        RgbImage img = RgbImage.blank(64, 48);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                boolean inside = x >= 20 && x <= 29 && y >= 10 && y <= 19;
                img.set(x, y, inside ? (x < 25 ? 250 : 150) : 100, inside ? 0 : 100, inside ? 0 : 100);
            }
        }
        return img;
    }

    private static float red(float[] out, int x, int y) {
        return out[NetworkInput.index(0, y, x, 2, SIDE)] + InputNormalisation.IMAGE.meansBgr()[2];
    }

    @Test
    void boxFillsTheWarpInsideItsContextBorder() {
        float[] out = new float[3 * SIDE * SIDE];
        RegionWarp.write(image(), new Box(20, 10, 29, 19), SIDE, 4, false, InputNormalisation.IMAGE, out, 0);
        assertEquals(250, red(out, 8, 16), 1, "left half of the box");
        assertEquals(150, red(out, 23, 16), 1, "right half of the box");
        assertEquals(100, red(out, 1, 16), 1, "context around the box is the background");
    }

    @Test
    void flipMirrorsTheWarp() {
        float[] plain = new float[3 * SIDE * SIDE];
        float[] flipped = new float[3 * SIDE * SIDE];
        Box box = new Box(20, 10, 29, 19);
        RegionWarp.write(image(), box, SIDE, 4, false, InputNormalisation.IMAGE, plain, 0);
        RegionWarp.write(image(), box, SIDE, 4, true, InputNormalisation.IMAGE, flipped, 0);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIDE; y++) {
                float[] a = new float[SIDE];
                float[] b = new float[SIDE];
                for (int x = 0; x < SIDE; x++) {
                    a[x] = plain[NetworkInput.index(0, y, x, c, SIDE)];
                    b[SIDE - 1 - x] = flipped[NetworkInput.index(0, y, x, c, SIDE)];
                }
                assertArrayEquals(a, b, 1e-6f);
            }
        }
    }

    @Test
    void contextBeyondTheImageIsTheMean() {
        float[] out = new float[3 * SIDE * SIDE];
        RegionWarp.write(image(), new Box(0, 0, 9, 9), SIDE, 8, false, InputNormalisation.IMAGE, out, 0);
        assertEquals(0, out[0], 0, "outside the image: mean, zero after normalisation");
    }
}
