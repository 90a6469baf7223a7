package org.xmodal.engine.experiment;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.json.Json;

/**
 * {@code results/summary.json} of a Table 1 experiment (DESIGN.md, CONTRACT):
 * <pre>
 * {"arms": {"&lt;arm&gt;": {"mAP": {"mean": m, "std": s, "seeds": [..]},
 *                        "perClass": {"&lt;class&gt;": {"mean": m, "std": s}}}},
 *  "task": ..., "dataset": ..., "preset": ...}
 * </pre>
 * AP values are fractions in [0, 1]; {@code std} is the sample standard deviation over seeds (0 for one seed);
 * {@code seeds} lists each seed's mAP in seed order. A class without ground truth in the test pairs has no AP and
 * is left out of {@code perClass} (the markdown report names such classes).
 */
@JsonPropertyOrder({"arms", "task", "dataset", "preset"})
public record Table1Summary(Map<String, Arm> arms, String task, String dataset, String preset) {
    public Table1Summary {
        arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
    }

    /** One arm: its mAP over seeds and each class's AP over seeds. */
    @JsonPropertyOrder({"mAP", "perClass"})
    public record Arm(@com.fasterxml.jackson.annotation.JsonProperty("mAP") MapStats mAP,
                      Map<String, Stats> perClass) {
        public Arm {
            perClass = Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
        }
    }

    /** Mean and sample standard deviation over seeds, and the per-seed values. */
    @JsonPropertyOrder({"mean", "std", "seeds"})
    public record MapStats(double mean, double std, List<Double> seeds) {
        public MapStats {
            seeds = List.copyOf(seeds);
        }

        static MapStats of(List<Double> values) {
            Stats s = Stats.of(values);
            return new MapStats(s.mean(), s.std(), values);
        }
    }

    /** Mean and sample standard deviation. */
    @JsonPropertyOrder({"mean", "std"})
    public record Stats(double mean, double std) {
        static Stats of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
            return new Stats(mean, std);
        }
    }

    /**
     * The summary of each arm's per-seed results.
     *
     * @param perSeed by arm name, one detection result per seed in seed order
     * @param classes the evaluated classes, in the table's order
     */
    public static Table1Summary of(Map<String, List<DetectionResult>> perSeed, List<String> classes, String task,
                                   String dataset, String preset) {
        Map<String, Arm> arms = new LinkedHashMap<>();
        perSeed.forEach((arm, results) -> {
            List<Double> maps = results.stream().map(DetectionResult::mAP).toList();
            Map<String, Stats> perClass = new LinkedHashMap<>();
            for (String c : classes) {
                List<Double> ap = new ArrayList<>();
                for (DetectionResult r : results) {
                    Double v = r.apPerClass().get(c);
                    if (v != null && !v.isNaN()) {
                        ap.add(v);
                    }
                }
                if (!ap.isEmpty()) {
                    perClass.put(c, Stats.of(ap));
                }
            }
            arms.put(arm, new Arm(MapStats.of(maps), perClass));
        });
        return new Table1Summary(arms, task, dataset, preset);
    }

    public void write(Path file) throws IOException {
        Json.writeAtomically(this, file);
    }

    public static Table1Summary read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), Table1Summary.class);
    }
}
