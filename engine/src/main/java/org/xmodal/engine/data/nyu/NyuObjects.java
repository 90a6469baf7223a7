package org.xmodal.engine.data.nyu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.ObjectAnnotation;

/**
 * The detection objects of one NYU frame. NYU numbers instances per label (the chair instances are 1, 2, ... and
 * so are the table instances), so an object is the set of pixels sharing one (label, instance) pair with both
 * non-zero, as the toolbox's {@code get_instance_masks.m} defines it. Its box is the tight box of that mask
 * (0-based, inclusive; the mask may be in pieces) and its class is its label's name mapped to the 19 benchmark
 * classes; since every pixel of such an object carries the same label, that label is also the majority class.
 * Objects of other classes are dropped.
 *
 * <p>Kept objects are numbered 1, 2, ... in (label, instance) order; {@link #objectIds()} is the per-pixel map of
 * those numbers (0 elsewhere), matching {@link ObjectAnnotation#instance()}.
 *
 * @param unnamedLabels label values that have no entry in the names list (their pixels are ignored)
 */
record NyuObjects(List<ObjectAnnotation> objects, int[] objectIds, SortedSet<Integer> unnamedLabels) {

    /**
     * @param labels    row-major label per pixel (0 = unlabelled, else a 1-based index into {@code names})
     * @param instances row-major instance number within the label per pixel (0 = none)
     */
    static NyuObjects find(int[] labels, int[] instances, int width, int height, List<String> names) {
        int maxLabel = 0;
        int maxInstance = 0;
        for (int i = 0; i < labels.length; i++) {
            maxLabel = Math.max(maxLabel, labels[i]);
            maxInstance = Math.max(maxInstance, instances[i]);
        }
        int stride = maxInstance + 1;
        // One slot per (label, instance): its box as minX, minY, maxX, maxY, or minX = -1 while unseen.
        int[] boxes = new int[Math.multiplyExact(maxLabel + 1, stride) * 4];
        for (int s = 0; s < boxes.length; s += 4) {
            boxes[s] = -1;
        }
        for (int y = 0, p = 0; y < height; y++) {
            for (int x = 0; x < width; x++, p++) {
                if (labels[p] <= 0 || instances[p] <= 0) {
                    continue;
                }
                int b = (labels[p] * stride + instances[p]) * 4;
                if (boxes[b] < 0) {
                    boxes[b] = x;
                    boxes[b + 1] = y;
                    boxes[b + 2] = x;
                    boxes[b + 3] = y;
                } else {
                    boxes[b] = Math.min(boxes[b], x);
                    boxes[b + 1] = Math.min(boxes[b + 1], y);
                    boxes[b + 2] = Math.max(boxes[b + 2], x);
                    boxes[b + 3] = Math.max(boxes[b + 3], y);
                }
            }
        }
        int[] numberOfSlot = new int[boxes.length / 4];
        List<ObjectAnnotation> objects = new ArrayList<>();
        SortedSet<Integer> unnamed = new TreeSet<>();
        for (int slot = 0; slot < numberOfSlot.length; slot++) {
            int b = slot * 4;
            if (boxes[b] < 0) {
                continue;
            }
            int label = slot / stride;
            if (label > names.size()) {
                unnamed.add(label);
                continue;
            }
            Optional<String> detectionClass = DetectionClasses.fromNyuName(names.get(label - 1));
            if (detectionClass.isPresent()) {
                numberOfSlot[slot] = objects.size() + 1;
                objects.add(new ObjectAnnotation(detectionClass.get(),
                        new Box(boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3]), objects.size() + 1));
            }
        }
        int[] ids = new int[labels.length];
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] > 0 && instances[p] > 0) {
                ids[p] = numberOfSlot[labels[p] * stride + instances[p]];
            }
        }
        return new NyuObjects(objects, ids, unnamed);
    }
}
