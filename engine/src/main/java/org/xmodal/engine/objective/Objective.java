package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A run's objective: a weighted sum of named terms (the spec's {@code objective} section). A method is a set of
 * terms with their weights, composed by the one training step that checkpoints, resumes and streams metrics; a term
 * with weight 0 is switched off and not computed. Supervision transfer's objective is its hint loss ({@code hint});
 * SOCKET's terms ({@code pseudo-labels}, {@code information-maximisation}, {@code bn-statistics},
 * {@code task-irrelevant}) are the classes of this package.
 *
 * @param terms the terms in the order they are computed and logged
 */
public record Objective(List<Term> terms) {
    /** Supervision transfer's L2 between the student's adapted features and the teacher's. */
    public static final String HINT = "hint";

    /** One named term with its weight (0: switched off). */
    @JsonPropertyOrder({"name", "weight"})
    public record Term(String name, double weight) {
        public Term {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("objective: every term needs a name");
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("objective: the weight of " + name + " must be a number >= 0 "
                        + "(0 switches the term off), got " + weight);
            }
        }
    }

    /** Each term's value as a number, for its metric. */
    public static Map<String, Double> floats(Map<String, NDArray> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, (double) v.getFloat()));
        return out;
    }

    /** The value of every term computed in one step, and their weighted sum. */
    public record Evaluation(NDArray total, Map<String, NDArray> values) {
    }

    public Objective {
        terms = terms == null ? List.of() : List.copyOf(terms);
        Set<String> seen = new HashSet<>();
        for (Term t : terms) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("objective lists the term " + t.name() + " twice");
            }
        }
    }

    public static Objective of(Term... terms) {
        return new Objective(List.of(terms));
    }

    public static final String PSEUDO_LABELS = "pseudo-labels";
    public static final String INFORMATION_MAXIMISATION = "information-maximisation";
    public static final String BN_STATISTICS = "bn-statistics";
    public static final String TASK_IRRELEVANT = "task-irrelevant";
    /** The terms a SOCKET run computes. */
    public static final List<String> SOCKET_TERMS = List.of(PSEUDO_LABELS, INFORMATION_MAXIMISATION, BN_STATISTICS,
            TASK_IRRELEVANT);

    /** SOCKET as its paper and code weigh the terms: 0.3, 1.0, 0.5, 0.5. */
    public static Objective socket() {
        return of(new Term(PSEUDO_LABELS, 0.3), new Term(INFORMATION_MAXIMISATION, 1), new Term(BN_STATISTICS, 0.5),
                new Term(TASK_IRRELEVANT, 0.5));
    }

    /** Cross-entropy of the student's classifier on the labelled pairs. */
    public static final String CE = "ce";
    /** One minus the cosine between the student's adapted features and the teacher's ({@link CosineHint}). */
    public static final String COSINE_HINT = "cosine-hint";
    /** Hinton's soft targets: KL between the softened class distributions ({@link SoftTargets}). */
    public static final String KD = "kd";
    /** Attention transfer at the chosen layers ({@link AttentionTransfer}). */
    public static final String ATTENTION = "attention";
    /** Relational KD's distance term ({@link RelationalKd#distance}). */
    public static final String RKD_DISTANCE = "rkd-distance";
    /** Relational KD's angle term ({@link RelationalKd#angle}). */
    public static final String RKD_ANGLE = "rkd-angle";
    /** Contrastive representation distillation with a memory bank ({@link ContrastiveRepresentation}). */
    public static final String CRD = "crd";
    /** Contrastive semantic calibration against the noise filter's features ({@link ContrastiveSemanticCalibration}). */
    public static final String CSC = "csc";
    /** The modality noise filter's own cross-entropy on its prediction ({@link ModalityNoiseFilter}). */
    public static final String FILTER_CE = "filter-ce";
    /** The noise filter's cosine triplet ({@link NoiseFilterTriplet}). */
    public static final String FILTER_TRIPLET = "filter-triplet";
    /** The L1 of the noise filter's gate weights ({@link ModalityNoiseFilter#gateSparsity}). */
    public static final String FILTER_SPARSITY = "filter-sparsity";
    /** The terms a distillation run computes. */
    public static final List<String> DISTILL_TERMS = List.of(CE, HINT, COSINE_HINT, KD, ATTENTION, RKD_DISTANCE,
            RKD_ANGLE, CRD, CSC, FILTER_CE, FILTER_TRIPLET, FILTER_SPARSITY);
    /** The terms that train the noise filter (and only it); the student never gets their gradient. */
    public static final List<String> FILTER_TERMS = List.of(FILTER_CE, FILTER_TRIPLET, FILTER_SPARSITY);

    /**
     * Xia et al.'s robust distillation as their code weighs it: the student's cross-entropy + 1.0 CSC, the filter's
     * cross-entropy + triplet + 0.001 gate L1.
     */
    public static Objective robust() {
        return of(new Term(CE, 1), new Term(CSC, 1), new Term(FILTER_CE, 1), new Term(FILTER_TRIPLET, 1),
                new Term(FILTER_SPARSITY, 0.001));
    }

    /** Whether the term is listed with a weight above 0. */
    public boolean uses(String name) {
        return weight(name) > 0;
    }

    /** Supervision transfer as the paper trains it: the hint loss alone. */
    public static Objective transfer() {
        return of(new Term(HINT, 1));
    }

    /** The weight of a term (0 when it is not listed). */
    public double weight(String name) {
        return terms.stream().filter(t -> t.name().equals(name)).mapToDouble(Term::weight).findFirst().orElse(0);
    }

    /**
     * Refuses a term this kind of run does not compute, naming it and those it does.
     *
     * @param kind  what the run is, for the message ("a transfer run")
     * @param known the terms the run can compute
     */
    public void requireKnown(String kind, List<String> known) {
        for (int i = 0; i < terms.size(); i++) {
            String name = terms.get(i).name();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("objective.terms[" + i + "].name: " + kind + " computes "
                        + (known.isEmpty() ? "no terms" : String.join(", ", known)) + ", not '" + name + "'");
            }
        }
        if (!terms.isEmpty() && terms.stream().allMatch(t -> t.weight() == 0)) {
            throw new IllegalArgumentException("objective: every term is switched off (weight 0); there is nothing "
                    + "to train");
        }
    }

    /**
     * The weighted sum of the terms with a weight above 0, each computed once by {@code compute}. A weight of 1
     * leaves a term's value as it is, so a one-term objective computes exactly what the term does.
     */
    public Evaluation evaluate(Function<String, NDArray> compute) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        NDArray total = null;
        for (Term t : terms) {
            if (t.weight() == 0) {
                continue;
            }
            NDArray v = compute.apply(t.name());
            values.put(t.name(), v);
            // the weight as an engine-allocated scalar: a Java number would be freed before the backward pass reads
            // it (NativeScalar), and the gradient would be whatever that memory holds by then
            NDArray weighted = t.weight() == 1 ? v
                    : v.mul(org.xmodal.engine.nn.NativeScalar.of(v.getManager(), (float) t.weight()));
            total = total == null ? weighted : total.add(weighted);
        }
        if (total == null) {
            throw new IllegalStateException("the objective has no term with a weight above 0");
        }
        return new Evaluation(total, values);
    }
}
