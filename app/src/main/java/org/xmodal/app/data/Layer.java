package org.xmodal.app.data;

/** What the pair viewer can show of a pair. Which layers a pair has depends on its modality and files. */
public enum Layer {
    RGB("RGB"),
    DEPTH("Depth"),
    RAW_DEPTH("Raw depth"),
    HHA("HHA"),
    DISPARITY("Disparity"),
    HEIGHT("Height"),
    ANGLE("Angle"),
    NEXT_FRAME("Next frame"),
    FLOW_WHEEL("Flow"),
    FLOW_TUBES("Action tubes");

    private final String label;

    Layer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
