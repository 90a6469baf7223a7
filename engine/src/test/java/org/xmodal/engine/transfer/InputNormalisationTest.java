package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkInput;

class InputNormalisationTest {
    /** Pixel (x, y) has R = 10x + y, G = 100 + x, B = 200 + y. */
    private static RgbImage image() {
        RgbImage img = RgbImage.blank(6, 5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                img.set(x, y, 10 * x + y, 100 + x, 200 + y);
            }
        }
        return img;
    }

    @Test
    void writesTheWindowAsBgrMinusTheMeansWhereNetworkInputSays() {
        int side = 3;
        float[] out = new float[2 * 3 * side * side];
        InputNormalisation.IMAGE.write(image(), 2, 1, side, false, out, 1);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sx = 2 + x;
                int sy = 1 + y;
                String at = "(" + x + ", " + y + ")";
                assertEquals(200 + sy - NetworkInput.MEAN_B, out[NetworkInput.index(1, y, x, 0, side)], 1e-4, at);
                assertEquals(100 + sx - NetworkInput.MEAN_G, out[NetworkInput.index(1, y, x, 1, side)], 1e-4, at);
                assertEquals(10 * sx + sy - NetworkInput.MEAN_R, out[NetworkInput.index(1, y, x, 2, side)], 1e-4,
                        at);
                assertEquals(0, out[NetworkInput.index(0, y, x, 0, side)], 0, "sample 0 untouched");
            }
        }
    }

    @Test
    void aFlippedWindowIsTheSameWindowMirrored() {
        int side = 4;
        float[] plain = new float[3 * side * side];
        float[] flipped = new float[3 * side * side];
        InputNormalisation.FLOW.write(image(), 1, 1, side, false, plain, 0);
        InputNormalisation.FLOW.write(image(), 1, 1, side, true, flipped, 0);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    assertEquals(plain[NetworkInput.index(0, y, x, c, side)],
                            flipped[NetworkInput.index(0, y, side - 1 - x, c, side)], 0);
                }
            }
        }
        assertEquals(10 * 1 + 1 - NetworkInput.FLOW_MEAN, plain[NetworkInput.index(0, 0, 0, 2, side)], 1e-4);
    }

    @Test
    void aWholeImageOfAnyAspectIsOneSampleInTheSameLayout() {
        RgbImage img = image(); // 6 x 5
        float[] whole = InputNormalisation.IMAGE.whole(img);
        assertEquals(3 * 6 * 5, whole.length);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                int o = (y * 6 + x) * 3;
                assertEquals(200 + y - NetworkInput.MEAN_B, whole[o], 1e-4);
                assertEquals(100 + x - NetworkInput.MEAN_G, whole[o + 1], 1e-4);
                assertEquals(10 * x + y - NetworkInput.MEAN_R, whole[o + 2], 1e-4);
            }
        }
        // a square window of it, written as a batch sample, agrees
        float[] window = new float[3 * 5 * 5];
        InputNormalisation.IMAGE.write(img, 0, 0, 5, false, window, 0);
        assertEquals(whole[(2 * 6 + 3) * 3 + 1], window[NetworkInput.index(0, 2, 3, 1, 5)], 0);
    }
}
