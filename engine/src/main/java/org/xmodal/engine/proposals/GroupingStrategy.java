package org.xmodal.engine.proposals;

import java.util.Locale;

/**
 * One run of hierarchical grouping: which image its superpixels come from, how coarse they are, and which
 * similarities order the merges. Selective search's recall comes from running several diverse strategies.
 *
 * @param k FH's scale for an image 640 pixels wide, scaled in proportion to the width for other sizes (measured:
 *          the best k at 160x120 was about a quarter of the best at 640x480, not a sixteenth)
 */
public record GroupingStrategy(SegmentationInput input, double k, SimilarityCues cues) {
    public GroupingStrategy {
        if (input == null || cues == null) {
            throw new IllegalArgumentException("a grouping strategy needs a segmentation input and similarity cues");
        }
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("FH scale k must be positive, got " + k);
        }
    }

    /** Whether the strategy needs the HHA image. */
    public boolean usesDepth() {
        return input.usesHha() || cues.depth();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s k=%.0f %s", input, k, cues);
    }
}
