package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** What a fine-tuning run learns and is evaluated on. */
public enum FinetuneTask implements Identified {
    DETECTION, REGIONS, SCENES;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static FinetuneTask parse(String s) {
        return s == null ? DETECTION : Identified.parse(FinetuneTask.class, s, "finetune.task");
    }
}
