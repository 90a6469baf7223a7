package org.xmodal.app.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.json.Json;

/**
 * A summary.json written by hand, with numbers chosen to be easy to check: three arms, two seeds, bed and chair
 * with AP, sink without ground truth (in no arm's perClass), chair tied between transfer and rgb.
 */
final class HandWrittenSummary {
    static final String JSON = """
            {"arms": {
              "no-init":  {"mAP": {"mean": 0.20, "std": 0.01, "seeds": [0.19, 0.21]},
                           "perClass": {"bed": {"mean": 0.30, "std": 0.02}, "chair": {"mean": 0.10, "std": 0.00}}},
              "transfer": {"mAP": {"mean": 0.25, "std": 0.02, "seeds": [0.24, 0.26]},
                           "perClass": {"bed": {"mean": 0.28, "std": 0.03}, "chair": {"mean": 0.22, "std": 0.01}}},
              "rgb":      {"mAP": {"mean": 0.30, "std": 0.05, "seeds": [0.26, 0.34]},
                           "perClass": {"bed": {"mean": 0.35, "std": 0.04}, "chair": {"mean": 0.22, "std": 0.02}}}},
             "task": "detection", "dataset": "rooms", "preset": "cpu-demo"}
            """;
    static final List<String> CLASSES = List.of("bed", "chair", "sink");

    private HandWrittenSummary() {
    }

    static ExperimentSummary summary() {
        try {
            return Json.MAPPER.readValue(JSON, ExperimentSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApTable table() {
        return ApTable.of(summary(), CLASSES);
    }
}
