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
                        "detection: object proposals with a background class, per-class AP; regions: classify the "
                                + "ground-truth boxes; scenes: classify whole images into scene classes; clips: "
                                + "trained as scenes, each test clip scored by its frames' class probabilities "
                                + "averaged (action recognition on flow: clip accuracy and mAP)"),
                SpecField.choice("finetune.input", FINETUNE, "Input", List.of("paired", "rgb"), "paired: the "
                        + "student's modality (HHA or flow); rgb: the RGB images"),
                SpecField.of("finetune.init", FINETUNE, "Starts from", SpecField.Type.TEXT, "random, or a weights "
                        + "file or run (an RGB teacher: copy from RGB; a transfer run: its student)"),
                SpecField.of("finetune.freezeUpTo", FINETUNE, "Freeze up to", SpecField.Type.TEXT, "Empty to train "
                        + "every layer, or a layer (pool5: train the fc layers only)"),
                SpecField.of("finetune.proposals", FINETUNE, "Proposals per image", SpecField.Type.INTEGER,
                        "Object proposals per image for training and scoring (detection)"),
                SpecField.of("finetune.foreground", FINETUNE, "Foreground fraction", SpecField.Type.NUMBER,
                        "Share of each batch taken from object regions (detection; 0.25 as Fast R-CNN)"),
                SpecField.of("finetune.labelSmoothing", FINETUNE, "Label smoothing", SpecField.Type.NUMBER,
                        "Share of each target spread over every class (0; 0.1 for SOCKET's source model)"));
    }
}
