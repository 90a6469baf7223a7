package org.xmodal.app.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.xmodal.engine.json.Json;

/**
 * What the runs table and the filters and features views need from a run's {@code spec.json}, read leniently: a run
 * whose kind this build does not know (a newer engine's "finetune", say) is still listed and drawn.
 *
 * @param finetuneInit     a fine-tuning run's initial weights ("random", or a path), else null
 * @param finetuneInput    a fine-tuning run's input ("paired" or "rgb"), else null
 * @param finetuneFrozenUpTo the tap up to which a fine-tuning run keeps its weights fixed, or null
 * @param finetuneTask     a fine-tuning run's task ("detection" when the spec names none, as the engine reads it),
 *                         else null
 * @param studentWeightInit how the student's random weights are drawn ("kaiming" or "caffe")
 * @param problem why the spec could not be read, or null
 */
public record SpecSummary(String name, String kind, String modality, String data, String studentArchitecture,
                          String studentTap, String teacherSource, int iterations, int batchSize, int inputSize,
                          long seed, String device, String finetuneInit, String finetuneInput,
                          String finetuneFrozenUpTo, String finetuneTask, String studentWeightInit,
                          String problem) {

    public static SpecSummary read(Path specFile) {
        try {
            JsonNode n = Json.MAPPER.readTree(specFile.toFile());
            if (n == null || !n.isObject()) {
                return unreadable(specFile + ": is not a JSON object");
            }
            return new SpecSummary(text(n, "name"), text(n, "kind"), or(text(n, "modality"), "depth"), text(n, "data"),
                    text(n.path("student"), "architecture"), or(text(n.path("student"), "tap"), "pool5"),
                    text(n.path("teacher"), "source"), n.path("iterations").asInt(), n.path("batchSize").asInt(),
                    n.path("inputSize").asInt(), n.path("seed").asLong(), or(text(n, "device"), "auto"),
                    text(n.path("finetune"), "init"), text(n.path("finetune"), "input"),
                    text(n.path("finetune"), "freezeUpTo"), "finetune".equals(text(n, "kind"))
                            ? or(text(n.path("finetune"), "task"), "detection") : null,
                    or(text(n.path("student"), "weightInit"), "kaiming"), null);
        } catch (IOException e) {
            return unreadable(specFile + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static SpecSummary unreadable(String why) {
        return new SpecSummary(null, "?", "?", null, null, null, null, 0, 0, 0, 0, "?", null, null, null, null, "kaiming",
                why);
    }

    /** What the student of this run sees: "rgb" for a teacher run, else the modality (depth as HHA, or flow). */
    public String input() {
        return "teacher".equals(kind) ? "rgb" : modality;
    }

    /**
     * Whether this is a fine-tuning run of the paired modality, all layers trained, that starts from weights inside
     * {@code teacherRun} (the paper's "copy from RGB", fine-tuned).
     */
    public boolean fineTunesCopyOf(Path teacherRun) {
        if (!"finetune".equals(kind) || finetuneInit == null || "random".equals(finetuneInit)
                || !"paired".equals(or(finetuneInput, "paired")) || finetuneFrozenUpTo != null) {
            return false;
        }
        try {
            return Path.of(finetuneInit).toAbsolutePath().normalize()
                    .startsWith(teacherRun.toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String or(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
