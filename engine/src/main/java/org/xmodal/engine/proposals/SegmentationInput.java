package org.xmodal.engine.proposals;

/** Which image the initial superpixels are cut from: colour edges, depth (HHA) edges, or both at once. */
public enum SegmentationInput {
    RGB(true, false),
    HHA(false, true),
    /** The six bands together: an edge in either modality separates superpixels. */
    RGB_HHA(true, true);

    private final boolean usesRgb;
    private final boolean usesHha;

    SegmentationInput(boolean usesRgb, boolean usesHha) {
        this.usesRgb = usesRgb;
        this.usesHha = usesHha;
    }

    public boolean usesRgb() {
        return usesRgb;
    }

    public boolean usesHha() {
        return usesHha;
    }
}
