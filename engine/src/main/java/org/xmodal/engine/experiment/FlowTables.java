package org.xmodal.engine.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The flow experiment as text ({@link AccuracyTables}): arms as rows with their gain over no init. */
public final class FlowTables {
    public static final String TITLE = "Supervision transfer from RGB to optical flow: clip classification";

    private FlowTables() {
    }

    static AccuracyTables of(FlowExperiment.Results r) {
        Map<String, String> labels = new LinkedHashMap<>();
        FlowArm.ALL.forEach(a -> labels.put(a.name(), a.label()));
        return new AccuracyTables(TITLE, intro(r), r.summary(), r.classes(), r.seeds(), r.perSeed(), labels,
                FlowArm.NO_INIT.name(), FlowArm.ORDERINGS, r.notes(), r.runs());
    }

    /** A compact table for the terminal: arm, accuracy mean ± std, gain over no init, per-seed values. */
    public static List<String> terminal(ExperimentSummary sum) {
        return AccuracyTables.terminal(sum, FlowArm.NO_INIT.name());
    }

    public static List<ArmComparison> comparisons(ExperimentSummary sum) {
        return ArmComparison.of(sum, FlowArm.ORDERINGS);
    }

    private static String intro(FlowExperiment.Results r) {
        ExperimentSummary sum = r.summary();
        return String.format(Locale.ROOT, "Classification of the test clips' flow images into %d motion classes "
                        + "(%d test clips; a clip's class is the best of its frames' averaged scores), after "
                        + "fine-tuning on %d labelled train clips of %d. Dataset: %s. Preset: %s. The paper, on "
                        + "JHMDB: no init 31.7, supervision transfer 35.7, supervised pre-training 38.4. Top-1 clip "
                        + "accuracy in percent, mean ± sample standard deviation over %d seed%s (%s).",
                r.classes().size(), r.testClips(), r.labelledClips(), r.trainClips(), sum.dataset(), sum.preset(),
                r.seeds().size(), r.seeds().size() == 1 ? "" : "s",
                String.join(", ", r.seeds().stream().map(String::valueOf).toList()));
    }
}
