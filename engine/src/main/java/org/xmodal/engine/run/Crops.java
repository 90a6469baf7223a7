package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** What a transfer's crops are cut from. */
public enum Crops implements Identified {
    IMAGE, REGIONS;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static Crops parse(String s) {
        return s == null ? IMAGE : Identified.parse(Crops.class, s, "augmentation.crops");
    }
}
