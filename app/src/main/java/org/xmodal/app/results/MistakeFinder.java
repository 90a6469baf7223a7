package org.xmodal.app.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.eval.AveragePrecision;
import org.xmodal.engine.eval.ClassMatches;
import org.xmodal.engine.eval.Detection;
import org.xmodal.engine.eval.DetectionEvaluation;
import org.xmodal.engine.eval.JudgedDetection;
import org.xmodal.engine.eval.NonMaxSuppression;
import org.xmodal.engine.eval.TruthBox;
import org.xmodal.engine.experiment.Table1Arm;
import org.xmodal.engine.finetune.RegionScores;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.viz.DetectionPictures;

/**
 * Finds a class's false positives and missed objects for an arm and seed of an experiment, from the runs' stored
 * pre-softmax scores ({@code results/scores.f32}) and the test pairs' ground truth, with the engine's own NMS and AP
 * matching ({@link DetectionEvaluation#matches}): the same verdicts the stored AP was computed from. A fused arm's
 * scores are the average of its two runs' scores, as the experiment fused them. The test set and each arm's
 * detections after NMS are kept, so looking at another class of the same arm is quick. One caller at a time.
 */
final class MistakeFinder implements AutoCloseable {
    /** How many false positives and missed objects are drawn. */
    static final int SHOWN = 12;
    static final int THUMB_WIDTH = 168;
    static final int THUMB_HEIGHT = 126;
    private static final int KEPT_ARMS = 6;
    private static final int IMAGES = 32;

    private record TestSet(PairedDataset dataset, Map<String, List<ObjectAnnotation>> groundTruth,
                           Map<String, Pair> pairs) {
    }

    private final Experiment experiment;
    private final Map<String, TestSet> testSets = new LinkedHashMap<>();
    private final Map<String, List<Detection>> kept = lru(KEPT_ARMS);
    private final Map<String, RgbImage> images = lru(IMAGES);
    private boolean closed;

    MistakeFinder(Experiment experiment) {
        this.experiment = experiment;
    }

    Experiment experiment() {
        return experiment;
    }

    synchronized Mistakes find(String arm, int seed, String className, Cancellation cancel) throws IOException {
        if (closed) {
            throw new CancellationException("the experiment " + experiment.folder() + " was closed");
        }
        Experiment.ArmSeed as = experiment.armSeed(arm, seed).orElseThrow(() -> new IllegalArgumentException(
                "no arm " + arm + " with seed " + seed + " in " + experiment.folder()));
        if (experiment.withoutTruth().contains(className)) {
            return new Mistakes.Unavailable(arm, seed, className, className + " has no ground truth in the test "
                    + "pairs: no detection of it can be right, and none can be missed, so it has no AP.");
        }
        if (as.runs().isEmpty()) {
            return new Mistakes.Unavailable(arm, seed, className, as.fused()
                    ? "Drill-down is available for single-modality arms only here: the two runs fused into " + arm
                    + ", seed " + seed + " are not in " + new ExperimentLayout(experiment.folder()).runs() + ", and the fused "
                    + "result keeps no scores of its own."
                    : "No finished run of " + arm + ", seed " + seed + " is in " + new ExperimentLayout(experiment.folder()).runs()
                    + ": the mistakes are found from each run's results/scores.f32.");
        }
        if (as.data() == null) {
            return new Mistakes.Unavailable(arm, seed, className, as.runs().get(0).resolve("spec.json")
                    + " names no dataset: the test pairs' ground truth is needed to judge the detections.");
        }
        TestSet test = testSet(as.data(), cancel);
        cancel.check();
        List<Detection> detections = detections(as, test, cancel);
        cancel.check();
        ClassMatches m = DetectionEvaluation.matches(detections, test.groundTruth(), className);
        double ap = AveragePrecision.ofClass(className, m.ranked().stream().map(JudgedDetection::detection).toList(),
                test.groundTruth()).ap();
        double stored = as.result().map(r -> r.apPerClass().getOrDefault(className, Double.NaN))
                .orElse(Double.NaN);
        String note = "";
        if (!Double.isNaN(stored) && Math.abs(ap - stored) > 1e-9) {
            note = String.format(Locale.ROOT, "The AP recomputed from the scores (%.1f%%) is not the stored one "
                    + "(%.1f%%): has the dataset %s changed since the run?", 100 * ap, 100 * stored, as.data());
        }
        List<Mistakes.Example> fps = new ArrayList<>();
        List<JudgedDetection> allFps = m.falsePositives();
        for (JudgedDetection d : allFps.subList(0, Math.min(SHOWN, allFps.size()))) {
            cancel.check();
            String image = d.detection().imageId();
            List<DetectionPictures.Outline> outlines = new ArrayList<>();
            if (d.truthIndex() >= 0) {
                outlines.add(new DetectionPictures.Outline(truthBox(test, image, className, d.truthIndex()),
                        DetectionPictures.TRUTH_COLOUR, true));
            }
            outlines.add(new DetectionPictures.Outline(d.detection().box(), DetectionPictures.DETECTION_COLOUR, false));
            fps.add(new Mistakes.Example(image, d.detection().box(), d.detection().score(), d.rank(), d.bestIou(),
                    d.duplicate(), picture(test, image, d.detection().box(), outlines)));
        }
        List<Mistakes.Example> missed = new ArrayList<>();
        List<TruthBox> allMissed = m.missed();
        for (TruthBox t : allMissed.subList(0, Math.min(SHOWN, allMissed.size()))) {
            cancel.check();
            missed.add(new Mistakes.Example(t.imageId(), t.box(), Double.NaN, -1, t.bestIou(), false,
                    picture(test, t.imageId(), t.box(), List.of(new DetectionPictures.Outline(t.box(),
                            DetectionPictures.TRUTH_COLOUR, false)))));
        }
        String source = as.fused() ? "late fusion of " + as.runs().get(0).getFileName() + " and "
                + as.runs().get(1).getFileName() : "run " + as.runs().get(0).getFileName();
        return new Mistakes.Found(arm, seed, className, source, ap, stored, m.ranked().size(), fps, allFps.size(),
                m.truth().size(), missed, allMissed.size(), note);
    }

