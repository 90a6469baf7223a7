package org.xmodal.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xmodal.engine.data.ObjectAnnotation;

/**
 * Scores a detector's raw output on a set of images by the NYUD2 protocol: per-class NMS at IoU 0.3 and the best
 * 100 detections of each image ({@link NonMaxSuppression}), then per-class AP ({@link AveragePrecision}).
 * Images are ranked in the order of their ids, so tied scores across images are broken the same way whatever map
 * the caller used.
 */
public final class DetectionEvaluation {
    private DetectionEvaluation() {
    }

    /** {@link #evaluate(Map, Map, List, NonMaxSuppression)} with the NYUD2 settings. */
    public static DetectionResult evaluate(Map<String, List<Detection>> perImage,
            Map<String, List<ObjectAnnotation>> groundTruth, List<String> classes) {
        return evaluate(perImage, groundTruth, classes, NonMaxSuppression.nyud2());
    }

    /**
     * @param perImage    raw detections by image id; an image may be missing (it then has no detections)
     * @param groundTruth every evaluated image's objects by image id, an empty list for an image without objects
     * @param classes     the evaluated classes; detections of other classes are rejected, ground truth of other
     *                    classes ignored
     * @throws IllegalArgumentException when no evaluated class has any ground truth (nothing to measure), or a
     *                                  detection names an image without ground truth or another image than its key
     */
    public static DetectionResult evaluate(Map<String, List<Detection>> perImage,
            Map<String, List<ObjectAnnotation>> groundTruth, List<String> classes, NonMaxSuppression nms) {
        List<Detection> kept = kept(perImage, groundTruth, nms);
        Map<String, ClassAveragePrecision> perClass = AveragePrecision.evaluate(kept, groundTruth, classes);
        if (perClass.values().stream().noneMatch(ClassAveragePrecision::hasGroundTruth)) {
            throw new IllegalArgumentException("none of the " + groundTruth.size() + " images has a ground-truth box "
                    + "of the classes " + classes + ": there is nothing to measure AP against");
        }
        return DetectionResult.of(perClass);
    }

    /**
     * The detections that {@link #evaluate} ranks: each image's survivors of {@code nms}, images in the order of
     * their ids.
     *
     * @throws IllegalArgumentException when a detection names an image without ground truth or another image than
     *                                  its key
     */
    public static List<Detection> kept(Map<String, List<Detection>> perImage,
            Map<String, List<ObjectAnnotation>> groundTruth, NonMaxSuppression nms) {
        List<Detection> kept = new ArrayList<>();
        for (Map.Entry<String, List<Detection>> e : new TreeMap<>(perImage).entrySet()) {
            String image = e.getKey();
            if (!groundTruth.containsKey(image)) {
                throw new IllegalArgumentException("detections for image " + image + ", which has no ground truth "
                        + "entry (give an empty list for an image without objects)");
            }
            for (Detection d : e.getValue()) {
                if (!d.imageId().equals(image)) {
                    throw new IllegalArgumentException("a detection of image " + d.imageId() + " is filed under "
                            + image);
                }
            }
            kept.addAll(nms.apply(e.getValue()));
        }
        return kept;
    }

    /**
     * How {@link #evaluate} with the NYUD2 settings matches one class: its detections after NMS, ranked and each
     * judged a true or false positive, and its ground-truth boxes found or missed. The AP of these matches is the
     * class's AP in {@link #evaluate}'s result.
     */
    public static ClassMatches matches(Map<String, List<Detection>> perImage,
            Map<String, List<ObjectAnnotation>> groundTruth, String className) {
        return matches(kept(perImage, groundTruth, NonMaxSuppression.nyud2()), groundTruth, className);
    }

    /**
     * One class's matches from detections already through NMS ({@link #kept}): compute those once and ask for
     * each class in turn.
     */
    public static ClassMatches matches(List<Detection> kept, Map<String, List<ObjectAnnotation>> groundTruth,
            String className) {
        return AveragePrecision.match(className, kept.stream().filter(d -> d.className().equals(className)).toList(),
                groundTruth);
    }
}
