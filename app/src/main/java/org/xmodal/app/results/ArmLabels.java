package org.xmodal.app.results;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.experiment.FlowArm;
import org.xmodal.engine.experiment.RobustArm;
import org.xmodal.engine.experiment.SocketArm;
import org.xmodal.engine.experiment.Table1Arm;

/**
 * What an experiment's arm is, in words, for the table's column headers, the runs pane and the footnote: Table 1's and
 * SOCKET's and the flow experiment's arms by name, the robust experiment's {@code <arm>@<level>} as its objective and its corruption level.
 */
final class ArmLabels {
    private ArmLabels() {
    }

    /**
     * The arm in words within an experiment of kind {@code experiment} (the summary's {@code experiment}; null when
     * unknown): the flow experiment's arms first in its own words, as some share Table 1's names and not its meaning.
     */
    static Optional<String> of(String experiment, String arm) {
        if (ExperimentSummary.FLOW.equals(experiment)) {
            Optional<String> flow = FlowArm.ALL.stream().filter(a -> a.name().equals(arm)).map(FlowArm::label)
                    .findFirst();
            if (flow.isPresent()) {
                return flow;
            }
        }
        return of(arm);
    }

    /** The arm in words, or empty for an arm this build does not know. */
    static Optional<String> of(String arm) {
        Optional<RobustArm.Key> key = robustKey(arm);
        if (key.isPresent()) {
            return Optional.of(RobustArm.named(key.get().arm()).label() + "; " + corruption(key.get().level()));
        }
        return Table1Arm.ALL.stream().filter(a -> a.name().equals(arm)).map(Table1Arm::label).findFirst()
                .or(() -> SocketArm.ALL.stream().filter(a -> a.name().equals(arm)).map(SocketArm::label).findFirst())
                .or(() -> FlowArm.ALL.stream().filter(a -> a.name().equals(arm)).map(FlowArm::label).findFirst());
    }

    /** A corruption level in words: "no train pair corrupted", "40% of the train pairs' teacher views corrupted". */
    static String corruption(double level) {
        return level == 0 ? "no train pair's teacher view corrupted" : String.format(Locale.ROOT,
                "%s%% of the train pairs' teacher views corrupted", RobustArm.level(100 * level));
    }

    /**
     * The footnote's legend of the arms: each known arm once, as "name: label"; a robust experiment's objectives once
     * each (not once per level), then what the level after the @ is.
     */
    static List<String> legend(String experiment, List<String> arms) {
        List<String> out = new ArrayList<>();
        Set<String> objectives = new LinkedHashSet<>();
        for (String arm : arms) {
            Optional<RobustArm.Key> key = robustKey(arm);
            if (key.isPresent()) {
                objectives.add(key.get().arm());
            } else {
                of(experiment, arm).ifPresent(label -> out.add(arm + ": " + label));
            }
        }
        objectives.forEach(o -> out.add(o + ": " + RobustArm.named(o).label()));
        if (!objectives.isEmpty()) {
            out.add("@level: the fraction of the train pairs whose teacher view was corrupted (the test pairs are "
                    + "clean)");
        }
        return out;
    }

    /** A robust experiment's arm key, when {@code arm} is one of a known objective. */
    private static Optional<RobustArm.Key> robustKey(String arm) {
        if (arm == null || arm.indexOf('@') < 0) {
            return Optional.empty();
        }
        try {
            RobustArm.Key k = RobustArm.Key.parse(arm);
            return RobustArm.ALL.stream().anyMatch(a -> a.name().equals(k.arm())) ? Optional.of(k) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
