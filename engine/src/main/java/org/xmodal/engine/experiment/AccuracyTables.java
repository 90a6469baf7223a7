package org.xmodal.engine.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.eval.SceneAccuracy;

/**
 * The text of an experiment whose arms are scored by top-1 accuracy, one run per arm and seed (SOCKET's ablation, the
 * flow experiment): a markdown table (arms as rows, accuracy, the gain over a baseline arm, then each class; percent,
 * mean ± standard deviation over seeds), each seed's accuracy, the paper's comparisons, notes and runs; the per-seed
 * CSV; a compact terminal table; and what report.html shows.
 *
 * @param title       the heading
 * @param intro       the paragraph under it (task, data, preset, what the numbers are)
 * @param summary     the experiment's summary
 * @param classes     the classes, in the dataset's order
 * @param seeds       the seeds, in order
 * @param perSeed     by arm, each seed's accuracy as its run stored it
 * @param labels      the paper's words for each arm
 * @param baseline    the arm gains are measured from
 * @param orderings   the comparisons the paper makes, each (better arm, worse arm)
 * @param notes       what the reader should know
 * @param runs        by arm, each seed's run id
 */
public record AccuracyTables(String title, String intro, ExperimentSummary summary, List<String> classes,
                             List<Long> seeds, Map<String, List<SceneAccuracy>> perSeed, Map<String, String> labels,
                             String baseline, List<List<String>> orderings, List<String> notes,
                             Map<String, List<String>> runs) {
    public String markdown() {
        StringBuilder s = new StringBuilder("# ").append(title).append("\n\n").append(intro).append("\n\n");
        StringBuilder header = new StringBuilder("| arm | | accuracy | gain over " + baseline + " |");
        StringBuilder rule = new StringBuilder("| --- | --- | ---: | ---: |");
        for (String c : classes) {
            header.append(' ').append(c).append(" |");
            rule.append(" ---: |");
        }
        s.append(header).append('\n').append(rule).append('\n');
        summary.arms().forEach((name, a) -> {
            s.append("| ").append(name).append(" | ").append(labels.getOrDefault(name, "")).append(" | ")
                    .append(ExperimentTables.pm(a.score().mean(), a.score().std())).append(" | ")
                    .append(gain(name, a)).append(" |");
            for (String c : classes) {
                ExperimentSummary.Stats st = a.perClass().get(c);
                s.append(' ').append(st == null ? "–" : ExperimentTables.pm(st.mean(), st.std())).append(" |");
            }
            s.append('\n');
        });
        s.append("\n## Accuracy by seed\n\n| arm |");
        seeds.forEach(sd -> s.append(" seed ").append(sd).append(" |"));
        s.append(" mean ± std |\n| --- |");
        seeds.forEach(sd -> s.append(" ---: |"));
        s.append(" ---: |\n");
        summary.arms().forEach((name, a) -> {
            s.append("| ").append(name).append(" |");
            a.score().seeds().forEach(v -> s.append(String.format(Locale.ROOT, " %.1f |", 100 * v)));
            s.append(' ').append(ExperimentTables.pm(a.score().mean(), a.score().std())).append(" |\n");
        });
        s.append("\n## The paper's comparisons (mean accuracy)\n\n");
        comparisons().forEach(c -> s.append("- ").append(c.text()).append('\n'));
        if (!notes.isEmpty()) {
            s.append("\n## Notes\n\n");
            notes.forEach(n -> s.append("- ").append(n).append('\n'));
        }
        s.append("\n## Runs\n\n");
        runs.forEach((arm, ids) -> s.append("- ").append(arm).append(": ").append(String.join(", ", ids))
                .append('\n'));
        return s.toString();
    }

    /** {@code arm,seed,class,accuracy}: every seed's accuracy of every class (empty without test images) and overall. */
    public String perSeedCsv() {
        StringBuilder s = new StringBuilder("arm,seed,class,accuracy\n");
        perSeed.forEach((arm, results) -> {
            for (int i = 0; i < results.size(); i++) {
                SceneAccuracy a = results.get(i);
                long seed = seeds.get(i);
                for (String c : classes) {
                    Double v = a.perClass().get(c);
                    s.append(arm).append(',').append(seed).append(',').append(c).append(',')
                            .append(v == null ? "" : String.format(Locale.ROOT, "%.6f", v)).append('\n');
                }
                s.append(String.format(Locale.ROOT, "%s,%d,accuracy,%.6f%n", arm, seed, a.accuracy()));
            }
        });
        return s.toString();
    }

    /** A compact table for the terminal: arm, accuracy mean ± std, gain over the baseline, per-seed values. */
    public static List<String> terminal(ExperimentSummary sum, String baseline) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-14s %-16s %8s   %s", "arm", "accuracy (%)", "gain", "per seed"));
        ExperimentSummary.Arm base = sum.arms().get(baseline);
        sum.arms().forEach((name, a) -> {
            StringBuilder values = new StringBuilder();
            a.score().seeds().forEach(v -> values.append(String.format(Locale.ROOT, "%.1f ", 100 * v)));
            lines.add(String.format(Locale.ROOT, "%-14s %-16s %8s   %s", name,
                    ExperimentTables.pm(a.score().mean(), a.score().std()), gain(name, a, baseline, base),
                    values.toString().trim()));
        });
        return lines;
    }

    public List<ArmComparison> comparisons() {
        return ArmComparison.of(summary, orderings);
    }

    /** What report.html shows. */
    ExperimentReport report() {
        return new ExperimentReport(title, intro, summary, classes, seeds, new LinkedHashMap<>(labels), baseline,
                comparisons(), notes, runs);
    }

    /** Writes results/ as every experiment does: summary.json, {@code name}.md/.csv/-seeds.csv, report.html. */
    void write(ExperimentLayout layout, String name, ExperimentOutput output) throws java.io.IOException {
        ExperimentTables.writeResults(layout, name, summary, markdown(), perSeedCsv(), report(), output);
    }

    private String gain(String name, ExperimentSummary.Arm a) {
        return gain(name, a, baseline, summary.arms().get(baseline));
    }

    private static String gain(String name, ExperimentSummary.Arm a, String baseline, ExperimentSummary.Arm base) {
        return base == null || name.equals(baseline) ? "–"
                : String.format(Locale.ROOT, "%+.1f", 100 * (a.score().mean() - base.score().mean()));
    }
}