    /** The arm and seed's detections after NMS: its run's scores, or the fusion of its two runs' scores. */
    private List<Detection> detections(Experiment.ArmSeed as, TestSet test, Cancellation cancel) throws IOException {
        String key = as.arm() + "#" + as.seed();
        List<Detection> cached = kept.get(key);
        if (cached != null) {
            return cached;
        }
        RegionScores scores = RegionScores.read(as.runs().get(0).resolve("results"));
        if (as.fused()) {
            cancel.check();
            RegionScores other = RegionScores.read(as.runs().get(1).resolve("results"));
            try {
                scores = RegionScores.average(scores, other, Table1Arm.FUSION_WEIGHT);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(as.runs().get(1).resolve("results").resolve(RegionScores.INDEX_FILE),
                        "cannot be fused with " + as.runs().get(0).getFileName() + " (" + e.getMessage() + ")");
            }
        }
        Path index = as.runs().get(0).resolve("results").resolve(RegionScores.INDEX_FILE);
        // one image at a time, in the order of their ids as the evaluation takes them: every proposal as a detection
        // of every class would need gigabytes for a large test set, its survivors of NMS need little
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        int row = 0;
        for (RegionScores.ImageBoxes image : scores.images()) {
            if (!test.groundTruth().containsKey(image.id())) {
                throw new BadInputException(index, "scores image " + image.id() + ", which is not a labelled test "
                        + "pair of " + as.data() + ": has the dataset changed since the run?");
            }
            firstRow.put(image.id(), row);
            row += image.boxes().size();
        }
        int k = scores.columns().size();
        NonMaxSuppression nms = NonMaxSuppression.nyud2();
        List<Detection> out = new ArrayList<>();
        for (RegionScores.ImageBoxes image : scores.images().stream()
                .sorted(java.util.Comparator.comparing(RegionScores.ImageBoxes::id)).toList()) {
            cancel.check();
            int from = firstRow.get(image.id()) * k;
            RegionScores one = new RegionScores(scores.columns(), List.of(image), java.util.Arrays.copyOfRange(
                    scores.scores(), from, from + image.boxes().size() * k));
            out.addAll(DetectionEvaluation.kept(one.detections(), test.groundTruth(), nms));
        }
        kept.put(key, out);
        return out;
    }

    private TestSet testSet(String data, Cancellation cancel) throws IOException {
        TestSet t = testSets.get(data);
        if (t != null) {
            return t;
        }
        Path path = Path.of(data);
        if (!path.isAbsolute() && !Files.exists(path)) {
            path = experiment.folder().resolve(data);
        }
        if (!Files.exists(path)) {
            throw new BadInputException(path, "does not exist: the runs were tested on this dataset, and its test "
                    + "pairs' ground truth and images are needed to show their mistakes");
        }
        PairedDataset ds = DatasetLoaders.open(path, ProgressListener.NONE, cancel);
        Map<String, List<ObjectAnnotation>> truth = new LinkedHashMap<>();
        Map<String, Pair> pairs = new LinkedHashMap<>();
        for (Pair p : ds.labelled(Split.TEST)) {
            truth.put(p.id(), p.annotation().objects());
            pairs.put(p.id(), p);
        }
        t = new TestSet(ds, truth, pairs);
        testSets.put(data, t);
        return t;
    }

    private static Box truthBox(TestSet test, String image, String className, int index) {
        return test.groundTruth().get(image).stream().filter(o -> o.className().equals(className))
                .map(ObjectAnnotation::box).toList().get(index);
    }

    private RgbImage picture(TestSet test, String image, Box focus, List<DetectionPictures.Outline> outlines)
            throws IOException {
        String key = test.dataset().root() + "#" + image;
        RgbImage rgb = images.get(key);
        if (rgb == null) {
            rgb = test.dataset().rgb(test.pairs().get(image));
            images.put(key, rgb);
        }
        return DetectionPictures.around(rgb, focus, outlines, THUMB_WIDTH, THUMB_HEIGHT);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        for (TestSet t : testSets.values()) {
            t.dataset().close();
        }
        testSets.clear();
        kept.clear();
        images.clear();
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
