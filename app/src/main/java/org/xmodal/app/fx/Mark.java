package org.xmodal.app.fx;

/**
 * Something drawn over an image, in continuous image coordinates ((0, 0) is the top-left corner of the top-left
 * pixel), so marks stay on their pixels at any zoom. Colours are 0xRRGGBB.
 */
public sealed interface Mark {
    /** A box with a label above it, e.g. a ground-truth object and its class. */
    record Rect(double x1, double y1, double x2, double y2, String label, int colour) implements Mark {
    }

    /** A line with an optional arrow head at its end and a label at its start, e.g. the horizon. */
    record Line(double x1, double y1, double x2, double y2, String label, int colour, boolean arrow) implements Mark {
    }
}
