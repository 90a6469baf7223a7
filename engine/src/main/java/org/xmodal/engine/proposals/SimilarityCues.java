package org.xmodal.engine.proposals;

/**
 * Which similarities of selective search decide the order of grouping; the similarity of two regions is the sum of
 * the chosen ones, each in [0, 1].
 *
 * @param colour histogram intersection of the regions' colour histograms (25 bins per RGB channel)
 * @param depth  histogram intersection of their HHA histograms (25 bins per channel: disparity, height, angle)
 * @param size   1 - (joint size / image size): small regions group first, so the hierarchy grows evenly
 * @param fill   1 - (bounding box of both - both sizes) / image size: regions that fill each other's gaps first
 */
public record SimilarityCues(boolean colour, boolean depth, boolean size, boolean fill) {
    public SimilarityCues {
        if (!colour && !depth && !size && !fill) {
            throw new IllegalArgumentException("grouping needs at least one similarity cue");
        }
    }

    public static final SimilarityCues ALL = new SimilarityCues(true, true, true, true);

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (colour) {
            b.append("C");
        }
        if (depth) {
            b.append("D");
        }
        if (size) {
            b.append("S");
        }
        if (fill) {
            b.append("F");
        }
        return b.toString();
    }
}
