package org.xmodal.engine.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.eval.SceneAccuracy;

/**
 * The robust-distillation experiment as text: accuracy of every objective at every corruption level (percent, mean
 * ± standard deviation over seeds) with its drop from the cleanest level to the most corrupted, per class, per seed,
 * the comparisons the paper makes (MNF/CSC above every other objective at each corrupted level, and losing the
 * least) and the per-seed CSV.
 */
public final class RobustTables {
    public static final String TITLE = "Robust cross-modal distillation: accuracy on clean test pairs as the "
            + "teacher's view is corrupted";

    private RobustTables() {
    }

    public static String markdown(RobustExperiment.Results r) {
        ExperimentSummary sum = r.summary();
        List<Double> levels = r.levels();
        StringBuilder s = new StringBuilder("# ").append(TITLE).append("\n\n").append(intro(r)).append("\n\n");
        s.append("| objective | |");
        levels.forEach(l -> s.append(" ").append(RobustArm.level(l)).append(" |"));
        s.append(levels.size() > 1 ? " drop |\n| --- | --- |" : "\n| --- | --- |");
        levels.forEach(l -> s.append(" ---: |"));
        s.append(levels.size() > 1 ? " ---: |\n" : "\n");
        for (RobustArm arm : RobustArm.ALL) {
            s.append("| ").append(arm.name()).append(" | ").append(arm.label()).append(" |");
            for (double l : levels) {
                ExperimentSummary.Arm a = sum.arms().get(arm.at(l));
                s.append(' ').append(a == null ? "–" : ExperimentTables.pm(a.score().mean(), a.score().std()))
                        .append(" |");
            }
            if (levels.size() > 1) {
                s.append(' ').append(drop(sum, arm, levels)).append(" |");
            }
            s.append('\n');
        }
        for (double l : levels) {
            s.append("\n## Per class, ").append(RobustArm.level(l)).append(" of the train pairs corrupted\n\n")
                    .append("| objective |");
            r.classes().forEach(c -> s.append(' ').append(c).append(" |"));
            s.append("\n| --- |");
            r.classes().forEach(c -> s.append(" ---: |"));
            s.append('\n');
            for (RobustArm arm : RobustArm.ALL) {
                ExperimentSummary.Arm a = sum.arms().get(arm.at(l));
                if (a == null) {
                    continue;
                }
                s.append("| ").append(arm.name()).append(" |");
                for (String c : r.classes()) {
                    ExperimentSummary.Stats st = a.perClass().get(c);
                    s.append(' ').append(st == null ? "–" : ExperimentTables.pm(st.mean(), st.std())).append(" |");
                }
                s.append('\n');
            }
        }
        s.append("\n## Accuracy by seed\n\n| arm |");
        r.seeds().forEach(sd -> s.append(" seed ").append(sd).append(" |"));
        s.append(" mean ± std |\n| --- |");
        r.seeds().forEach(sd -> s.append(" ---: |"));
        s.append(" ---: |\n");
        sum.arms().forEach((name, a) -> {
            s.append("| ").append(name).append(" |");
            a.score().seeds().forEach(v -> s.append(String.format(Locale.ROOT, " %.1f |", 100 * v)));
            s.append(' ').append(ExperimentTables.pm(a.score().mean(), a.score().std())).append(" |\n");
        });
        s.append("\n## The paper's comparisons (mean accuracy)\n\n");
        comparisons(sum, levels).forEach(c -> s.append("- ").append(c.text()).append('\n'));
        robustness(sum, levels).forEach(line -> s.append("- ").append(line).append('\n'));
        if (!r.corruptions().isEmpty()) {
            s.append("\n## Corrupted pairs\n\n");
            r.corruptions().forEach((l, what) -> s.append("- ").append(l).append(": ").append(what).append('\n'));
        }
        if (!r.notes().isEmpty()) {
            s.append("\n## Notes\n\n");
            r.notes().forEach(n -> s.append("- ").append(n).append('\n'));
        }
        s.append("\n## Runs\n\n");
        r.runs().forEach((arm, ids) -> s.append("- ").append(arm).append(": ").append(String.join(", ", ids))
                .append('\n'));
        return s.toString();
    }

    /** {@code arm,level,seed,class,accuracy}: every seed's accuracy of every class and overall. */
    public static String perSeedCsv(RobustExperiment.Results r) {
        StringBuilder s = new StringBuilder("arm,level,seed,class,accuracy\n");
        r.perSeed().forEach((key, results) -> {
            RobustArm.Key k = RobustArm.Key.parse(key);
            for (int i = 0; i < results.size(); i++) {
                SceneAccuracy a = results.get(i);
                long seed = r.seeds().get(i);
                String prefix = k.arm() + "," + RobustArm.level(k.level()) + "," + seed + ",";
                for (String c : r.classes()) {
                    Double v = a.perClass().get(c);
                    s.append(prefix).append(c).append(',').append(v == null ? ""
                            : String.format(Locale.ROOT, "%.6f", v)).append('\n');
                }
                s.append(prefix).append(String.format(Locale.ROOT, "accuracy,%.6f%n", a.accuracy()));
            }
        });
        return s.toString();
    }

