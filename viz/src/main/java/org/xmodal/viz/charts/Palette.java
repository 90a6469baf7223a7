package org.xmodal.viz.charts;

import java.awt.Color;

/** Colours for series: Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies. */
public final class Palette {
    private static final Color[] COLOURS = {
        new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xD5, 0x5E, 0x00),
        new Color(0x00, 0x00, 0x00), new Color(0xF0, 0xE4, 0x42),
    };

    private Palette() {
    }

    public static Color colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }
}
