package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;

class DetectionPicturesTest {
    private static int rgb(RgbImage img, int x, int y) {
        return (img.get(x, y, 0) << 16) | (img.get(x, y, 1) << 8) | img.get(x, y, 2);
    }

    @Test
    void aSmallBoxIsShownEnlargedWithItsOutlineRoundItsPixels() {
        RgbImage img = RgbImage.blank(64, 48);
        Box box = new Box(20, 10, 29, 19); // 10 x 10 pixels
        RgbImage t = DetectionPictures.around(img, box, List.of(new DetectionPictures.Outline(box,
                DetectionPictures.DETECTION_COLOUR, false)), 160, 120);
        // the part shown: 20 x 20 around the box (its extent doubled), at least 16 (a third of 48): enlarged 4 times
        assertEquals(80, t.width());
        assertEquals(80, t.height());
        // the box starts 5 pixels into the part shown: its outline at 4 x 5 = 20
        assertEquals(DetectionPictures.DETECTION_COLOUR, rgb(t, 20, 40));
        assertEquals(0, rgb(t, 10, 40), "outside the box the image is unchanged");
    }

    @Test
    void aLargeImageIsShrunkToFitAndTheVisiblePartStaysInsideTheImage() {
        RgbImage img = RgbImage.blank(640, 480);
        Box box = new Box(500, 300, 639, 479); // in the bottom-right corner
        RgbImage t = DetectionPictures.around(img, box, List.of(), 160, 120);
        assertTrue(t.width() <= 160 && t.height() <= 120, t.width() + "x" + t.height());
        assertArrayEquals(new int[] {360, 640}, DetectionPictures.span(500, 639, 160, 640));
    }
}
