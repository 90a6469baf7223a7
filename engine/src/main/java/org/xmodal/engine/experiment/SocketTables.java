package org.xmodal.engine.experiment;

import org.xmodal.engine.eval.SceneAccuracy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SOCKET's ablation as text: a markdown table (arms as rows, accuracy, the gain over the source model applied
 * directly, then each class; percent, mean ± standard deviation over seeds), each seed's accuracy, the comparisons
 * the paper's ablation makes, and the per-seed CSV.
 */
public final class SocketTables {
    private SocketTables() {
    }

    public static final String TITLE = "SOCKET: source-free cross-modal transfer, ablation of its terms";

    public static String markdown(SocketExperiment.Results r) {
        ExperimentSummary sum = r.summary();
        StringBuilder s = new StringBuilder("# ").append(TITLE).append("\n\n").append(intro(r)).append("\n\n");
        StringBuilder header = new StringBuilder("| arm | | accuracy | gain over source-only |");
        StringBuilder rule = new StringBuilder("| --- | --- | ---: | ---: |");
        for (String c : r.classes()) {
            header.append(' ').append(c).append(" |");
            rule.append(" ---: |");
        }
        s.append(header).append('\n').append(rule).append('\n');
        ExperimentSummary.Arm base = sum.arms().get(SocketArm.SOURCE_ONLY.name());
        sum.arms().forEach((name, a) -> {
            s.append("| ").append(name).append(" | ").append(SocketArm.named(name).label()).append(" | ")
                    .append(ExperimentTables.pm(a.score().mean(), a.score().std())).append(" | ")
                    .append(gain(name, a, base)).append(" |");
            for (String c : r.classes()) {
                ExperimentSummary.Stats st = a.perClass().get(c);
                s.append(' ').append(st == null ? "–" : ExperimentTables.pm(st.mean(), st.std())).append(" |");
            }
            s.append('\n');
        });
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
        comparisons(sum).forEach(c -> s.append("- ").append(c.text()).append('\n'));
        if (!r.notes().isEmpty()) {
            s.append("\n## Notes\n\n");
            r.notes().forEach(n -> s.append("- ").append(n).append('\n'));
        }
        s.append("\n## Runs\n\n");
        r.runs().forEach((arm, ids) -> s.append("- ").append(arm).append(": ").append(String.join(", ", ids))
                .append('\n'));
        return s.toString();
    }

    /** {@code arm,seed,class,accuracy}: every seed's accuracy of every class (empty without test images) and overall. */
    public static String perSeedCsv(SocketExperiment.Results r) {
        StringBuilder s = new StringBuilder("arm,seed,class,accuracy\n");
        r.perSeed().forEach((arm, results) -> {
            for (int i = 0; i < results.size(); i++) {
                SceneAccuracy a = results.get(i);
                long seed = r.seeds().get(i);
                for (String c : r.classes()) {
                    Double v = a.perClass().get(c);
                    s.append(arm).append(',').append(seed).append(',').append(c).append(',')
                            .append(v == null ? "" : String.format(Locale.ROOT, "%.6f", v)).append('\n');
                }
                s.append(String.format(Locale.ROOT, "%s,%d,accuracy,%.6f%n", arm, seed, a.accuracy()));
            }
        });
        return s.toString();
    }

    /** A compact table for the terminal: arm, accuracy mean ± std, gain over source-only, per-seed values. */
    public static List<String> terminal(ExperimentSummary sum) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-14s %-16s %8s   %s", "arm", "accuracy (%)", "gain", "per seed"));
        ExperimentSummary.Arm base = sum.arms().get(SocketArm.SOURCE_ONLY.name());
        sum.arms().forEach((name, a) -> {
            StringBuilder seeds = new StringBuilder();
            a.score().seeds().forEach(v -> seeds.append(String.format(Locale.ROOT, "%.1f ", 100 * v)));
            lines.add(String.format(Locale.ROOT, "%-14s %-16s %8s   %s", name,
                    ExperimentTables.pm(a.score().mean(), a.score().std()), gain(name, a, base),
                    seeds.toString().trim()));
        });
        return lines;
    }

    public static List<ArmComparison> comparisons(ExperimentSummary sum) {
        return ArmComparison.of(sum, SocketArm.ORDERINGS);
    }

    /** What report.html shows. */
    static ExperimentReport report(SocketExperiment.Results r) {
        Map<String, String> labels = new LinkedHashMap<>();
        SocketArm.ALL.forEach(a -> labels.put(a.name(), a.label()));
        return new ExperimentReport(TITLE, intro(r), r.summary(), r.classes(), r.seeds(), labels,
                SocketArm.SOURCE_ONLY.name(), comparisons(r.summary()), r.notes(), r.runs());
    }

    private static String intro(SocketExperiment.Results r) {
        ExperimentSummary sum = r.summary();
        return String.format(Locale.ROOT, "Scene classification of the target modality's test images of the task's "
                        + "%d classes (%d images). Dataset: %s. Preset: %s. Top-1 accuracy in percent, mean ± sample "
                        + "standard deviation over %d seed%s (%s).", r.classes().size(), r.testImages(), sum.dataset(),
                sum.preset(), r.seeds().size(), r.seeds().size() == 1 ? "" : "s",
                String.join(", ", r.seeds().stream().map(String::valueOf).toList()));
    }

    private static String gain(String name, ExperimentSummary.Arm a, ExperimentSummary.Arm base) {
        return base == null || name.equals(SocketArm.SOURCE_ONLY.name()) ? "–"
                : String.format(Locale.ROOT, "%+.1f", 100 * (a.score().mean() - base.score().mean()));
    }
}
