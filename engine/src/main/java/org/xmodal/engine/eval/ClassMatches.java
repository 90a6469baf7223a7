package org.xmodal.engine.eval;

import java.util.List;

/**
 * How the evaluation of one class matched its detections to its ground truth: every detection in rank order with
 * its verdict, and every ground-truth box with whether it was found. What AP is computed from, kept for looking at
 * a detector's mistakes.
 *
 * @param ranked the class's detections, highest score first (ties in the order given)
 * @param truth  the class's ground-truth boxes, images in the order of their ids, boxes in image order
 */
public record ClassMatches(String className, List<JudgedDetection> ranked, List<TruthBox> truth) {
    public ClassMatches {
        ranked = List.copyOf(ranked);
        truth = List.copyOf(truth);
    }

    /** Detections that are not true positives, highest score first. */
    public List<JudgedDetection> falsePositives() {
        return ranked.stream().filter(d -> !d.hit()).toList();
    }

    /** Ground-truth boxes that no detection found. */
    public List<TruthBox> missed() {
        return truth.stream().filter(t -> !t.found()).toList();
    }

    public int truePositives() {
        return (int) ranked.stream().filter(JudgedDetection::hit).count();
    }
}
