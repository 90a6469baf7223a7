package org.xmodal.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** The target modality of a paired dataset: RGB + depth, or RGB frame + next frame (optical flow). */
public enum Modality implements Identified {
    DEPTH, FLOW;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Modality parse(String s) {
        return Identified.parse(Modality.class, s, "modality");
    }
}
