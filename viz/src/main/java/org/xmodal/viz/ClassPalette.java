package org.xmodal.viz;

import java.util.List;

/**
 * Distinct colours for object classes (Tableau 10 and a few more), so a class keeps its colour on every image of
 * a dataset: the class's position in the dataset's class list picks it.
 */
public final class ClassPalette {
    private static final int[] COLOURS = {0xe15759, 0x4e79a7, 0xf28e2b, 0x59a14f, 0xedc948, 0xb07aa1, 0x76b7b2,
        0xff9da7, 0x9c755f, 0xbab0ac, 0x17becf, 0xbcbd22, 0x8c564b, 0xe377c2, 0x7f7f7f, 0x1f77b4, 0xd62728,
        0x2ca02c, 0x9467bd};

    private ClassPalette() {
    }

    /** The colour (0xRRGGBB) of a class; classes missing from the list are coloured by their name. */
    public static int colourOf(String className, List<String> classes) {
        int i = classes.indexOf(className);
        int k = i >= 0 ? i : Math.floorMod(className.hashCode(), COLOURS.length);
        return COLOURS[k % COLOURS.length];
    }
}
