package org.xmodal.engine.proposals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

/**
 * Recall of object proposals: the fraction of ground-truth boxes that some proposal among an image's first N
 * covers with IoU &gt;= 0.5 (+1 pixel convention), per class and over all boxes, for several N at once.
 * Feed it image by image; not thread-safe.
 */
public final class ProposalRecall {
    /** IoU at which a proposal counts as finding a box (the detector's positive threshold). */
    public static final double MIN_OVERLAP = 0.5;

    private final int[] tops;
    private final Map<String, int[]> foundPerClass = new LinkedHashMap<>();
    private final Map<String, Integer> boxesPerClass = new LinkedHashMap<>();
    private final int[] found;
    private int boxes;
    private long proposals;
    private int images;

    /** @param tops the proposal budgets N to measure recall at, each at least 1 */
    public ProposalRecall(int... tops) {
        if (tops.length == 0) {
            throw new IllegalArgumentException("recall needs at least one proposal budget");
        }
        for (int t : tops) {
            if (t < 1) {
                throw new IllegalArgumentException("proposal budgets must be at least 1, got " + t);
            }
        }
        this.tops = tops.clone();
        this.found = new int[tops.length];
    }

    /** Adds an image: its ground truth and its proposals, best first. */
    public void add(List<ObjectAnnotation> groundTruth, List<Box> proposals) {
        images++;
        this.proposals += proposals.size();
        for (ObjectAnnotation o : groundTruth) {
            int first = firstCovering(o.box(), proposals);
            int[] perClass = foundPerClass.computeIfAbsent(o.className(), c -> new int[tops.length]);
            boxesPerClass.merge(o.className(), 1, Integer::sum);
            boxes++;
            for (int t = 0; t < tops.length; t++) {
                if (first < tops[t]) {
                    found[t]++;
                    perClass[t]++;
                }
            }
        }
    }

    /** Rank of the first proposal covering the box, or MAX_VALUE when none does. */
    private static int firstCovering(Box box, List<Box> proposals) {
        for (int i = 0; i < proposals.size(); i++) {
            if (proposals.get(i).iou(box) >= MIN_OVERLAP) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    public int[] tops() {
        return tops.clone();
    }

    /** Recall over all boxes at each budget, in the order of {@link #tops()}; NaN before any box is added. */
    public double[] overall() {
        double[] r = new double[tops.length];
        for (int t = 0; t < tops.length; t++) {
            r[t] = found[t] / (double) boxes;
        }
        return r;
    }

    /** Recall per class at each budget, classes in the order first seen. */
    public Map<String, double[]> perClass() {
        Map<String, double[]> out = new LinkedHashMap<>();
        foundPerClass.forEach((c, f) -> {
            double[] r = new double[tops.length];
            for (int t = 0; t < tops.length; t++) {
                r[t] = f[t] / (double) boxesPerClass.get(c);
            }
            out.put(c, r);
        });
        return out;
    }

    public int boxes(String className) {
        return boxesPerClass.getOrDefault(className, 0);
    }

    public int boxes() {
        return boxes;
    }

    public int images() {
        return images;
    }

    public double proposalsPerImage() {
        return images == 0 ? 0 : proposals / (double) images;
    }
}
