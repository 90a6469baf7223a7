package org.xmodal.engine.run;

import java.util.List;
import org.xmodal.engine.objective.Objective;

/**
 * A distillation run's own settings, each for the term it names; missing fields take the defaults, which are the
 * papers' (and the stored spec lists them all).
 *
 * @param temperature    kd: the softening temperature T (4); the term is scaled by T^2 as Hinton et al.'s
 * @param attentionTaps  attention: the layers of both networks whose attention maps are matched (layer2, layer3,
 *                       layer4: the ends of a ResNet's groups, as Zagoruyko and Komodakis)
 * @param crdNegatives   crd: negatives drawn per pair from the memory bank (4096, CRD's CIFAR setting has 16384);
 *                       must be fewer than the train pairs the bank holds
 * @param crdEmbedding   crd: width of the embedding both heads project to (128)
 * @param crdTemperature crd: the NCE temperature (0.07)
 * @param crdMomentum    crd: how much of a pair's old memory is kept when it is updated (0.5)
 * @param cscThreshold   csc: the temperature's threshold (0.07; Xia et al. use 0.2 on ActivityNet)
 * @param cscAdaptive    csc: the temperature is cos(v_i, a'_j) + threshold, larger where the pair agrees (true),
 *                       or the threshold alone (false)
 * @param filterMargin   filter-triplet: the margin (0.2)
 * @param filterRate     the noise filter learns at this times the base rate (0.2: the reference's 6e-5 beside the
 *                       student's 3e-4)
 */
public record Distill(Double temperature, List<String> attentionTaps, Integer crdNegatives, Integer crdEmbedding,
                      Double crdTemperature, Double crdMomentum, Double cscThreshold, Boolean cscAdaptive,
                      Double filterMargin, Double filterRate) {
    public Distill {
        temperature = temperature == null ? 4.0 : temperature;
        attentionTaps = attentionTaps == null || attentionTaps.isEmpty() ? List.of("layer2", "layer3", "layer4")
                : List.copyOf(attentionTaps);
        crdNegatives = crdNegatives == null ? 4096 : crdNegatives;
        crdEmbedding = crdEmbedding == null ? 128 : crdEmbedding;
        crdTemperature = crdTemperature == null ? 0.07 : crdTemperature;
        crdMomentum = crdMomentum == null ? 0.5 : crdMomentum;
        cscThreshold = cscThreshold == null ? 0.07 : cscThreshold;
        cscAdaptive = cscAdaptive == null || cscAdaptive;
        filterMargin = filterMargin == null ? 0.2 : filterMargin;
        filterRate = filterRate == null ? 0.2 : filterRate;
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("distill.temperature must be above 0, got " + temperature);
        }
        if (crdNegatives < 1 || crdEmbedding < 1 || !(crdTemperature > 0) || !(crdMomentum >= 0
                && crdMomentum < 1)) {
            throw new IllegalArgumentException("distill: crdNegatives and crdEmbedding must be at least 1, "
                    + "crdTemperature above 0 and crdMomentum in [0, 1)");
        }
        if (!(cscThreshold >= 0) || (!cscAdaptive && cscThreshold == 0)) {
            throw new IllegalArgumentException("distill.cscThreshold must be >= 0 (above 0 when cscAdaptive is "
                    + "false: it is then the temperature), got " + cscThreshold);
        }
        if (!(filterMargin >= 0) || !(filterRate >= 0)) {
            throw new IllegalArgumentException("distill.filterMargin and distill.filterRate must be >= 0");
        }
    }

    /** Every setting at its default. */
    public static Distill defaults() {
        return new Distill(null, null, null, null, null, null, null, null, null, null);
    }

    public Distill withCrdNegatives(int n) {
        return new Distill(temperature, attentionTaps, n, crdEmbedding, crdTemperature, crdMomentum, cscThreshold,
                cscAdaptive, filterMargin, filterRate);
    }

    /**
     * Refuses a distillation objective whose terms cannot work together, naming what is missing: a teacher network
     * to distil from; CSC without the noise filter trained (its terms), or the filter's terms without CSC (a filter
     * nothing uses).
     */
    static void requireDistillable(RunSpec.Teacher teacher, Objective objective) {
        if (teacher == null || teacher.source() != TeacherSource.NETWORK) {
            throw new IllegalArgumentException("a distill run needs a teacher network (teacher.source: network, with "
                    + "teacher.architecture and teacher.weights: an RGB network trained here, for instance a finetune "
                    + "run on the task's scene classes)");
        }
        if (objective.uses(Objective.CSC) && !objective.uses(Objective.FILTER_CE)) {
            throw new IllegalArgumentException("objective: csc calibrates the student against the modality noise "
                    + "filter's features, and the filter learns from filter-ce: give filter-ce a weight above 0");
        }
        if (!objective.uses(Objective.CSC) && Objective.FILTER_TERMS.stream().anyMatch(objective::uses)) {
            throw new IllegalArgumentException("objective: " + String.join(", ", Objective.FILTER_TERMS.stream()
                    .filter(objective::uses).toList()) + " train the modality noise filter, which only csc uses: add "
                    + "csc or set them to 0");
        }
    }
}
