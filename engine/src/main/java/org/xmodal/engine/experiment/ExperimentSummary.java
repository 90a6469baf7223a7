package org.xmodal.engine.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.json.Json;

/**
 * {@code results/summary.json} of every experiment (Table 1, SOCKET, ...), one schema for all (DESIGN.md, CONTRACT):
 * <pre>
 * {"experiment": "table1", "metric": "mAP",
 *  "arms": {"&lt;arm&gt;": {"mAP": {"mean": m, "std": s, "seeds": [..]},
 *                        "perClass": {"&lt;class&gt;": {"mean": m, "std": s}}}},
 *  "task": ..., "dataset": ..., "preset": ...}
 * </pre>
 * Each arm has one or more metrics by name ({@code mAP} for Table 1, {@code accuracy} for SOCKET), the experiment's
 * main one ({@code metric}) first, and the per-class values of the main metric (a class's AP, a class's accuracy).
 * Values are fractions in [0, 1]; {@code std} is the sample standard deviation over seeds (0 for one seed);
 * {@code seeds} lists each seed's value in seed order. A class that cannot be scored (no ground truth in the test
 * pairs) is left out of {@code perClass}. A summary written before {@code experiment} and {@code metric} existed is
 * a Table 1 one scored by mAP.
 */
@JsonPropertyOrder({"experiment", "metric", "arms", "task", "dataset", "preset"})
public record ExperimentSummary(String experiment, String metric, Map<String, Arm> arms, String task, String dataset,
                                String preset) {
    public static final String TABLE1 = "table1";
    public static final String SOCKET = "socket";
    public static final String ROBUST = "robust";
    public static final String FLOW = "flow";
    public static final String MAP = "mAP";
    public static final String ACCURACY = "accuracy";

    public ExperimentSummary {
        experiment = experiment == null ? TABLE1 : experiment;
        metric = metric == null ? MAP : metric;
        arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
    }

    /**
     * The summary of an experiment scored by accuracy, from each arm's per-seed results: accuracy over seeds, and each
     * class's accuracy over seeds (a class a seed could not score counts as missing there).
     */
    public static ExperimentSummary ofAccuracies(String experiment, Map<String, List<SceneAccuracy>> perSeed,
                                                 List<String> classes, String task, String dataset, String preset) {
        Map<String, Arm> arms = new LinkedHashMap<>();
        perSeed.forEach((arm, results) -> {
            Map<String, List<Double>> perClass = new LinkedHashMap<>();
            for (String c : classes) {
                perClass.put(c, results.stream().map(a -> a.perClass().get(c)).toList());
            }
            arms.put(arm, Arm.of(ACCURACY, results.stream().map(SceneAccuracy::accuracy).toList(), perClass));
        });
        return new ExperimentSummary(experiment, ACCURACY, arms, task, dataset, preset);
    }

    /** A Table 1 summary (scored by mAP). */
    public ExperimentSummary(Map<String, Arm> arms, String task, String dataset, String preset) {
        this(TABLE1, MAP, arms, task, dataset, preset);
    }

    /**
     * One arm: its metrics over seeds (the main one first) and each class's value of the main one over seeds. In
     * JSON the metrics are keys of their own before {@code perClass}: {@code {"mAP": {...}, "perClass": {...}}}.
     */
    public record Arm(Map<String, SeedStats> metrics, Map<String, Stats> perClass) {
        private static final String PER_CLASS = "perClass";

        public Arm {
            if (metrics == null || metrics.isEmpty()) {
                throw new IllegalArgumentException("an arm of an experiment's summary needs at least one metric");
            }
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            perClass = perClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
        }

        /** An arm scored by one metric. */
        public static Arm of(String metric, SeedStats value, Map<String, Stats> perClass) {
            return new Arm(Map.of(metric, value), perClass);
        }

        /**
         * An arm from its per-seed values.
         *
         * @param perSeed  the main metric of each seed, in seed order
         * @param perClass each class's values over the seeds that could score it (classes without any are left out)
         */
        public static Arm of(String metric, List<Double> perSeed, Map<String, List<Double>> perClass) {
            Map<String, Stats> classes = new LinkedHashMap<>();
            perClass.forEach((c, values) -> {
                List<Double> scored = values.stream().filter(v -> v != null && !v.isNaN()).toList();
                if (!scored.isEmpty()) {
                    classes.put(c, Stats.of(scored));
                }
            });
            return of(metric, SeedStats.of(perSeed), classes);
        }

        /** The JSON object: the metrics, in order, then perClass. */
        @JsonValue
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>(metrics);
            out.put(PER_CLASS, perClass);
            return out;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Arm fromJson(Map<String, JsonNode> json) throws JsonProcessingException {
            Map<String, SeedStats> metrics = new LinkedHashMap<>();
            Map<String, Stats> perClass = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : json.entrySet()) {
                if (e.getKey().equals(PER_CLASS)) {
                    for (Map.Entry<String, JsonNode> c : e.getValue().properties()) {
                        perClass.put(c.getKey(), Json.MAPPER.treeToValue(c.getValue(), Stats.class));
                    }
                } else {
                    metrics.put(e.getKey(), Json.MAPPER.treeToValue(e.getValue(), SeedStats.class));
                }
            }
            return new Arm(metrics, perClass);
        }

        /** The arm's main metric (the first it lists). */
        public SeedStats score() {
            return metrics.values().iterator().next();
        }

        /** A metric by name, or null. */
        public SeedStats metric(String name) {
            return metrics.get(name);
        }
    }

    /** Mean and sample standard deviation over seeds, and the per-seed values. */
    @JsonPropertyOrder({"mean", "std", "seeds"})
    public record SeedStats(double mean, double std, List<Double> seeds) {
        public SeedStats {
            seeds = List.copyOf(seeds);
        }

        public static SeedStats of(List<Double> values) {
            Stats s = Stats.of(values);
            return new SeedStats(s.mean(), s.std(), values);
        }
    }

    /** Mean and sample standard deviation. */
    @JsonPropertyOrder({"mean", "std"})
    public record Stats(double mean, double std) {
        public static Stats of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
            return new Stats(mean, std);
        }
    }

    public void write(Path file) throws IOException {
        Json.writeAtomically(this, file);
    }

    public static ExperimentSummary read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), ExperimentSummary.class);
    }
}
