package org.xmodal.app.results;

import org.xmodal.engine.eval.SceneAccuracy;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.experiment.ExperimentSummary;

/**
 * An experiment as the Results view shows it, whichever experiment wrote it (Table 1's detection arms scored by mAP,
 * SOCKET's ablation scored by accuracy): its summary (the contract file), every class evaluated, and for each arm and
 * seed the result and the runs behind it.
 *
 * @param folder       the experiment's folder (the {@code --out} of {@code ./xmodal experiment table1|socket})
 * @param classes      every evaluated class, in the dataset's order, those without test ground truth included
 * @param withoutTruth classes that no arm could score (no ground truth, no test image): shown as "–"
 * @param seeds        fine-tuning seeds 1..seeds
 * @param arms         by arm name in the summary's order, one entry per seed in seed order
 * @param notes        what the reader should know (a run that could not be matched to the summary, ...)
 * @param hasReport    whether the experiment wrote {@code results/report.html}
 */
public record Experiment(Path folder, ExperimentSummary summary, List<String> classes, List<String> withoutTruth,
                         int seeds, Map<String, List<ArmSeed>> arms, List<String> notes, boolean hasReport) {
    public Experiment {
        classes = List.copyOf(classes);
        withoutTruth = List.copyOf(withoutTruth);
        arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
        notes = List.copyOf(notes);
    }

    /**
     * One seed of one arm.
     *
     * @param result   the detection evaluation the experiment stored (a run's or the fusion's {@code detection.json}),
     *                 if found (Table 1)
     * @param accuracy the run's {@code results/accuracy.json}, if found (SOCKET)
     * @param runs     the run folder of a trained arm, or the two fused runs' folders of a fusion arm (first the one
     *                 with the fusion weight); empty when they are not in the experiment's {@code runs/}
     * @param data     the dataset the runs were trained and tested on (their spec's {@code data}), or null
     * @param fused    whether the arm is a late fusion of two others
     */
    public record ArmSeed(String arm, int seed, Optional<DetectionResult> result,
                          Optional<SceneAccuracy> accuracy, List<Path> runs, String data, boolean fused) {
        public ArmSeed {
            accuracy = accuracy == null ? Optional.empty() : accuracy;
            runs = List.copyOf(runs);
        }

        /** A seed of a detection arm (no accuracy file). */
        public ArmSeed(String arm, int seed, Optional<DetectionResult> result, List<Path> runs, String data,
                       boolean fused) {
            this(arm, seed, result, Optional.empty(), runs, data, fused);
        }

        /**
         * This seed's value of the experiment's main metric as its run stored it (mAP of detection.json, accuracy
         * of accuracy.json), or of one class ({@code className} not null: the class's AP or accuracy); empty when
         * the run's file is missing or has no value for the class.
         */
        public Optional<Double> value(String className) {
            if (result.isPresent()) {
                return Optional.ofNullable(className == null ? Double.valueOf(result.get().mAP())
                        : result.get().apPerClass().get(className)).filter(v -> !v.isNaN());
            }
            return accuracy.flatMap(a -> Optional.ofNullable(className == null ? Double.valueOf(a.accuracy())
                    : a.perClass() == null ? null : a.perClass().get(className))).filter(v -> !v.isNaN());
        }
    }

    /**
     * The class the view opens on: the first with test ground truth that some arm scores above 0 (a class at 0.0 in
     * every arm has empty charts: nothing to look at first), else the first with ground truth; null without one.
     */
    public String firstInformativeClass() {
        List<String> scored = classes.stream().filter(c -> !withoutTruth.contains(c)).toList();
        return scored.stream().filter(c -> summary.arms().values().stream().anyMatch(a -> {
            ExperimentSummary.Stats st = a.perClass().get(c);
            return st != null && st.mean() > 0;
        })).findFirst().orElse(scored.isEmpty() ? null : scored.get(0));
    }

    /** What the experiment scores one by one: "clips" for clip classification (the flow experiment), else "images". */
    public String scoredUnit() {
        return "clips".equals(summary.task()) ? "clips" : "images";
    }

    /** Whether the experiment scores object detection (Table 1, by mAP): PR curves and mistakes apply to it. */
    public boolean detection() {
        return ExperimentSummary.MAP.equals(summary.metric());
    }

    /** The experiment's name for people: "Table 1", "SOCKET", "Robust distillation", "RGB to flow", or what its summary calls it. */
    public String kind() {
        return switch (summary.experiment()) {
            case ExperimentSummary.TABLE1 -> "Table 1";
            case ExperimentSummary.SOCKET -> "SOCKET";
            case ExperimentSummary.ROBUST -> "Robust distillation";
            case ExperimentSummary.FLOW -> "RGB to flow";
            default -> summary.experiment();
        };
    }

    /**
     * Whether the summary's arms are {@code <arm>@<level>}, a robust experiment's objectives at corruption levels:
     * the chart of accuracy against corruption applies.
     */
    public boolean corruptionLevels() {
        return ApTable.levels(summary) != null;
    }

    /** What a class's value of the main metric is called: AP for mAP, else the metric's own name (accuracy). */
    public String classMetric() {
        return detection() ? "AP" : summary.metric();
    }

    public Path results() {
        return folder.resolve("results");
    }

    public Path report() {
        return results().resolve("report.html");
    }

    public List<String> armNames() {
        return List.copyOf(summary.arms().keySet());
    }

    public Optional<ArmSeed> armSeed(String arm, int seed) {
        List<ArmSeed> s = arms.get(arm);
        return s == null || seed < 1 || seed > s.size() ? Optional.empty() : Optional.of(s.get(seed - 1));
    }

    /** A line saying what the experiment is: task, dataset, preset, seeds. */
    public String description() {
        return String.format(java.util.Locale.ROOT, "%s \u00b7 %s on %s \u00b7 preset %s \u00b7 %d seed%s",
                folder.getFileName(), summary.task(), summary.dataset(), summary.preset(), seeds, seeds == 1 ? "" : "s");
    }

    /** The table's footnote: what the numbers are, what "–" means, the arms' meanings, then the notes. */
    public String footnote() {
        Experiment e = this;
        StringBuilder s;
        if (e.detection()) {
            s = new StringBuilder(String.format(Locale.ROOT, "AP on the test pairs in percent, mean \u00b1 "
                    + "sample standard deviation over %d seed%s; the best arm of each row in bold.", e.seeds(),
                    e.seeds() == 1 ? "" : "s"));
            if (!e.withoutTruth().isEmpty()) {
                s.append(" \u2013: no ground truth in the test pairs (").append(String.join(", ", e.withoutTruth()))
                        .append("), so no AP; those classes are not in mAP.");
            }
        } else {
            String m = e.summary().metric();
            String unit = e.scoredUnit();
            s = new StringBuilder(String.format(Locale.ROOT, "%s%s on the test %s in percent (a class's row: "
                    + "the %s on that class's %s), mean \u00b1 sample standard deviation over %d seed%s; the "
                    + "best arm of each row in bold%s; gains in points over %s. Point at a cell for its value at "
                    + "each seed.", ExperimentSummary.ACCURACY.equals(m) ? "Top-1 " : "", m, unit, m, unit, e.seeds(),
                    e.seeds() == 1 ? "" : "s", e.corruptionLevels() ? " (of the arms at the same corruption level)"
                    : "", ApTable.baselineOf(e.summary())));
            if (!e.withoutTruth().isEmpty()) {
                s.append(" \u2013: no test ").append(unit.substring(0, unit.length() - 1)).append(" of ").append(String.join(", ", e.withoutTruth())).append(".");
            }
            List<String> legend = ArmLabels.legend(e.summary().experiment(), e.armNames());
            if (!legend.isEmpty()) {
                s.append("\n").append(String.join("; ", legend)).append(".");
            }
        }
        e.notes().forEach(n -> s.append("\n").append(n));
        return s.toString();
    }
}
