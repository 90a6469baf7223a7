package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.RgbImage;

class ThumbnailsTest {
    @Test
    void fitKeepsTheAspectRatioAndAveragesPixels() {
        RgbImage img = RgbImage.blank(160, 120);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                int v = (x + y) % 2 == 0 ? 200 : 0;
                img.set(x, y, v, v, v);
            }
        }
        RgbImage t = Thumbnails.fit(img, 40, 40);
        assertEquals(40, t.width());
        assertEquals(30, t.height());
        assertEquals(100, t.get(10, 10, 0));
    }

    @Test
    void fitNeverEnlarges() {
        RgbImage img = RgbImage.blank(20, 10);
        assertSame(img, Thumbnails.fit(img, 100, 100));
    }

    @Test
    void sideBySidePlacesTheSecondImageAfterTheGap() {
        RgbImage a = RgbImage.blank(3, 2);
        RgbImage b = RgbImage.blank(2, 4);
        b.set(0, 3, 9, 8, 7);
        RgbImage both = Thumbnails.sideBySide(a, b, 1, 0xffffff);
        assertEquals(6, both.width());
        assertEquals(4, both.height());
        assertEquals(9, both.get(4, 3, 0));
        assertEquals(255, both.get(0, 3, 0), "below the shorter image is background");
    }
}
