package org.xmodal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.experiment.RobustArm;
import org.xmodal.engine.json.Json;

/**
 * A robust-distillation experiment folder written by hand as {@code ./xmodal experiment robust} lays one out, for the
 * Results view's tests: {@code results/summary.json} (experiment robust, metric accuracy, arms {@code <arm>@<level>}
 * for the five objectives at corruption levels 0, 0.2 and 0.4), {@code results/runs.json}, and for each arm, level
 * and of two seeds a run folder with a {@code spec.json} and {@code results/accuracy.json}. The numbers are chosen to
 * be checked by hand: ten test images of bedroom and ten of kitchen; at each level an objective's accuracy is its
 * clean accuracy less its drop per unit of corruption times the level, seed 1 two points below it and seed 2 two
 * above (every std 2.8 points); bedroom is ten points above the accuracy and kitchen ten below.
 * <pre>
 *              clean   drop    @0     @0.2   @0.4
 *   ce         0.50    0.25    0.50   0.45   0.40
 *   hint       0.52    0.30    0.52   0.46   0.40
 *   kd         0.54    0.25    0.54   0.49   0.44
 *   crd        0.53    0.20    0.53   0.49   0.45
 *   mnf-csc    0.55    0.05    0.55   0.54   0.53
 * </pre>
 * mnf-csc is the best objective at every level; its gain over ce at 0.4 is 13 points.
 */
public record HandWrittenRobustExperiment(Path folder) {
    public static final List<String> OBJECTIVES = List.of("ce", "hint", "kd", "crd", "mnf-csc");
    public static final List<Double> LEVELS = List.of(0.0, 0.2, 0.4);
    private static final Map<String, double[]> CLEAN_AND_DROP = Map.of("ce", new double[] {0.50, 0.25},
            "hint", new double[] {0.52, 0.30}, "kd", new double[] {0.54, 0.25}, "crd", new double[] {0.53, 0.20},
            "mnf-csc", new double[] {0.55, 0.05});
    public static final String TEACHER = "20260101-000000-robust-teacher";

    /** The summary's arms, objective by objective, each at every level: ce@0, ce@0.2, ... mnf-csc@0.4. */
    public static List<String> arms() {
        List<String> out = new ArrayList<>();
        for (String o : OBJECTIVES) {
            for (double level : LEVELS) {
                out.add(RobustArm.named(o).at(level));
            }
        }
        return out;
    }

    /** The mean accuracy of an objective at a level. */
    public static double mean(String objective, double level) {
        double[] cd = CLEAN_AND_DROP.get(objective);
        return round(cd[0] - cd[1] * level);
    }

    /** A seed's accuracy, bedroom and kitchen. */
    private static double[] values(String objective, double level, int seed) {
        double a = round(mean(objective, level) + (seed == 1 ? -0.02 : 0.02));
        return new double[] {a, round(a + 0.1), round(a - 0.1)};
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The run id of an arm's seed (1 or 2). */
    public static String runId(String arm, int seed) {
        return String.format(Locale.ROOT, "20260101-%06d-robust-%s-s%d", 1 + 2 * arms().indexOf(arm) + seed - 1,
                arm.replace('@', '-'), seed);
    }

    /** Writes the experiment into {@code home/robust-experiment}. */
    public static HandWrittenRobustExperiment write(Path home) {
        try {
            Path folder = home.resolve("robust-experiment");
            Path results = Files.createDirectories(folder.resolve("results"));
            Map<String, ExperimentSummary.Arm> summaryArms = new LinkedHashMap<>();
            Map<String, List<List<String>>> index = new LinkedHashMap<>();
            for (String arm : arms()) {
                RobustArm.Key key = RobustArm.Key.parse(arm);
                List<Double> accuracy = new ArrayList<>();
                Map<String, List<Double>> perClass = new LinkedHashMap<>();
                perClass.put("bedroom", new ArrayList<>());
                perClass.put("kitchen", new ArrayList<>());
                List<List<String>> runs = new ArrayList<>();
                for (int seed = 1; seed <= 2; seed++) {
                    double[] v = values(key.arm(), key.level(), seed);
                    accuracy.add(v[0]);
                    perClass.get("bedroom").add(v[1]);
                    perClass.get("kitchen").add(v[2]);
                    Path run = Files.createDirectories(folder.resolve("runs").resolve(runId(arm, seed))
                            .resolve("results"));
                    Files.writeString(run.getParent().resolve("spec.json"), "{\"name\": \"robust-" + arm + "-s"
                            + seed + "\", \"kind\": \"distill\", \"data\": \"/data/rooms\"}\n");
                    Files.writeString(run.resolve("accuracy.json"), String.format(Locale.ROOT,
                            "{\"accuracy\": %s, \"perClass\": {\"bedroom\": %s, \"kitchen\": %s}, \"images\": 20}\n",
                            v[0], v[1], v[2]));
                    runs.add(List.of(runId(arm, seed)));
                }
                summaryArms.put(arm, ExperimentSummary.Arm.of(ExperimentSummary.ACCURACY, accuracy, perClass));
                index.put(arm, runs);
            }
            new ExperimentSummary(ExperimentSummary.ROBUST, ExperimentSummary.ACCURACY, summaryArms, "scenes",
                    "rooms", "cpu-demo").write(results.resolve("summary.json"));
            Json.writeAtomically(new ExperimentLayout.RunIndex(List.of(1L, 2L), List.of(TEACHER, TEACHER), List.of(),
                    index), results.resolve("runs.json"));
            return new HandWrittenRobustExperiment(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path results() {
        return folder.resolve("results");
    }

    public Path run(String arm, int seed) {
        return folder.resolve("runs").resolve(runId(arm, seed));
    }
}
