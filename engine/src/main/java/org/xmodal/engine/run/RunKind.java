package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** What a run does; each kind is one class of the engine ({@code RunKinds} dispatches on it). */
public enum RunKind implements Identified {
    /** Supervision transfer: a student learns the frozen teacher's features on the paired modality. */
    TRANSFER,
    /** Train an RGB network on labels (a teacher for later transfers). */
    TEACHER,
    /** Train a region or scene classifier from some initialisation on the few labels, then evaluate it. */
    FINETUNE,
    /**
     * SOCKET (Ahmed et al., ECCV 2022): adapt a trained RGB source model to the target modality without the
     * task's source data, from unlabelled target images and paired images of task-irrelevant classes.
     */
    SOCKET,
    /**
     * Distillation into a classifier of the paired modality: cross-entropy on the labelled pairs plus the chosen
     * distillation terms against a frozen RGB teacher (KD, hints, attention, RKD, CRD; Xia et al.'s noise filter and
     * contrastive semantic calibration), compared on the same pairs.
     */
    DISTILL;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static RunKind parse(String s) {
        return s == null ? TRANSFER : Identified.parse(RunKind.class, s, "kind");
    }
}
