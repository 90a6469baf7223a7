package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** Which image a fine-tuning run classifies. */
public enum FinetuneInput implements Identified {
    /** The dataset's other modality, encoded as the spec's encoding says. */
    PAIRED,
    RGB;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static FinetuneInput parse(String s) {
        return s == null ? PAIRED : Identified.parse(FinetuneInput.class, s, "finetune.input");
    }
}
