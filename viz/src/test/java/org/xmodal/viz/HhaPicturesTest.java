package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.image.RgbImage;

class HhaPicturesTest {
    private static final RgbImage HHA = new RgbImage(2, 1, new byte[] {10, 20, 30, (byte) 200, 100, 50});

    @Test
    void eachChannelBecomesAGreyImageOfThatChannel() {
        RgbImage height = HhaPictures.channel(HHA, HhaPictures.Channel.HEIGHT);
        assertEquals(20, height.get(0, 0, 0));
        assertEquals(20, height.get(0, 0, 2));
        RgbImage angle = HhaPictures.channel(HHA, HhaPictures.Channel.ANGLE);
        assertEquals(50, angle.get(1, 0, 1));
        RgbImage disparity = HhaPictures.channel(HHA, HhaPictures.Channel.DISPARITY);
        assertEquals(200, disparity.get(1, 0, 0));
    }

    @Test
    void floorIsTintedGreenAndWallsBlue() {
        RgbImage grey = new RgbImage(3, 1, new byte[] {(byte) 128, (byte) 128, (byte) 128, (byte) 128, (byte) 128,
            (byte) 128, (byte) 128, (byte) 128, (byte) 128});
        RgbImage out = HhaPictures.floorAndWalls(grey, new boolean[] {true, false, false},
                new boolean[] {false, true, false});
        assertTrue(out.get(0, 0, 1) > out.get(0, 0, 0) && out.get(0, 0, 1) > out.get(0, 0, 2), "floor is green");
        assertTrue(out.get(1, 0, 2) > out.get(1, 0, 0) && out.get(1, 0, 2) > out.get(1, 0, 1), "wall is blue");
        assertEquals(out.get(2, 0, 0), out.get(2, 0, 2), "the rest stays grey");
    }

    @Test
    void legendsDifferByChannel() {
        HhaConfig config = HhaConfig.reference(CameraIntrinsics.nyuColour());
        RgbImage height = HhaPictures.legend(HhaPictures.Channel.HEIGHT, config, 320);
        RgbImage angle = HhaPictures.legend(HhaPictures.Channel.ANGLE, config, 320);
        assertEquals(ScaleBar.HEIGHT, height.height());
        assertNotEquals(java.util.Arrays.hashCode(height.rgb()), java.util.Arrays.hashCode(angle.rgb()));
    }
}
