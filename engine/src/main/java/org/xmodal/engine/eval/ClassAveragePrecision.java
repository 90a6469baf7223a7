package org.xmodal.engine.eval;

/**
 * The evaluation of one class.
 *
 * @param groundTruth   ground-truth boxes of the class over all images
 * @param detections    detections of the class that were ranked
 * @param truePositives detections matched to a ground-truth box
 * @param ap            average precision in [0, 1]; NaN when the class has no ground truth (recall is undefined)
 */
public record ClassAveragePrecision(String className, int groundTruth, int detections, int truePositives,
                                    double ap, PrCurve curve) {
    public boolean hasGroundTruth() {
        return groundTruth > 0;
    }
}
