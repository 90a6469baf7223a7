package org.xmodal.engine.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of a paper's comparisons (better arm, worse arm) on an experiment's main metric (mAP, accuracy), judged on the mean over seeds and
 * seed by seed: arms of the same seed share the labelled subset's sampling, so seed i of one arm is paired with seed
 * i of the other. With three seeds a mean can favour an arm that loses on one seed; the verdict says so instead of
 * calling such a difference a result.
 *
 * @param metric     the metric compared ({@code mAP}, {@code accuracy})
 * @param difference mean of {@code better} minus that of {@code worse}, as a fraction
 * @param seedsWon   seeds on which {@code better} has the higher value
 * @param seeds      seeds compared (those both arms have)
 */
public record ArmComparison(String metric, String better, String worse, double betterMean, double worseMean, double difference,
                               int seedsWon, int seeds) {
    /** How the comparison came out. */
    public enum Verdict {
        /** Higher mean and higher on every seed. */
        HOLDS,
        /** Higher mean, but not on every seed: within the spread between seeds. */
        HOLDS_ON_MEAN_ONLY,
        /** Not higher on the mean. */
        DOES_NOT_HOLD
    }

    /** The comparisons, each (better arm, worse arm), of which the summary has both arms. */
    public static List<ArmComparison> of(ExperimentSummary summary, List<List<String>> orderings) {
        List<ArmComparison> out = new ArrayList<>();
        for (List<String> o : orderings) {
            ExperimentSummary.Arm b = summary.arms().get(o.get(0));
            ExperimentSummary.Arm w = summary.arms().get(o.get(1));
            if (b != null && w != null) {
                out.add(between(summary.metric(), o.get(0), b.score(), o.get(1), w.score()));
            }
        }
        return out;
    }

    static ArmComparison between(String metric, String better, ExperimentSummary.SeedStats b, String worse,
                                 ExperimentSummary.SeedStats w) {
        int n = Math.min(b.seeds().size(), w.seeds().size());
        int won = 0;
        for (int i = 0; i < n; i++) {
            if (b.seeds().get(i) > w.seeds().get(i)) {
                won++;
            }
        }
        return new ArmComparison(metric, better, worse, b.mean(), w.mean(), b.mean() - w.mean(), won, n);
    }

    public Verdict verdict() {
        if (!(difference > 0)) {
            return Verdict.DOES_NOT_HOLD;
        }
        return seedsWon == seeds ? Verdict.HOLDS : Verdict.HOLDS_ON_MEAN_ONLY;
    }

    /** For example {@code transfer > copy-rgb: holds (29.4 vs 22.1 mAP, +7.3; higher on 3 of 3 seeds)}. */
    public String text() {
        String verdict = switch (verdict()) {
            case HOLDS -> "holds";
            case HOLDS_ON_MEAN_ONLY -> "holds on the mean only";
            case DOES_NOT_HOLD -> "does NOT hold";
        };
        return String.format(Locale.ROOT, "%s > %s: %s (%.1f vs %.1f %s, %+.1f; higher on %d of %d seed%s)", better,
                worse, verdict, 100 * betterMean, 100 * worseMean, metric, 100 * difference, seedsWon, seeds,
                seeds == 1 ? "" : "s");
    }
}
