package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.DepthMap;

class DepthFillerTest {
    @Test
    void filledDepthHasNoHolesAndKeepsEveryMeasurement() {
        int w = 40;
        int h = 30;
        float[] raw = new float[w * h];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 2f + 0.01f * (i % w);
        }
        // A large hole and a missing border column.
        for (int y = 5; y < 25; y++) {
            for (int x = 10; x < 30; x++) {
                raw[y * w + x] = 0;
            }
            raw[y * w] = 0;
        }
        DepthMap filled = DepthFiller.fill(new DepthMap(w, h, raw), 8f);
        assertEquals(1.0, filled.validFraction());
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] > 0) {
                assertEquals(raw[i], filled.metres()[i], "measured pixel " + i);
            }
        }
    }

    @Test
    void holesBetweenForegroundAndBackgroundFillWithBackground() {
        int w = 30;
        float[] raw = new float[w * 5];
        Arrays.fill(raw, 3f);
        for (int y = 0; y < 5; y++) {
            for (int x = 15; x < 25; x++) {
                raw[y * w + x] = 1.5f;
            }
            // The shadow band left of the foreground.
            for (int x = 12; x < 15; x++) {
                raw[y * w + x] = 0;
            }
        }
        DepthMap filled = DepthFiller.fill(new DepthMap(w, 5, raw), 8f);
        for (int y = 0; y < 5; y++) {
            for (int x = 12; x < 15; x++) {
                assertTrue(filled.get(x, y) >= 0.95f * 3f, "shadow pixel " + x + "," + y + " = " + filled.get(x, y));
            }
        }
    }

    @Test
    void anImageWithoutAnyReadingIsFilledWithTheFallback() {
        DepthMap filled = DepthFiller.fill(new DepthMap(4, 3, new float[12]), 8f);
        for (float v : filled.metres()) {
            assertEquals(8f, v);
        }
    }
}
