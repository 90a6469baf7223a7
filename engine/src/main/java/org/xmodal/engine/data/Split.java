package org.xmodal.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

public enum Split implements Identified {
    TRAIN, TEST;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Split parse(String s) {
        return Identified.parse(Split.class, s, "split");
    }
}
