package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.RgbImage;

class FeatureMapPicturesTest {
    private static final FeatureMapPictures.Map2d TWO_BY_ONE = new FeatureMapPictures.Map2d(new float[] {0, 1}, 2, 1);

    @Test
    void eachMapCellBecomesABlockOfItsColour() {
        RgbImage img = FeatureMapPictures.heatmap(TWO_BY_ONE, 0, 1, 8, 4, ColourMap.GREY);
        assertEquals(0, img.get(0, 0, 0));
        assertEquals(0, img.get(3, 3, 0));
        assertEquals(255, img.get(4, 0, 0));
        assertEquals(255, img.get(7, 3, 0));
    }

    @Test
    void anOverlayMixesTheImageGreyWithTheMap() {
        RgbImage base = RgbImage.blank(4, 2);
        RgbImage none = FeatureMapPictures.overlay(base, TWO_BY_ONE, 0, 1, ColourMap.GREY, 0);
        assertEquals(0, none.get(3, 0, 0));
        RgbImage half = FeatureMapPictures.overlay(base, TWO_BY_ONE, 0, 1, ColourMap.GREY, 0.5);
        assertEquals(128, half.get(3, 0, 0));
        assertEquals(0, half.get(0, 0, 0));
    }

    @Test
    void legendsShowTheirRange() {
        RgbImage a = FeatureMapPictures.legend("L2 error", 0, 1, ColourMap.VIRIDIS, 300);
        RgbImage b = FeatureMapPictures.legend("L2 error", 0, 50, ColourMap.VIRIDIS, 300);
        assertEquals(ScaleBar.HEIGHT, a.height());
        assertNotEquals(java.util.Arrays.hashCode(a.rgb()), java.util.Arrays.hashCode(b.rgb()));
    }

    @Test
    void aMapMustHoldItsSize() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureMapPictures.Map2d(new float[3], 2, 2));
        assertEquals(0.5, TWO_BY_ONE.mean(), 1e-9);
    }
}
