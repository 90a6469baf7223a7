package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

class FlowLegendTest {
    @Test
    void aPointOfTheDiscHasTheColourOfTheFlowFromTheCentreToIt() {
        int d = 100;
        double max = 4;
        RgbImage legend = FlowLegend.wheel(d, max);
        int left = (legend.width() - d) / 2;
        // pixel 25 px right of the centre: flow (+2, 0) on a rim of 4
        int x = 75;
        int y = 50;
        double u = (x + 0.5 - 50) / 50 * max;
        double v = (y + 0.5 - 50) / 50 * max;
        RgbImage expected = FlowImages.colourWheel(new FlowField(1, 1, new float[] {(float) u}, new float[] {(float) v}),
                max);
        for (int c = 0; c < 3; c++) {
            assertEquals(expected.get(0, 0, c), legend.get(left + x, y, c), "channel " + c);
        }
    }

    @Test
    void outsideTheDiscIsBackground() {
        RgbImage legend = FlowLegend.wheel(60, 2);
        int left = (legend.width() - 60) / 2;
        assertEquals(0xf4, legend.get(left, 0, 0));
    }

    @Test
    void rimMagnitudeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> FlowLegend.wheel(60, 0));
    }
}
