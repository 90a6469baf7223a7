package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.RgbImage;

class FilterPicturesTest {
    /** Two 2x2 filters over 3 planes: filter 0 bright only in plane 2 (red), filter 1 only in plane 0 (blue). */
    private static FilterPictures.Filters twoFilters() {
        float[] w = new float[2 * 3 * 4];
        for (int i = 0; i < 4; i++) {
            w[2 * 4 + i] = 1; // filter 0, plane 2
            w[3 * 4 + 4 * 0 + i] = 1; // filter 1, plane 0
        }
        return FilterPictures.Filters.of(new long[] {2, 3, 2, 2}, w);
    }

    @Test
    void theCompositeShowsPlaneTwoAsRedAndPlaneZeroAsBlue() {
        RgbImage img = FilterPictures.composite(twoFilters(), 1);
        // cells start at 1 and are k*zoom + 1 apart; two filters make a 2 x 1 grid
        assertEquals(255, img.get(1, 1, 0));
        assertEquals(0, img.get(1, 1, 2));
        assertEquals(0, img.get(4, 1, 0));
        assertEquals(255, img.get(4, 1, 2));
    }

    @Test
    void aPlaneIsAGreyGridNormalisedPerFilterInThatPlane() {
        float[] w = new float[3 * 4];
        for (int i = 0; i < 4; i++) {
            w[4 + i] = 100 + i; // plane 1 ramps from 100 to 103; the other planes are far below
        }
        FilterPictures.Filters ramp = FilterPictures.Filters.of(new long[] {1, 3, 2, 2}, w);
        RgbImage one = FilterPictures.plane(ramp, 1, 1);
        assertEquals(one.get(1, 1, 0), one.get(1, 1, 1), "grey");
        assertEquals(0, one.get(1, 1, 0), "the plane's smallest weight is black");
        assertEquals(255, one.get(2, 2, 0), "its largest is white, whatever the other planes hold");
        assertThrows(IllegalArgumentException.class, () -> FilterPictures.plane(twoFilters(), 3, 1));
    }

    @Test
    void planesAndFiguresSitSideBySideUnderTheirCaptions() {
        RgbImage one = FilterPictures.composite(twoFilters(), 4);
        RgbImage planes = FilterPictures.planes(twoFilters(), List.of(new FilterPictures.Plane(2, "disparity"),
                new FilterPictures.Plane(1, "height"), new FilterPictures.Plane(0, "angle")), 4);
        assertTrue(planes.width() > 3 * one.width(), "three grids in a row");
        RgbImage figure = FilterPictures.figure(List.of(new FilterPictures.Panel("RGB teacher", "step 600", one),
                new FilterPictures.Panel("Random init", null, one)));
        assertTrue(figure.width() > 2 * one.width() && figure.height() > one.height());
    }

    @Test
    void weightsThatDoNotMakeTheShapeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FilterPictures.Filters.of(new long[] {2, 3, 2, 2},
                new float[5]));
        assertThrows(IllegalArgumentException.class, () -> FilterPictures.Filters.of(new long[] {2, 3, 2},
                new float[12]));
    }
}
