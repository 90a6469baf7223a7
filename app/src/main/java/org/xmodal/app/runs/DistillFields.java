package org.xmodal.app.runs;

import java.util.List;

/** The run form's fields of a distill run's own settings ({@code distill.*}) and the help of its objective's terms. */
final class DistillFields {
    /** What each term of a distill run computes and the weight its paper gives it (the objective's help). */
    static final String HELP = "Distill (each method's weight in its paper or reference code; the default is "
            + "Xia et al.'s robust distillation, ce = 1, csc = 1, filter-ce = 1, filter-triplet = 1, filter-sparsity "
            + "= 0.001): ce = 1 (cross-entropy of the student's classifier on the labelled train pairs), hint = 1 "
            + "(FitNets: the L2 between the student's features after an adaptation layer and the teacher's, at the "
            + "student and teacher layers, pool5 by default, normalised as the loss normalisation says), "
            + "cosine-hint = 1 (one minus the cosine of the same two features), kd = 1 (Hinton et al.'s soft "
            + "targets: the KL between both networks' class distributions softened by the KD temperature T, times "
            + "T^2; needs a teacher whose classifier has the dataset's scene classes), attention = 1000 (Zagoruyko "
            + "and Komodakis' attention transfer: the distance between both networks' normalised attention maps at "
            + "the attention layers), rkd-distance = 25 (Park et al.'s relational KD: the pooled features' pairwise "
            + "distances in the batch; RepDistiller's weight), rkd-angle = 50 (relational KD on the angles of "
            + "triplets; RepDistiller's weight), crd = 0.8 (Tian et al.'s contrastive representation distillation: "
            + "each pair's student embedding against its teacher embedding and negatives from a memory bank of the "
            + "train pairs), csc = 1 (Xia et al.'s contrastive semantic calibration: the student's feature against "
            + "the noise filter's teacher features of the same class, at a temperature set by the CSC settings), "
            + "filter-ce = 1 (the modality noise filter's cross-entropy on its own prediction), filter-triplet = 1 "
            + "(the filter's cosine triplet: student anchor, filtered teacher positive, raw teacher negative), "
            + "filter-sparsity = 0.001 (the L1 of the filter's gate). The filter-* terms train the filter only, at "
            + "the filter rate; csc needs filter-ce, and the filter-* terms need csc.";

    private static final String GROUP = SpecForm.DISTILL;

    private DistillFields() {
    }

    static List<SpecField> fields() {
        return List.of(
                SpecField.of("distill.temperature", GROUP, "KD temperature", SpecField.Type.NUMBER, "kd: the "
                        + "temperature T that softens both networks' class distributions; the term is scaled by "
                        + "T^2 as Hinton et al.'s (default 4)"),
                SpecField.of("distill.attentionTaps", GROUP, "Attention layers", SpecField.Type.NAMES,
                        "attention: the layers of both networks whose attention maps are matched, as layer2, "
                                + "layer3 (default layer2, layer3, layer4: the ends of a ResNet's groups, as "
                                + "Zagoruyko and Komodakis)"),
                SpecField.of("distill.crdNegatives", GROUP, "CRD negatives", SpecField.Type.INTEGER, "crd: "
                        + "negatives drawn per pair from the memory bank; must be fewer than the labelled train "
                        + "pairs (default 4096; 256 in the CPU demo)"),
                SpecField.of("distill.crdEmbedding", GROUP, "CRD embedding width", SpecField.Type.INTEGER, "crd: "
                        + "the width of the embedding both heads project to (default 128)"),
                SpecField.of("distill.crdTemperature", GROUP, "CRD temperature", SpecField.Type.NUMBER, "crd: the "
                        + "NCE temperature (default 0.07)"),
                SpecField.of("distill.crdMomentum", GROUP, "CRD memory momentum", SpecField.Type.NUMBER, "crd: the "
                        + "share of a pair's old memory kept when it is updated, in [0, 1) (default 0.5)"),
                SpecField.of("distill.cscThreshold", GROUP, "CSC threshold", SpecField.Type.NUMBER, "csc: the "
                        + "temperature's threshold (default 0.07; Xia et al. use 0.2 on ActivityNet)"),
                SpecField.of("distill.cscAdaptive", GROUP, "Adaptive CSC temperature", SpecField.Type.BOOLEAN,
                        "csc: the temperature is cos(v_i, a'_j) + the threshold, larger where a pair agrees (on, the "
                                + "default), or the threshold alone (off)"),
                SpecField.of("distill.filterMargin", GROUP, "Filter triplet margin", SpecField.Type.NUMBER,
                        "filter-triplet: the margin of the noise filter's cosine triplet (default 0.2)"),
                SpecField.of("distill.filterRate", GROUP, "Filter rate factor", SpecField.Type.NUMBER, "The "
                        + "modality noise filter learns at this times the learning rate (default 0.2: the "
                        + "reference's 6e-5 beside the student's 3e-4)"));
    }
}
