package org.xmodal.engine.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

/**
 * Per-class average precision with the NYUD2 detection protocol (BRIEF.md section 6), which is PASCAL VOC's
 * 2010+ evaluation without difficult boxes:
 * <ul>
 * <li>a class's detections from all images are ranked by score, highest first; tied scores keep the order in
 *     which the detections were given (a stable sort, as VOC's MATLAB {@code sort} does);</li>
 * <li>a detection is a true positive when its best-overlapping ground-truth box of the same class in the same
 *     image has IoU &gt;= 0.5 (+1 pixel convention, {@link Box#iou}) and has not been matched by a higher-ranked
 *     detection; otherwise it is a false positive, so duplicates count against the detector. Between ground-truth
 *     boxes with equal overlap the first in the image's list is the best;</li>
 * <li>AP is the area under the precision-recall curve after precision is made monotone from the right
 *     (every point, not VOC 2007's 11 recall levels).</li>
 * </ul>
 * A class with ground truth but no detections has AP 0; a class without ground truth has AP NaN (recall is
 * undefined) and is left out of the mean. Ground truth of classes that are not evaluated is ignored.
 */
public final class AveragePrecision {
    /** IoU a detection needs with a ground-truth box to find it. */
    public static final double MIN_OVERLAP = 0.5;

    private AveragePrecision() {
    }

