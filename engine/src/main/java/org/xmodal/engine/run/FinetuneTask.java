package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/**
 * What a fine-tuning run learns and is evaluated on. {@code clips} trains exactly as {@code scenes} (each frame pair's
 * whole encoded image, labelled with its scene class, which for a clip dataset is its clip's class) and differs in
 * the evaluation only: a clip is scored by its frames' class probabilities averaged, as the paper scores action
 * recognition on flow.
 */
public enum FinetuneTask implements Identified {
    DETECTION, REGIONS, SCENES, CLIPS;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Whether the task classifies whole images into the dataset's scene classes (scenes and clips): such a run needs
     * a dataset with scene classes and trains on the pairs labelled with one of them.
     */
    public boolean wholeImages() {
        return this == SCENES || this == CLIPS;
    }

    @JsonCreator
    public static FinetuneTask parse(String s) {
        return s == null ? DETECTION : Identified.parse(FinetuneTask.class, s, "finetune.task");
    }
}
