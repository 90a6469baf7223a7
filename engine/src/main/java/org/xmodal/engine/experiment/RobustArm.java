package org.xmodal.engine.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.objective.Objective;

/**
 * One objective of the robust-distillation experiment (Xia et al. 2023's comparison): the student's cross-entropy
 * alone or with one distillation method's terms, each with the preset's weights. In {@code summary.json} an arm is
 * stored once per corruption level as {@code <arm>@<level>} (CONTRACT), for example {@code mnf-csc@0.4}.
 *
 * @param name  the arm's name
 * @param label what it is, in words
 * @param terms the objective's terms it keeps besides cross-entropy
 */
public record RobustArm(String name, String label, List<String> terms) {
    public static final RobustArm CE = new RobustArm("ce", "cross-entropy on the labels alone (no teacher)", List.of());
    public static final RobustArm HINT = new RobustArm("hint", "+ FitNets' hint (L2 after an adaptation layer)",
            List.of(Objective.HINT));
    public static final RobustArm KD = new RobustArm("kd", "+ Hinton's soft targets", List.of(Objective.KD));
    public static final RobustArm CRD = new RobustArm("crd", "+ contrastive representation distillation",
            List.of(Objective.CRD));
    public static final RobustArm MNF_CSC = new RobustArm("mnf-csc",
            "+ modality noise filter and contrastive semantic calibration (Xia et al.)",
            List.of(Objective.CSC, Objective.FILTER_CE, Objective.FILTER_TRIPLET, Objective.FILTER_SPARSITY));

    /** Every arm, in the table's order. */
    public static final List<RobustArm> ALL = List.of(CE, HINT, KD, CRD, MNF_CSC);

    public RobustArm {
        terms = List.copyOf(terms);
    }

    /** The arm's objective: cross-entropy and its own terms, with the preset's weights. */
    public Objective objective(Objective preset) {
        return new Objective(preset.terms().stream().filter(t -> t.name().equals(Objective.CE)
                || terms.contains(t.name())).toList());
    }

    /** The key of this arm at a corruption level in summary.json: {@code mnf-csc@0.4}. */
    public String at(double level) {
        return name + "@" + level(level);
    }

    /** A corruption level as the keys and folders write it: 0, 0.2, 0.25. */
    public static String level(double level) {
        String s = String.format(Locale.ROOT, "%.4f", level).replaceFirst("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The arm by name. */
    public static RobustArm named(String name) {
        return ALL.stream().filter(a -> a.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no robust-distillation arm " + name));
    }

    /** A summary key split into arm and level: {@code mnf-csc@0.4} -> ("mnf-csc", 0.4). */
    public record Key(String arm, double level) {
        public static Key parse(String key) {
            int at = key.lastIndexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("'" + key + "' is not <arm>@<level>");
            }
            return new Key(key.substring(0, at), Double.parseDouble(key.substring(at + 1)));
        }
    }

    /** One arm's accuracy at one corruption level: mean and sample standard deviation over seeds. */
    public record Point(double level, double mean, double std) {
    }

    /**
     * A robust experiment's summary as one curve per arm, accuracy against corruption (levels ascending); keys that
     * are not {@code <arm>@<level>} are left out.
     */
    public static Map<String, List<Point>> curves(ExperimentSummary summary) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        summary.arms().forEach((key, arm) -> {
            if (key.lastIndexOf('@') < 0) {
                return;
            }
            Key k;
            try {
                k = Key.parse(key);
            } catch (NumberFormatException e) {
                return;
            }
            out.computeIfAbsent(k.arm(), a -> new ArrayList<>()).add(new Point(k.level(), arm.score().mean(),
                    arm.score().std()));
        });
        out.values().forEach(l -> l.sort(Comparator.comparingDouble(Point::level)));
        return out;
    }
}