    /**
     * Evaluates every class.
     *
     * @param detections  detections of any of {@code classes} in any image
     * @param groundTruth every evaluated image's objects by image id (an empty list for an image without objects);
     *                    a detection in an image that is not a key is a mistake and rejected
     * @return one result per class, in the order of {@code classes}
     */
    public static Map<String, ClassAveragePrecision> evaluate(List<Detection> detections,
            Map<String, ? extends List<ObjectAnnotation>> groundTruth, List<String> classes) {
        Map<String, List<Detection>> byClass = new LinkedHashMap<>();
        for (String c : classes) {
            if (byClass.put(c, new ArrayList<>()) != null) {
                throw new IllegalArgumentException("class " + c + " is listed twice");
            }
        }
        for (Detection d : detections) {
            List<Detection> list = byClass.get(d.className());
            if (list == null) {
                throw new IllegalArgumentException("detection in " + d.imageId() + " has class " + d.className()
                        + ", which is not one of the evaluated classes " + classes);
            }
            list.add(d);
        }
        Map<String, ClassAveragePrecision> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Detection>> e : byClass.entrySet()) {
            out.put(e.getKey(), ofClass(e.getKey(), e.getValue(), groundTruth));
        }
        return out;
    }

    /** Evaluates one class from its detections (all of that class) and the ground truth of every image. */
    public static ClassAveragePrecision ofClass(String className, List<Detection> detections,
            Map<String, ? extends List<ObjectAnnotation>> groundTruth) {
        ClassMatches matches = match(className, detections, groundTruth);
        int positives = matches.truth().size();
        List<JudgedDetection> ranked = matches.ranked();
        int n = ranked.size();
        int tp = matches.truePositives();
        if (positives == 0) {
            return new ClassAveragePrecision(className, 0, n, 0, Double.NaN, PrCurve.EMPTY);
        }
        boolean[] truePositive = new boolean[n];
        double[] recall = new double[n];
        double[] precision = new double[n];
        int found = 0;
        for (int i = 0; i < n; i++) {
            truePositive[i] = ranked.get(i).hit();
            found += truePositive[i] ? 1 : 0;
            recall[i] = found / (double) positives;
            precision[i] = found / (double) (i + 1);
        }
        return new ClassAveragePrecision(className, positives, n, tp, area(recall, precision),
                corners(recall, precision, truePositive));
    }

    /**
     * The matching AP is computed from, detection by detection: ranks one class's detections and judges each a true
     * or a false positive, and says which ground-truth boxes were found. {@link #ofClass} is this plus the curve.
     *
     * @param detections detections of {@code className} only, in any images that are keys of {@code groundTruth}
     */
    public static ClassMatches match(String className, List<Detection> detections,
            Map<String, ? extends List<ObjectAnnotation>> groundTruth) {
        Map<String, ImageBoxes> gt = new LinkedHashMap<>(); // images in id order
        for (Map.Entry<String, ? extends List<ObjectAnnotation>> e : new TreeMap<>(groundTruth).entrySet()) {
            List<Box> boxes = new ArrayList<>();
            for (ObjectAnnotation o : e.getValue()) {
                if (o.className().equals(className)) {
                    boxes.add(o.box());
                }
            }
            gt.put(e.getKey(), new ImageBoxes(boxes.toArray(Box[]::new)));
        }

        List<Detection> ranked = new ArrayList<>(detections);
        ranked.sort(Comparator.comparingDouble(Detection::score).reversed()); // List.sort is stable
        List<JudgedDetection> judged = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            Detection d = ranked.get(i);
            if (!d.className().equals(className)) {
                throw new IllegalArgumentException("a " + d.className() + " detection was given to the evaluation of "
                        + className);
            }
            ImageBoxes image = gt.get(d.imageId());
            if (image == null) {
                throw new IllegalArgumentException("detection in image " + d.imageId()
                        + ", which has no ground-truth entry (give an empty list for an image without objects)");
            }
            judged.add(image.claim(d, i));
        }
        List<TruthBox> truth = new ArrayList<>();
        gt.forEach((image, boxes) -> {
            for (int j = 0; j < boxes.boxes.length; j++) {
                truth.add(new TruthBox(image, j, boxes.boxes[j], boxes.matched[j], boxes.bestIou[j]));
            }
        });
        return new ClassMatches(className, judged, truth);
    }

    /**
     * VOC 2010+ AP: precision made monotone from the right, then summed over the recall steps.
     * {@code recall} and {@code precision} are per ranked detection.
     */
    static double area(double[] recall, double[] precision) {
        int n = recall.length;
        double[] best = new double[n + 1]; // best[i]: highest precision at rank i or below; best[n] = 0
        for (int i = n - 1; i >= 0; i--) {
            best[i] = Math.max(precision[i], best[i + 1]);
        }
        double ap = 0;
        double previousRecall = 0;
        for (int i = 0; i < n; i++) {
            if (recall[i] != previousRecall) {
                ap += (recall[i] - previousRecall) * best[i];
                previousRecall = recall[i];
            }
        }
        return ap;
    }

    private static PrCurve corners(double[] recall, double[] precision, boolean[] truePositive) {
        int n = recall.length;
        double[] r = new double[n];
        double[] p = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            boolean beforeHit = i + 1 < n && truePositive[i + 1];
            if (truePositive[i] || beforeHit || i == n - 1) {
                r[k] = recall[i];
                p[k] = precision[i];
                k++;
            }
        }
        return new PrCurve(java.util.Arrays.copyOf(r, k), java.util.Arrays.copyOf(p, k));
    }

    /** Mean AP over the classes that have ground truth; NaN when none has. */
    public static double mean(Collection<ClassAveragePrecision> classes) {
        double sum = 0;
        int n = 0;
        for (ClassAveragePrecision c : classes) {
            if (c.hasGroundTruth()) {
                sum += c.ap();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** One image's ground-truth boxes of the class being evaluated, and which are already found. */
    private static final class ImageBoxes {
        private final Box[] boxes;
        private final boolean[] matched;
        private final double[] bestIou;

        ImageBoxes(Box[] boxes) {
            this.boxes = boxes;
            this.matched = new boolean[boxes.length];
            this.bestIou = new double[boxes.length];
        }

        /**
         * The verdict on a detection: a true positive (and the box marked found) when its best-overlapping box
         * overlaps enough and is still free.
         */
        JudgedDetection claim(Detection detection, int rank) {
            int best = -1;
            double iouOfBest = -1;
            for (int j = 0; j < boxes.length; j++) {
                double iou = detection.box().iou(boxes[j]);
                bestIou[j] = Math.max(bestIou[j], iou);
                if (iou > iouOfBest) {
                    iouOfBest = iou;
                    best = j;
                }
            }
            boolean hit = best >= 0 && iouOfBest >= MIN_OVERLAP && !matched[best];
            if (hit) {
                matched[best] = true;
            }
            return new JudgedDetection(detection, rank, hit, Math.max(0, iouOfBest), iouOfBest > 0 ? best : -1);
        }
    }
}
