package org.xmodal.engine.data;

import java.util.Locale;

/** The target modality of a paired dataset: RGB + depth, or RGB frame + next frame (optical flow). */
public enum Modality {
    DEPTH, FLOW;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Modality parse(String s) {
        for (Modality v : values()) {
            if (v.id().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown modality '" + s + "' (expected depth or flow)");
    }
}
