package org.xmodal.app.runs;

import java.util.List;
import org.xmodal.engine.run.FinetuneTask;

/** The run form's fields of a fine-tuning run's own settings ({@code finetune.*}). */
final class FinetuneFields {
    private static final String FINETUNE = SpecForm.FINETUNE;

    private FinetuneFields() {
    }

    static List<SpecField> fields() {
        return List.of(
                SpecField.choice("finetune.task", FINETUNE, "Task", SpecForm.ids(FinetuneTask.class),
                        "detection: object proposals with a background class, per-class AP (the default); regions: "
                                + "classify the ground-truth boxes; scenes: classify whole images into scene classes; "
                                + "clips: trained as scenes, each test clip scored by its frames' class "
                                + "probabilities averaged (action recognition on flow: clip accuracy and mAP)"),
                SpecField.choice("finetune.input", FINETUNE, "Input", List.of("paired", "rgb"), "paired (the "
                        + "default): the paired modality (HHA or flow, as the encoding says); rgb: the RGB images"),
                SpecField.of("finetune.init", FINETUNE, "Starts from", SpecField.Type.TEXT, "random (the default), "
                        + "or the weights the network starts from: " + RunFields.WEIGHTS_TAKES + ". The list offers "
                        + "finished teacher runs (the paper's copy from RGB) and transfer runs (their student, "
                        + "supervision transfer's initialisation)"),
                SpecField.of("finetune.freezeUpTo", FINETUNE, "Freeze up to", SpecField.Type.TEXT, "Blank (the "
                        + "default) to train every layer, or a layer up to which the starting weights stay fixed "
                        + "(pool5: train the fc layers only, the paper's 'ft fc only')"),
                SpecField.of("finetune.proposals", FINETUNE, "Proposals per image", SpecField.Type.INTEGER,
                        "Object proposals per image for training and scoring (detection), at least 1 (default 300; "
                                + "200 in the CPU preset)"),
                SpecField.of("finetune.foreground", FINETUNE, "Foreground fraction", SpecField.Type.NUMBER,
                        "Share of each batch taken from object regions (detection), in (0, 1] (default 0.25, as "
                                + "Fast R-CNN)"),
                SpecField.of("finetune.labelSmoothing", FINETUNE, "Label smoothing", SpecField.Type.NUMBER,
                        "Share of each target spread over every class, in [0, 1) (default 0; 0.1 for SOCKET's "
                                + "source model)"));
    }
}
