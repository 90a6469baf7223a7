package org.xmodal.app.lab;

import java.util.List;
import org.xmodal.app.fx.Mark;
import org.xmodal.engine.hha.HhaResult;
import org.xmodal.engine.image.RgbImage;

/**
 * One HHA computation shown in the encoding lab: the image with the horizon and an up arrow drawn from the
 * estimated gravity, the floor and wall pixels gravity was estimated from, the composite and each channel, and the
 * channels' legends (drawn with the pictures, off the UI thread).
 */
public record HhaPreview(HhaResult result, RgbImage rgb, List<Mark> gravityMarks, RgbImage floorAndWalls,
                         RgbImage composite, RgbImage disparity, RgbImage height, RgbImage angle, String summary,
                         Legends legends) {
    /** The grey scales of the three channels, the same for every preview. */
    public record Legends(RgbImage disparity, RgbImage height, RgbImage angle) {
    }

    public HhaPreview {
        gravityMarks = List.copyOf(gravityMarks);
    }
}
