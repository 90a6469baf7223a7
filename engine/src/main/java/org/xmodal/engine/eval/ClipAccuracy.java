package org.xmodal.engine.eval;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.Clips;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.image.BadInputException;

/**
 * A clip classifier's score on the test clips, where a clip's class scores are its frames' scores averaged (the
 * paper's action recognition on flow) and its prediction the class of the highest mean (the first such class on a
 * tie). What a {@code clips} fine-tuning run writes to {@code results/clips.json}; all figures are fractions in
 * [0, 1] over clips, not frames.
 *
 * <p>AP ranks the test clips by their mean score for a class, highest first, with the project's VOC all-point AP
 * ({@link AveragePrecision}): each clip is one "image" whose single ground-truth object is the whole clip, of its
 * class, and whose detections are one per class scored by the clip's mean. Tied means keep the order of clip keys.
 *
 * @param accuracy   the fraction of test clips whose predicted class is their class
 * @param perClass   each class's accuracy over its test clips, for the classes that have test clips
 * @param apPerClass every class's AP of ranking the test clips, in the classes' order; NaN (JSON null) for a class
 *                   without test clips
 * @param mAP        the mean of the APs of the classes that have test clips
 * @param clips      how many test clips were scored
 * @param frames     how many test frames their scores were averaged from
 */
public record ClipAccuracy(double accuracy, Map<String, Double> perClass,
                           @JsonSerialize(contentUsing = DetectionResult.NanAsNull.class)
                           Map<String, Double> apPerClass, double mAP, int clips, int frames) {
    /** Where a run keeps it, under its results folder. */
    public static final String FILE = "clips.json";
    /** The box of every clip's one ground-truth object and its detections: equal boxes, so IoU 1. */
    private static final Box WHOLE_CLIP = new Box(0, 0, 0, 0);

    public ClipAccuracy {
        perClass = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(perClass, "perClass")));
        Map<String, Double> ap = new LinkedHashMap<>();
        Objects.requireNonNull(apPerClass, "apPerClass").forEach((c, v) -> ap.put(c, v == null ? Double.NaN : v));
        apPerClass = Collections.unmodifiableMap(ap);
    }

    /**
     * Both readings of one scoring: the clip accuracy, and the same clip-level AP as a {@link DetectionResult} (with
     * its precision-recall curves), so that what reads a fine-tuning run's AP reads a clips run's too.
     */
    public record Evaluation(ClipAccuracy accuracy, DetectionResult ranking) {
    }

    /**
     * Scores test frames clip by clip ({@link Clips#group}).
     *
     * @param frames  the test frames, each labelled with its clip's class (its scene class)
     * @param scores  each frame's class scores, in the order of {@code frames}, one per class of {@code classes};
     *                their means must mean something (a fine-tuning run gives softmax probabilities)
     * @param classes the classes the scores are of
     * @throws BadInputException        naming the clip, when a clip's frames carry different classes
     * @throws IllegalArgumentException when there are no frames, a frame has no class or one not in {@code classes},
     *                                  or the scores do not fit the frames and classes
     */
    public static Evaluation evaluate(List<Pair> frames, double[][] scores, List<String> classes)
            throws BadInputException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no test frames to score clips by");
        }
        if (scores.length != frames.size()) {
            throw new IllegalArgumentException(scores.length + " rows of scores for " + frames.size() + " frames");
        }
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            if (row.put(frames.get(i).id(), i) != null) {
                throw new IllegalArgumentException("frame " + frames.get(i).id() + " is given twice");
            }
            if (scores[i].length != classes.size()) {
                throw new IllegalArgumentException("frame " + frames.get(i).id() + " has " + scores[i].length
                        + " scores for " + classes.size() + " classes");
            }
        }
        int k = classes.size();
        int[] right = new int[k];
        int[] seen = new int[k];
        int correct = 0;
        Map<String, List<ObjectAnnotation>> truth = new TreeMap<>(); // clips in key order: ties ranked alike
        Map<String, double[]> means = new TreeMap<>();
        Map<String, List<Pair>> clips = Clips.group(frames);
        for (Map.Entry<String, List<Pair>> clip : clips.entrySet()) {
            String cls = classOf(clip.getKey(), clip.getValue());
            int t = classes.indexOf(cls);
            if (t < 0) {
                throw new IllegalArgumentException("clip " + clip.getKey() + " is of a class the classifier does not "
                        + "know (" + cls + ")");
            }
            double[] mean = new double[k];
            for (Pair frame : clip.getValue()) {
                double[] s = scores[row.get(frame.id())];
                for (int c = 0; c < k; c++) {
                    mean[c] += s[c] / clip.getValue().size();
                }
            }
            int predicted = 0;
            for (int c = 1; c < k; c++) {
                predicted = mean[c] > mean[predicted] ? c : predicted;
            }
            seen[t]++;
            if (predicted == t) {
                right[t]++;
                correct++;
            }
            truth.put(clip.getKey(), List.of(new ObjectAnnotation(cls, WHOLE_CLIP, 0)));
            means.put(clip.getKey(), mean);
        }
        List<Detection> detections = new ArrayList<>();
        means.forEach((clip, mean) -> {
            for (int c = 0; c < k; c++) {
                detections.add(new Detection(clip, classes.get(c), WHOLE_CLIP, mean[c]));
            }
        });
        DetectionResult ranking = DetectionResult.of(AveragePrecision.evaluate(detections, truth, classes));
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            if (seen[c] > 0) {
                perClass.put(classes.get(c), right[c] / (double) seen[c]);
            }
        }
        ClipAccuracy accuracy = new ClipAccuracy(correct / (double) clips.size(), perClass, ranking.apPerClass(),
                ranking.mAP(), clips.size(), frames.size());
        return new Evaluation(accuracy, ranking);
    }

    /**
     * The class of a clip's frames, which must agree: a clip is one video of one action.
     *
     * @throws BadInputException        naming the clip and two frames that disagree, at the first frame's location
     * @throws IllegalArgumentException when a frame carries no class
     */
    public static String classOf(String clip, List<Pair> frames) throws BadInputException {
        Pair first = frames.get(0);
        String cls = sceneOf(first);
        for (Pair p : frames) {
            String other = sceneOf(p);
            if (!other.equals(cls)) {
                throw new BadInputException(first.location(), "clip " + clip + " mixes classes: its frame "
                        + first.id() + " is " + cls + " but its frame " + p.id() + " is " + other + " (a clip's frames "
                        + "carry its one class)");
            }
        }
        return cls;
    }

    private static String sceneOf(Pair p) {
        return p.annotation().scene().orElseThrow(() -> new IllegalArgumentException("frame " + p.id()
                + " has no class to score its clip by"));
    }
}
