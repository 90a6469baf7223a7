package org.xmodal.engine.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SOCKET's ablation as text ({@link AccuracyTables}): arms as rows with their gain over the source model applied
 * directly, each seed's accuracy, the comparisons the paper's ablation makes, and the per-seed CSV.
 */
public final class SocketTables {
    private SocketTables() {
    }

    public static final String TITLE = "SOCKET: source-free cross-modal transfer, ablation of its terms";

    static AccuracyTables of(SocketExperiment.Results r) {
        Map<String, String> labels = new LinkedHashMap<>();
        SocketArm.ALL.forEach(a -> labels.put(a.name(), a.label()));
        return new AccuracyTables(TITLE, intro(r), r.summary(), r.classes(), r.seeds(), r.perSeed(), labels,
                SocketArm.SOURCE_ONLY.name(), SocketArm.ORDERINGS, r.notes(), r.runs());
    }

    public static String markdown(SocketExperiment.Results r) {
        return of(r).markdown();
    }

    /** {@code arm,seed,class,accuracy}: every seed's accuracy of every class (empty without test images) and overall. */
    public static String perSeedCsv(SocketExperiment.Results r) {
        return of(r).perSeedCsv();
    }

    /** A compact table for the terminal: arm, accuracy mean ± std, gain over source-only, per-seed values. */
    public static List<String> terminal(ExperimentSummary sum) {
        return AccuracyTables.terminal(sum, SocketArm.SOURCE_ONLY.name());
    }

    public static List<ArmComparison> comparisons(ExperimentSummary sum) {
        return ArmComparison.of(sum, SocketArm.ORDERINGS);
    }

    /** What report.html shows. */
    static ExperimentReport report(SocketExperiment.Results r) {
        return of(r).report();
    }

    private static String intro(SocketExperiment.Results r) {
        ExperimentSummary sum = r.summary();
        return String.format(Locale.ROOT, "Scene classification of the target modality's test images of the task's "
                        + "%d classes (%d images). Dataset: %s. Preset: %s. Top-1 accuracy in percent, mean ± sample "
                        + "standard deviation over %d seed%s (%s).", r.classes().size(), r.testImages(), sum.dataset(),
                sum.preset(), r.seeds().size(), r.seeds().size() == 1 ? "" : "s",
                String.join(", ", r.seeds().stream().map(String::valueOf).toList()));
    }
}
