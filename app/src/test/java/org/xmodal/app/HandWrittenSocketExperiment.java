package org.xmodal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SOCKET experiment folder written by hand as {@code ./xmodal experiment socket} lays one out, for the Results
 * view's tests: {@code results/summary.json} (experiment socket, metric accuracy), {@code results/runs.json}, and
 * for each of the five arms and two seeds a run folder with a {@code spec.json} and {@code results/accuracy.json}.
 * The numbers are chosen to be checked by hand: ten test images of bedroom and ten of kitchen, so a run's accuracy is
 * the mean of its two classes'; every std is over two seeds, |a - b| / sqrt 2.
 * <pre>
 *                  seed 1 (bedroom, kitchen)  seed 2 (bedroom, kitchen)   accuracy mean
 *   source-only    0.25 (0.2, 0.3)            0.35 (0.4, 0.3)             0.30
 *   im+pl          0.40 (0.5, 0.3)            0.44 (0.5, 0.38)            0.42
 *   socket-no-ti   0.45 (0.5, 0.4)            0.47 (0.6, 0.34)            0.46
 *   socket-no-bn   0.38 (0.4, 0.36)           0.42 (0.5, 0.34)            0.40
 *   socket         0.50 (0.6, 0.4)            0.54 (0.5, 0.58)            0.52
 * </pre>
 * Bedroom is tied between socket-no-ti and socket (0.55); kitchen's best is socket (0.49).
 */
public record HandWrittenSocketExperiment(Path folder) {
    public static final List<String> ARMS = List.of("source-only", "im+pl", "socket-no-ti", "socket-no-bn", "socket");
    public static final String SOURCE = "20260101-000000-socket-source";
    /** Per arm, per seed: accuracy, bedroom, kitchen. */
    private static final Map<String, double[][]> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("source-only", new double[][] {{0.25, 0.2, 0.3}, {0.35, 0.4, 0.3}});
        VALUES.put("im+pl", new double[][] {{0.40, 0.5, 0.3}, {0.44, 0.5, 0.38}});
        VALUES.put("socket-no-ti", new double[][] {{0.45, 0.5, 0.4}, {0.47, 0.6, 0.34}});
        VALUES.put("socket-no-bn", new double[][] {{0.38, 0.4, 0.36}, {0.42, 0.5, 0.34}});
        VALUES.put("socket", new double[][] {{0.50, 0.6, 0.4}, {0.54, 0.5, 0.58}});
    }

    static final String SUMMARY = """
            {"experiment": "socket", "metric": "accuracy",
             "arms": {
              "source-only":  {"accuracy": {"mean": 0.30, "std": 0.0707106781, "seeds": [0.25, 0.35]},
                               "perClass": {"bedroom": {"mean": 0.30, "std": 0.1414213562},
                                            "kitchen": {"mean": 0.30, "std": 0.0}}},
              "im+pl":        {"accuracy": {"mean": 0.42, "std": 0.0282842712, "seeds": [0.40, 0.44]},
                               "perClass": {"bedroom": {"mean": 0.50, "std": 0.0},
                                            "kitchen": {"mean": 0.34, "std": 0.0565685425}}},
              "socket-no-ti": {"accuracy": {"mean": 0.46, "std": 0.0141421356, "seeds": [0.45, 0.47]},
                               "perClass": {"bedroom": {"mean": 0.55, "std": 0.0707106781},
                                            "kitchen": {"mean": 0.37, "std": 0.0424264069}}},
              "socket-no-bn": {"accuracy": {"mean": 0.40, "std": 0.0282842712, "seeds": [0.38, 0.42]},
                               "perClass": {"bedroom": {"mean": 0.45, "std": 0.0707106781},
                                            "kitchen": {"mean": 0.35, "std": 0.0141421356}}},
              "socket":       {"accuracy": {"mean": 0.52, "std": 0.0282842712, "seeds": [0.50, 0.54]},
                               "perClass": {"bedroom": {"mean": 0.55, "std": 0.0707106781},
                                            "kitchen": {"mean": 0.49, "std": 0.1272792206}}}},
             "task": "scenes", "dataset": "rooms10", "preset": "cpu-demo"}
            """;

    /** The run id of an arm's seed (1 or 2). */
    public static String runId(String arm, int seed) {
        return String.format(Locale.ROOT, "20260101-0000%02d-socket-%s-s%d", 1 + 2 * ARMS.indexOf(arm) + seed - 1,
                arm, seed);
    }

    /** Writes the experiment into {@code home/socket-experiment}. */
    public static HandWrittenSocketExperiment write(Path home) {
        try {
            Path folder = home.resolve("socket-experiment");
            Path results = Files.createDirectories(folder.resolve("results"));
            Files.writeString(results.resolve("summary.json"), SUMMARY);
            StringBuilder arms = new StringBuilder();
            for (String arm : ARMS) {
                arms.append(arms.isEmpty() ? "" : ",\n    ").append('"').append(arm).append("\": [[\"")
                        .append(runId(arm, 1)).append("\"], [\"").append(runId(arm, 2)).append("\"]]");
                for (int seed = 1; seed <= 2; seed++) {
                    double[] v = VALUES.get(arm)[seed - 1];
                    Path run = Files.createDirectories(folder.resolve("runs").resolve(runId(arm, seed))
                            .resolve("results"));
                    Files.writeString(run.getParent().resolve("spec.json"), "{\"name\": \"socket-" + arm + "-s" + seed
                            + "\", \"kind\": \"socket\", \"data\": \"/data/rooms10\"}\n");
                    Files.writeString(run.resolve("accuracy.json"), String.format(Locale.ROOT,
                            "{\"accuracy\": %s, \"perClass\": {\"bedroom\": %s, \"kitchen\": %s}, \"images\": 20}\n",
                            v[0], v[1], v[2]));
                }
            }
            Files.writeString(results.resolve("runs.json"), "{\"seeds\": [1, 2], \"teachers\": [\"" + SOURCE
                    + "\", \"" + SOURCE + "\"], \"students\": [],\n  \"arms\": {\n    " + arms + "}}\n");
            return new HandWrittenSocketExperiment(folder);
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
