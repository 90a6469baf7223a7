package org.xmodal.app.results;

import java.util.List;
import java.util.Locale;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;

/** What the Results view shows for a cell (a class and an arm) at a seed: the detector's mistakes, or why not. */
public sealed interface Mistakes {
    String arm();

    int seed();

    String className();

    /**
     * The mistakes of one cell of {@code experiment}, found as the Results view finds them (from the runs' stored
     * scores, with the engine's NMS and AP matching), for a caller outside the view (the lesson).
     */
    static Mistakes find(Experiment experiment, String arm, int seed, String className, Cancellation cancel)
            throws java.io.IOException {
        try (MistakeFinder finder = new MistakeFinder(experiment)) {
            return finder.find(arm, seed, className, cancel);
        }
    }

    /**
     * The class's false positives and missed objects.
     *
     * @param source         where the scores come from (a run, or the late fusion of two)
     * @param ap             the class's AP recomputed from the scores (the engine's NMS and matching)
     * @param storedAp       the AP the experiment stored for this arm and seed (NaN when it stored none)
     * @param detections     the class's detections after NMS, as ranked for AP
     * @param falsePositives the highest-scoring false positives, at most {@link MistakeFinder#SHOWN}
     * @param falsePositiveCount all false positives
     * @param truth          the class's ground-truth boxes in the test pairs
     * @param missed         ground-truth boxes no detection found at IoU 0.5, at most {@link MistakeFinder#SHOWN}
     * @param missedCount    all of them
     * @param note           a warning for the reader (recomputed AP not the stored one), or empty
     */
    record Found(String arm, int seed, String className, String source, double ap, double storedAp, int detections,
                 List<Example> falsePositives, int falsePositiveCount, int truth, List<Example> missed,
                 int missedCount, String note) implements Mistakes {
        public Found {
            falsePositives = List.copyOf(falsePositives);
            missed = List.copyOf(missed);
        }

        /** One line: the counts and the AP. */
        public String summary() {
            String apText = String.format(Locale.ROOT, "AP %.1f%%", 100 * ap);
            if (!Double.isNaN(storedAp) && Math.abs(ap - storedAp) < 1e-9) {
                apText += " (as stored)";
            }
            return String.format(Locale.ROOT, "%s \u00d7 %s, seed %d (%s): %d detections after NMS, %d false "
                    + "positives; %d of %d objects missed; %s", className, arm, seed, source, detections,
                    falsePositiveCount, missedCount, truth, apText);
        }
    }

    /** Why the mistakes of this cell cannot be shown. */
    record Unavailable(String arm, int seed, String className, String reason) implements Mistakes {
    }

    /**
     * A false positive (with its score, rank and overlap) or a missed object (score NaN, rank -1), on its image.
     *
     * @param iou       for a false positive, IoU with the best-overlapping ground-truth box of the class; for a missed
     *                  object, the best IoU any detection of the class had with it
     * @param duplicate a false positive on an object a higher-ranked detection already found
     * @param picture   the image around the box, the box outlined
     */
    record Example(String imageId, Box box, double score, int rank, double iou, boolean duplicate,
                   RgbImage picture) {
        public boolean missed() {
            return rank < 0;
        }

        /** "#1 · p 0.95 · IoU 0.00", or "best IoU 0.31" for a missed object; then the image. */
        public String caption() {
            String what = missed() ? String.format(Locale.ROOT, "best IoU %.2f", iou)
                    : String.format(Locale.ROOT, "#%d \u00b7 p %.2f \u00b7 IoU %.2f%s", rank + 1, score, iou,
                    duplicate ? " \u00b7 duplicate" : "");
            return what + "\n" + imageId;
        }
    }
}
