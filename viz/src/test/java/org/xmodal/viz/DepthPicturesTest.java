package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;

class DepthPicturesTest {
    private static int brightness(RgbImage img, int x, int y) {
        return img.get(x, y, 0) + img.get(x, y, 1) + img.get(x, y, 2);
    }

    @Test
    void nearPixelsAreBrighterThanFarOnes() {
        DepthMap d = new DepthMap(3, 1, new float[] {0.8f, 2.5f, 6.0f});
        RgbImage img = DepthPictures.colour(d, DepthScale.of(d));
        assertTrue(brightness(img, 0, 0) > brightness(img, 1, 0));
        assertTrue(brightness(img, 1, 0) > brightness(img, 2, 0));
    }

    @Test
    void missingMeasurementsAreBlackAndNothingElseIs() {
        DepthMap d = new DepthMap(3, 1, new float[] {0f, Float.NaN, 9.9f});
        RgbImage img = DepthPictures.colour(d, new DepthScale(0.5, 10));
        assertEquals(0, brightness(img, 0, 0));
        assertEquals(0, brightness(img, 1, 0));
        assertTrue(brightness(img, 2, 0) > 0, "the farthest colour of the map is not black");
    }

    @Test
    void scaleIsRoundedOutwardsToHalfMetres() {
        DepthMap d = new DepthMap(2, 1, new float[] {1.23f, 4.61f});
        DepthScale s = DepthScale.of(d);
        assertEquals(1.0, s.minMetres(), 1e-9);
        assertEquals(5.0, s.maxMetres(), 1e-9);
    }

    @Test
    void ticksAreRoundAndInsideTheScale() {
        List<Double> ticks = new DepthScale(1.0, 5.0).tickValues();
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), ticks);
        List<Double> fine = new DepthScale(0.5, 1.5).tickValues();
        assertTrue(fine.size() >= 3 && fine.size() <= 8, fine.toString());
        assertTrue(fine.stream().allMatch(v -> v >= 0.5 && v <= 1.5));
        assertEquals("2.5 m", DepthScale.format(2.5));
        assertEquals("3 m", DepthScale.format(3.0));
    }

    @Test
    void scaleBarStripRunsFromTheNearColourToTheFarColour() {
        DepthScale s = new DepthScale(1, 3);
        RgbImage bar = DepthPictures.scaleBar(s, 300);
        assertEquals(ScaleBar.HEIGHT, bar.height());
        int y = 24;
        int left = (bar.get(18, y, 0) << 16) | (bar.get(18, y, 1) << 8) | bar.get(18, y, 2);
        int right = (bar.get(300 - 19, y, 0) << 16) | (bar.get(300 - 19, y, 1) << 8) | bar.get(300 - 19, y, 2);
        assertEquals(DepthPictures.colourOf(1, s), left);
        assertEquals(DepthPictures.colourOf(3, s), right);
    }

    @Test
    void pictureWithScaleBarKeepsThePictureOnTop() {
        DepthMap d = new DepthMap(4, 2, new float[] {1, 1, 2, 2, 3, 3, 4, 4});
        DepthScale s = DepthScale.of(d);
        RgbImage both = DepthPictures.withScaleBar(d, s, 200);
        RgbImage alone = DepthPictures.colour(d, s);
        assertEquals(2 + ScaleBar.HEIGHT, both.height());
        assertEquals(alone.get(3, 1, 1), both.get(3, 1, 1));
    }
}
