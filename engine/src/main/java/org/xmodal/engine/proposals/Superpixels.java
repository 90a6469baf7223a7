package org.xmodal.engine.proposals;

/**
 * A partition of an image into superpixels.
 *
 * @param labels region of each pixel, row-major, 0 .. count - 1
 */
record Superpixels(int width, int height, int[] labels, int count) {
    Superpixels {
        if (labels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " labels, got " + labels.length);
        }
    }
}
