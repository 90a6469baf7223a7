package org.xmodal.engine.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.eval.DetectionResult;

/**
 * Table 1 as text: a markdown table laid out like the paper's (arms as rows, mAP, the gain over no init, then
 * the classes; AP in percent, mean ± standard deviation over seeds), per-seed mAPs, the comparisons the paper
 * makes, and CSV files with the same numbers as fractions.
 */
public final class Table1Tables {
    private Table1Tables() {
    }

    /** The comparisons the paper's Table 1 supports, each as (better arm, worse arm). */
    public static final List<List<String>> ORDERINGS = List.of(
            List.of(Table1Arm.TRANSFER.name(), Table1Arm.COPY_RGB.name()),
            List.of(Table1Arm.COPY_RGB.name(), Table1Arm.NO_INIT.name()),
            List.of(Table1Arm.RGB_TRANSFER.name(), Table1Arm.RGB.name()),
            List.of(Table1Arm.RGB_COPY_RGB.name(), Table1Arm.RGB.name()));

    public static String markdown(Table1Results r, String title) {
        StringBuilder s = new StringBuilder("# ").append(title).append("\n\n");
        ExperimentSummary sum = r.summary();
        s.append(String.format(Locale.ROOT, "Task: %s. Dataset: %s. Preset: %s. AP on the test pairs in percent, mean "
                        + "± sample standard deviation over %d seed%s (%s).%n%n", sum.task(), sum.dataset(), sum.preset(),
                r.seeds().size(), r.seeds().size() == 1 ? "" : "s", joinSeeds(r.seeds())));
        List<String> classes = r.classes().stream().filter(c -> !r.withoutTruth().contains(c)).toList();
        StringBuilder header = new StringBuilder("| arm | | mAP | gain over no init |");
        StringBuilder rule = new StringBuilder("| --- | --- | ---: | ---: |");
        for (String c : classes) {
            header.append(' ').append(c).append(" |");
            rule.append(" ---: |");
        }
        s.append(header).append('\n').append(rule).append('\n');
        ExperimentSummary.Arm base = sum.arms().get(Table1Arm.NO_INIT.name());
        for (Map.Entry<String, ExperimentSummary.Arm> e : sum.arms().entrySet()) {
            ExperimentSummary.Arm a = e.getValue();
            s.append("| ").append(e.getKey()).append(" | ").append(Table1Results.arm(e.getKey()).label()).append(" | ")
                    .append(pm(a.score().mean(), a.score().std())).append(" | ");
            s.append(base == null || e.getKey().equals(Table1Arm.NO_INIT.name()) ? "–"
                    : String.format(Locale.ROOT, "%+.1f", 100 * (a.score().mean() - base.score().mean())));
            s.append(" |");
            for (String c : classes) {
                ExperimentSummary.Stats st = a.perClass().get(c);
                s.append(' ').append(st == null ? "–" : pm(st.mean(), st.std())).append(" |");
            }
            s.append('\n');
        }
        s.append("\n## mAP per seed\n\n| arm |");
        for (long seed : r.seeds()) {
            s.append(" seed ").append(seed).append(" |");
        }
        s.append(" mean ± std |\n| --- |").append(" ---: |".repeat(r.seeds().size())).append(" ---: |\n");
        sum.arms().forEach((name, a) -> {
            s.append("| ").append(name).append(" |");
            a.score().seeds().forEach(v -> s.append(String.format(Locale.ROOT, " %.1f |", 100 * v)));
            s.append(' ').append(pm(a.score().mean(), a.score().std())).append(" |\n");
        });
        s.append("\n## The paper's comparisons (mean mAP)\n\n");
        ArmComparison.of(sum, Table1Tables.ORDERINGS).forEach(c -> s.append("- ").append(c.text()).append('\n'));
        if (!r.withoutTruth().isEmpty()) {
            s.append("\nClasses without ground truth in the test pairs (no AP, not in the mean, left out of summary.json): ")
                    .append(String.join(", ", r.withoutTruth())).append(".\n");
        }
        if (!r.notes().isEmpty()) {
            s.append("\n## Notes\n\n");
            r.notes().forEach(n -> s.append("- ").append(n).append('\n'));
        }
        s.append("\n## Runs\n\n");
        r.runs().forEach((arm, runs) -> s.append("- ").append(arm).append(": ").append(String.join(", ", runs))
                .append('\n'));
        return s.toString();
    }

    /** {@code arm,class,mean,std,seeds}: every class and "mAP", AP as fractions. */
    public static String csv(Table1Results r) {
        return ExperimentTables.csv(r.summary());
    }

    /** {@code arm,seed,class,ap}: every seed's AP of every class (empty without ground truth) and its mAP. */
    public static String perSeedCsv(Table1Results r) {
        StringBuilder s = new StringBuilder("arm,seed,class,ap\n");
        r.perSeed().forEach((arm, results) -> {
            for (int i = 0; i < results.size(); i++) {
                DetectionResult d = results.get(i);
                long seed = r.seeds().get(i);
                d.apPerClass().forEach((c, ap) -> s.append(arm).append(',').append(seed).append(',').append(c)
                        .append(',').append(ap.isNaN() ? "" : String.format(Locale.ROOT, "%.6f", ap)).append('\n'));
                s.append(String.format(Locale.ROOT, "%s,%d,mAP,%.6f%n", arm, seed, d.mAP()));
            }
        });
        return s.toString();
    }

    /** A compact table for the terminal: arm, mAP mean ± std, gain over no init, per-seed values. */
    public static List<String> terminal(Table1Results r) {
        List<String> lines = new ArrayList<>();
        ExperimentSummary sum = r.summary();
        lines.add(String.format(Locale.ROOT, "%-16s %-14s %8s   %s", "arm", "mAP (%)", "gain", "per seed"));
        ExperimentSummary.Arm base = sum.arms().get(Table1Arm.NO_INIT.name());
        sum.arms().forEach((name, a) -> {
            String gain = base == null || name.equals(Table1Arm.NO_INIT.name()) ? "–"
                    : String.format(Locale.ROOT, "%+.1f", 100 * (a.score().mean() - base.score().mean()));
            StringBuilder seeds = new StringBuilder();
            a.score().seeds().forEach(v -> seeds.append(String.format(Locale.ROOT, "%.1f ", 100 * v)));
            lines.add(String.format(Locale.ROOT, "%-16s %-14s %8s   %s", name, pm(a.score().mean(), a.score().std()), gain,
                    seeds.toString().trim()));
        });
        return lines;
    }

    private static String pm(double mean, double std) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
    }

    private static String joinSeeds(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }
}
