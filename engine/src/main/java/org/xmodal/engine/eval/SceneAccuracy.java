package org.xmodal.engine.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.Pair;

/**
 * Top-1 accuracy of a scene classifier over labelled test images, and per class (fractions in [0, 1]): what SOCKET
 * and distillation runs record in {@code results/accuracy.json}.
 *
 * @param accuracy the fraction of test images whose predicted class is their scene (NaN without test images)
 * @param perClass each class's accuracy, for the classes that have test images
 * @param images   how many test images were scored
 */
public record SceneAccuracy(double accuracy, Map<String, Double> perClass, int images) {
    /** Where a run keeps it, under its results folder. */
    public static final String FILE = "accuracy.json";

    /**
     * Scores predictions against the test pairs' scene labels.
     *
     * @param predicted each test pair's predicted class, an index into {@code classes}
     * @param test      the test pairs, each labelled with one of {@code classes}
     */
    /** The accuracy a finished run wrote to its results folder. */
    public static SceneAccuracy of(org.xmodal.engine.run.RunDirectory run) throws java.io.IOException {
        return org.xmodal.engine.json.Json.MAPPER.readValue(run.results().resolve(FILE).toFile(), SceneAccuracy.class);
    }

    public static SceneAccuracy score(long[] predicted, List<Pair> test, List<String> classes) {
        if (predicted.length != test.size()) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + test.size() + " test pairs");
        }
        int[] right = new int[classes.size()];
        int[] seen = new int[classes.size()];
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int truth = classes.indexOf(test.get(i).annotation().scene().orElseThrow());
            if (truth < 0) {
                throw new IllegalArgumentException("test pair " + test.get(i).id() + " is of a class the classifier "
                        + "does not know (" + test.get(i).annotation().scene().get() + ")");
            }
            seen[truth]++;
            if (predicted[i] == truth) {
                right[truth]++;
                correct++;
            }
        }
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            if (seen[c] > 0) {
                perClass.put(classes.get(c), right[c] / (double) seen[c]);
            }
        }
        return new SceneAccuracy(test.isEmpty() ? Double.NaN : correct / (double) test.size(), perClass, test.size());
    }
}
