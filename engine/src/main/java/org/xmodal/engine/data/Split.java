package org.xmodal.engine.data;

import java.util.Locale;

public enum Split {
    TRAIN, TEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split parse(String s) {
        for (Split v : values()) {
            if (v.id().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown split '" + s + "' (expected train or test)");
    }
}
