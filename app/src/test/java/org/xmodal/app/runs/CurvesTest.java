package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CurvesTest {
    @Test
    void smoothingStartsAtTheFirstValueAndFollowsAStepSlowly() {
        double[] s = Curves.smooth(new double[] {4, 4, 0, 0, 0}, 0.5);
        assertEquals(4, s[0], 1e-12, "debiased: no pull towards zero at the start");
        assertEquals(4, s[1], 1e-12);
        assertTrue(s[2] > 0 && s[2] < 4 && s[3] < s[2] && s[4] < s[3]);
        assertArrayEquals(new double[] {1, 2}, Curves.smooth(new double[] {1, 2}, 0), 0);
        assertThrows(IllegalArgumentException.class, () -> Curves.smooth(new double[1], 1));
    }

    @Test
    void smoothingCarriesOverValuesThatAreNotNumbers() {
        double[] s = Curves.smooth(new double[] {Double.NaN, 2, Double.NaN, 2}, 0.9);
        assertTrue(Double.isNaN(s[0]));
        assertEquals(2, s[1], 1e-12);
        assertEquals(2, s[2], 1e-12);
    }

    @Test
    void thinningKeepsSpikesAndOrder() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        Arrays.setAll(x, i -> i);
        Arrays.setAll(y, i -> 1.0);
        y[54_321] = 50;
        y[777] = -3;
        Curves.Xy t = Curves.thin(x, y, 1000);
        assertTrue(t.size() <= 1000, "at most the points asked for: " + t.size());
        assertEquals(50, Arrays.stream(t.y()).max().orElseThrow());
        assertEquals(-3, Arrays.stream(t.y()).min().orElseThrow());
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.x()[i] > t.x()[i - 1], "ascending x");
        }
        assertEquals(3, Curves.thin(new double[3], new double[3], 1000).size(), "short curves stay whole");
    }
}
