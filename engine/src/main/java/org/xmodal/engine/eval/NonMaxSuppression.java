package org.xmodal.engine.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.Box;

/**
 * Greedy per-class non-maximum suppression of one image's detections, then the image's best detections kept
 * (Fast R-CNN's test-time post-processing; BRIEF.md section 6: IoU 0.3, at most 100 per image).
 * Within a class, the highest-scoring detection is kept and every remaining one that overlaps it with IoU above
 * the threshold (+1 pixel convention) is dropped, and so on down the ranking. Ties in score keep the input order,
 * here and in the final cut, so the result is a deterministic function of the input list.
 */
public final class NonMaxSuppression {
    public static final double NYUD2_IOU = 0.3;
    public static final int NYUD2_MAX_PER_IMAGE = 100;

    private static final Comparator<Detection> BY_SCORE = Comparator.comparingDouble(Detection::score).reversed();

    private final double iouThreshold;
    private final int maxPerImage;

    /**
     * @param iouThreshold a detection is suppressed when its IoU with a kept one of its class is above this
     * @param maxPerImage  at most this many detections survive per image, the highest-scoring over all classes
     */
    public NonMaxSuppression(double iouThreshold, int maxPerImage) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("NMS IoU threshold must be in [0, 1], got " + iouThreshold);
        }
        if (maxPerImage < 1) {
            throw new IllegalArgumentException("at least one detection per image must be kept, got " + maxPerImage);
        }
        this.iouThreshold = iouThreshold;
        this.maxPerImage = maxPerImage;
    }

    /** The NYUD2 protocol's settings: IoU 0.3, 100 detections per image. */
    public static NonMaxSuppression nyud2() {
        return new NonMaxSuppression(NYUD2_IOU, NYUD2_MAX_PER_IMAGE);
    }

    public double iouThreshold() {
        return iouThreshold;
    }

    public int maxPerImage() {
        return maxPerImage;
    }

    /**
     * The detections of one image that survive, highest score first (ties in input order).
     *
     * @param image detections of any classes, all with the same image id
     */
    public List<Detection> apply(List<Detection> image) {
        String imageId = image.isEmpty() ? null : image.get(0).imageId();
        for (Detection d : image) {
            if (!d.imageId().equals(imageId)) {
                throw new IllegalArgumentException("NMS works on one image at a time, got detections of " + imageId
                        + " and " + d.imageId());
            }
        }
        List<Detection> ranked = new ArrayList<>(image);
        ranked.sort(BY_SCORE); // stable: ties stay in input order
        Map<String, List<Integer>> byClass = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            byClass.computeIfAbsent(ranked.get(i).className(), c -> new ArrayList<>()).add(i);
        }
        boolean[] kept = new boolean[ranked.size()];
        for (List<Integer> oneClass : byClass.values()) {
            suppress(ranked, oneClass, kept);
        }
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < ranked.size() && out.size() < maxPerImage; i++) {
            if (kept[i]) {
                out.add(ranked.get(i));
            }
        }
        return out;
    }

    /**
     * Greedy NMS of one class, whose detections are {@code ranked} at positions {@code oneClass} (in rank order);
     * marks the survivors in {@code kept}. Each candidate is compared with the survivors so far, which is the
     * greedy rule read backwards, and the walk stops after {@code maxPerImage} survivors: later ones rank below
     * those in the image's final cut and could never survive it. So the work is bounded by candidates x 100, not
     * candidates squared.
     */
    private void suppress(List<Detection> ranked, List<Integer> oneClass, boolean[] kept) {
        int cap = Math.min(maxPerImage, oneClass.size());
        double[] x1 = new double[cap];
        double[] y1 = new double[cap];
        double[] x2 = new double[cap];
        double[] y2 = new double[cap];
        double[] area = new double[cap];
        int survivors = 0;
        for (int k = 0; k < oneClass.size() && survivors < cap; k++) {
            Box b = ranked.get(oneClass.get(k)).box();
            double bArea = b.area();
            boolean overlapped = false;
            for (int s = 0; s < survivors && !overlapped; s++) {
                // the +1 convention of Box.iou, inlined: this loop is the evaluation's hot spot
                double iw = Math.min(x2[s], b.x2()) - Math.max(x1[s], b.x1()) + 1;
                double ih = Math.min(y2[s], b.y2()) - Math.max(y1[s], b.y1()) + 1;
                if (iw > 0 && ih > 0) {
                    double inter = iw * ih;
                    overlapped = inter / (area[s] + bArea - inter) > iouThreshold;
                }
            }
            if (!overlapped) {
                kept[oneClass.get(k)] = true;
                x1[survivors] = b.x1();
                y1[survivors] = b.y1();
                x2[survivors] = b.x2();
                y2[survivors] = b.y2();
                area[survivors] = bArea;
                survivors++;
            }
        }
    }
}
