package org.xmodal.app.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.xmodal.engine.json.Json;

/**
 * What the runs table and the filters and features views need from a run's {@code spec.json}, read leniently: a run
 * whose kind this build does not know (a newer engine's "finetune", say) is still listed and drawn.
 *
 * @param problem why the spec could not be read, or null
 */
public record SpecSummary(String name, String kind, String modality, String data, String studentArchitecture,
                          String studentTap, String teacherSource, int iterations, int batchSize, int inputSize,
                          long seed, String device, String problem) {

    public static SpecSummary read(Path specFile) {
        try {
            JsonNode n = Json.MAPPER.readTree(specFile.toFile());
            if (n == null || !n.isObject()) {
                return unreadable(specFile + ": is not a JSON object");
            }
            return new SpecSummary(text(n, "name"), text(n, "kind"), or(text(n, "modality"), "depth"), text(n, "data"),
                    text(n.path("student"), "architecture"), or(text(n.path("student"), "tap"), "pool5"),
                    text(n.path("teacher"), "source"), n.path("iterations").asInt(), n.path("batchSize").asInt(),
                    n.path("inputSize").asInt(), n.path("seed").asLong(), or(text(n, "device"), "auto"), null);
        } catch (IOException e) {
            return unreadable(specFile + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static SpecSummary unreadable(String why) {
        return new SpecSummary(null, "?", "?", null, null, null, null, 0, 0, 0, 0, "?", why);
    }

    /** What the student of this run sees: "rgb" for a teacher run, else the modality (depth as HHA, or flow). */
    public String input() {
        return "teacher".equals(kind) ? "rgb" : modality;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String or(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
