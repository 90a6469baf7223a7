package org.xmodal.engine.eval;

/**
 * One detection as the AP evaluation of its class judged it (the same matching that {@link AveragePrecision}
 * computes AP from).
 *
 * @param detection  the detection
 * @param rank       its place in the class's ranking over all images, 0 for the highest score
 * @param hit        whether it is a true positive: its best-overlapping ground-truth box of the class in its image has
 *                   IoU &gt;= {@link AveragePrecision#MIN_OVERLAP} and was not found by a higher-ranked detection
 * @param bestIou    IoU with that best-overlapping ground-truth box, 0 when the image has no box of the class
 * @param truthIndex which of the image's ground-truth boxes of the class (in the image's order) overlaps best, or -1
 *                   when none overlaps it at all
 */
public record JudgedDetection(Detection detection, int rank, boolean hit, double bestIou, int truthIndex) {
    /** A false positive on an object that a higher-ranked detection already found. */
    public boolean duplicate() {
        return !hit && bestIou >= AveragePrecision.MIN_OVERLAP;
    }
}