    /** A compact table for the terminal: objective, accuracy (%) at each level, drop. */
    public static List<String> terminal(ExperimentSummary sum, List<Double> levels) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s", "objective"));
        levels.forEach(l -> head.append(String.format(Locale.ROOT, " %14s", "noise " + RobustArm.level(l))));
        head.append(levels.size() > 1 ? String.format(Locale.ROOT, " %7s", "drop") : "");
        lines.add(head.toString());
        for (RobustArm arm : RobustArm.ALL) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s", arm.name()));
            for (double l : levels) {
                ExperimentSummary.Arm a = sum.arms().get(arm.at(l));
                line.append(String.format(Locale.ROOT, " %14s", a == null ? "–"
                        : ExperimentTables.pm(a.score().mean(), a.score().std())));
            }
            if (levels.size() > 1) {
                line.append(String.format(Locale.ROOT, " %7s", drop(sum, arm, levels)));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** MNF/CSC against every other objective at each corrupted level, as the paper's Table 1 compares them. */
    public static List<ArmComparison> comparisons(ExperimentSummary sum, List<Double> levels) {
        List<List<String>> orderings = new ArrayList<>();
        for (double l : levels) {
            if (l == 0 && levels.size() > 1) {
                continue;
            }
            for (RobustArm other : RobustArm.ALL) {
                if (other != RobustArm.MNF_CSC) {
                    orderings.add(List.of(RobustArm.MNF_CSC.at(l), other.at(l)));
                }
            }
        }
        return ArmComparison.of(sum, orderings);
    }

    /**
     * Whether MNF/CSC loses the least accuracy from the cleanest level to the most corrupted one, and each
     * objective's loss: the paper's claim that the filter and calibration make distillation robust to noisy pairs.
     */
    public static List<String> robustness(ExperimentSummary sum, List<Double> levels) {
        if (levels.size() < 2) {
            return List.of();
        }
        double first = levels.get(0);
        double last = levels.get(levels.size() - 1);
        Map<String, Double> drops = new LinkedHashMap<>();
        for (RobustArm arm : RobustArm.ALL) {
            ExperimentSummary.Arm a = sum.arms().get(arm.at(first));
            ExperimentSummary.Arm b = sum.arms().get(arm.at(last));
            if (a != null && b != null) {
                drops.put(arm.name(), b.score().mean() - a.score().mean());
            }
        }
        Double mine = drops.get(RobustArm.MNF_CSC.name());
        if (mine == null) {
            return List.of();
        }
        // the changes are negative when accuracy falls: an arm that lost more has a lower change
        List<String> worse = drops.entrySet().stream().filter(e -> !e.getKey().equals(RobustArm.MNF_CSC.name())
                && e.getValue() < mine).map(Map.Entry::getKey).toList();
        List<String> others = drops.keySet().stream().filter(k -> !k.equals(RobustArm.MNF_CSC.name())).toList();
        StringBuilder changes = new StringBuilder();
        drops.forEach((k, v) -> changes.append(changes.length() == 0 ? "" : ", ").append(k)
                .append(String.format(Locale.ROOT, " %+.1f", 100 * v)));
        boolean holds = worse.size() == others.size();
        return List.of(String.format(Locale.ROOT, "mnf-csc loses the least from %s to %s corrupted: %s (change in "
                + "accuracy: %s)", RobustArm.level(first), RobustArm.level(last), holds ? "holds"
                : "does NOT hold (it loses less than " + (worse.isEmpty() ? "none" : String.join(", ", worse))
                + " of " + String.join(", ", others) + ")", changes));
    }

    /** What report.html shows. */
    static ExperimentReport report(RobustExperiment.Results r) {
        Map<String, String> labels = new LinkedHashMap<>();
        r.summary().arms().keySet().forEach(k -> {
            RobustArm.Key key = RobustArm.Key.parse(k);
            labels.put(k, RobustArm.named(key.arm()).label() + ", " + RobustArm.level(key.level()) + " corrupted");
        });
        List<String> notes = new ArrayList<>(robustness(r.summary(), r.levels()));
        r.corruptions().forEach((l, what) -> notes.add("corrupted at " + l + ": " + what));
        notes.addAll(r.notes());
        return new ExperimentReport(TITLE, intro(r), r.summary(), r.classes(), r.seeds(), labels,
                RobustArm.CE.at(r.levels().get(0)), comparisons(r.summary(), r.levels()), notes, r.runs());
    }

    private static String intro(RobustExperiment.Results r) {
        ExperimentSummary sum = r.summary();
        return String.format(Locale.ROOT, "Scene classification of the paired modality's clean test images (%d "
                        + "classes, %d images) by students trained on %d labelled train pairs, of which the given "
                        + "fraction have their RGB image (the teacher's view) corrupted. Dataset: %s. Preset: %s. "
                        + "Top-1 accuracy in percent, mean ± sample standard deviation over %d seed%s (%s).",
                r.classes().size(), r.testImages(), r.trainPairs(), sum.dataset(), sum.preset(), r.seeds().size(),
                r.seeds().size() == 1 ? "" : "s", String.join(", ", r.seeds().stream().map(String::valueOf)
                        .toList()));
    }

    private static String drop(ExperimentSummary sum, RobustArm arm, List<Double> levels) {
        ExperimentSummary.Arm a = sum.arms().get(arm.at(levels.get(0)));
        ExperimentSummary.Arm b = sum.arms().get(arm.at(levels.get(levels.size() - 1)));
        return a == null || b == null ? "–" : String.format(Locale.ROOT, "%+.1f", 100 * (b.score().mean()
                - a.score().mean()));
    }
}
