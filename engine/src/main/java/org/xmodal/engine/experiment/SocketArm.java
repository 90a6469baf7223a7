package org.xmodal.engine.experiment;

import java.util.List;
import org.xmodal.engine.objective.Objective;

/**
 * One arm of SOCKET's ablation (Ahmed et al., ECCV 2022, Table 3): which terms of the objective adapt the source
 * model to the target modality; none for the source model applied as it is.
 *
 * @param name  the arm's name in {@code summary.json} (CONTRACT)
 * @param label the paper's words for it
 * @param terms the objective's terms the arm keeps (with the preset's weights); empty: no adaptation
 */
public record SocketArm(String name, String label, List<String> terms) {
    public static final SocketArm SOURCE_ONLY = new SocketArm("source-only", "source model applied directly",
            List.of());
    public static final SocketArm IM_PL = new SocketArm("im+pl",
            "information maximisation + pseudo-labels (SHOT without source data)",
            List.of(Objective.PSEUDO_LABELS, Objective.INFORMATION_MAXIMISATION));
    public static final SocketArm NO_TI = new SocketArm("socket-no-ti", "SOCKET without the task-irrelevant term",
            List.of(Objective.PSEUDO_LABELS, Objective.INFORMATION_MAXIMISATION, Objective.BN_STATISTICS));
    public static final SocketArm NO_BN = new SocketArm("socket-no-bn", "SOCKET without the BN-statistics term",
            List.of(Objective.PSEUDO_LABELS, Objective.INFORMATION_MAXIMISATION, Objective.TASK_IRRELEVANT));
    public static final SocketArm SOCKET = new SocketArm("socket", "SOCKET (all four terms)",
            Objective.SOCKET_TERMS);

    /** Every arm, in the table's order. */
    public static final List<SocketArm> ALL = List.of(SOURCE_ONLY, IM_PL, NO_TI, NO_BN, SOCKET);

    /** The comparisons the paper's ablation makes, each (better arm, worse arm). */
    public static final List<List<String>> ORDERINGS = List.of(
            List.of(SOCKET.name, IM_PL.name),
            List.of(SOCKET.name, NO_TI.name),
            List.of(SOCKET.name, NO_BN.name),
            List.of(SOCKET.name, SOURCE_ONLY.name),
            List.of(IM_PL.name, SOURCE_ONLY.name));

    public SocketArm {
        terms = List.copyOf(terms);
    }

    /** Whether the arm trains (all but source-only). */
    public boolean adapts() {
        return !terms.isEmpty();
    }

    /** The arm's objective: the preset's terms that the arm keeps, with their weights. */
    public Objective objective(Objective preset) {
        return new Objective(preset.terms().stream().filter(t -> terms.contains(t.name())).toList());
    }

    /** The arm by name. */
    public static SocketArm named(String name) {
        return ALL.stream().filter(a -> a.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SOCKET arm " + name));
    }
}
