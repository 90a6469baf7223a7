package org.xmodal.engine.finetune;

import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.FinetuneTask;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.eval.ClipAccuracy;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.eval.DetectionEvaluation;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.regions.RegionClassifier;
import org.xmodal.engine.regions.RegionImages;
import org.xmodal.engine.regions.RegionInputs;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * The end of a fine-tuning run: scores the test pairs' boxes (the first N proposals of each image for detection,
 * the ground-truth boxes for region classification, the whole image for scene and clip classification), keeps the
 * pre-softmax scores for late fusion, and measures per-class AP by the NYUD2 protocol. Writes {@code results/detection.json} ({@link DetectionResult}),
 * {@code results/ap.csv}, {@code results/scores.f32} + {@code scores.json} ({@link RegionScores}), and the APs
 * as test metrics ({@code AP/<class>} for classes with test ground truth, and {@code mAP}). For clips the AP is of
 * ranking the test clips, each scored by its frames averaged, and {@code results/clips.json} ({@link ClipAccuracy}) with {@code results/accuracy.json} ({@link SceneAccuracy}, in clips)
 * and the test metric {@code accuracy} (over clips) are written too.
 */
final class FinetuneEvaluation {
    static final String INIT_FILE = "init.json";

    private final RunDirectory run;
    private final RunSpec spec;
    private final PairedDataset ds;
    private final List<Pair> test;
    private final List<String> classes;
    private final List<String> columns;
    private final Map<String, List<Box>> proposals;
    private final ProgressListener progress;
    private final Cancellation cancel;

    FinetuneEvaluation(RunDirectory run, RunSpec spec, PairedDataset ds, List<Pair> test, List<String> classes,
                       List<String> columns, Map<String, List<Box>> proposals, ProgressListener progress,
                       Cancellation cancel) {
        this.run = run;
        this.spec = spec;
        this.ds = ds;
        this.test = test;
        this.classes = classes;
        this.columns = columns;
        this.proposals = proposals;
        this.progress = progress;
        this.cancel = cancel;
    }

    void evaluate(RegionClassifier classifier, NDManager manager, FinetuneInput input, int side,
                  PairEncoding encoding)
            throws IOException {
        RegionImages images = RegionInputs.load(encoding, test, input, side, progress, cancel);
        boolean detection = spec.finetune().task() == FinetuneTask.DETECTION;
        boolean scenes = spec.finetune().task().wholeImages();
        int top = spec.finetune().proposals();
        List<RegionScores.ImageBoxes> boxes = new ArrayList<>();
        Map<String, List<ObjectAnnotation>> groundTruth = new LinkedHashMap<>();
        for (int i = 0; i < test.size(); i++) {
            Pair p = test.get(i);
            List<ObjectAnnotation> objects = p.annotation().objects();
            if (scenes) {
                // the whole image is the one "object", of its scene's class: AP ranks the test images per class
                Box whole = TrainingRegions.wholeImage(images, i);
                objects = List.of(new ObjectAnnotation(p.annotation().scene().orElseThrow(), whole, 0));
            }
            groundTruth.put(p.id(), objects);
            List<Box> scored;
            if (detection) {
                List<Box> all = proposals.getOrDefault(p.id(), List.of());
                scored = all.subList(0, Math.min(top, all.size()));
            } else {
                scored = objects.stream().filter(o -> classes.contains(o.className())).map(ObjectAnnotation::box)
                        .toList();
            }
            boxes.add(new RegionScores.ImageBoxes(p.id(), scored));
        }
        RegionScores scores = RegionScorer.score(classifier, manager, images, boxes, columns, progress, cancel);
        scores.write(run.results());
        if (spec.finetune().task() == FinetuneTask.CLIPS) {
            recordClips(run, spec.iterations(), ClipAccuracy.evaluate(test, scores.probabilities(), classes));
            return;
        }
        DetectionResult result = DetectionEvaluation.evaluate(scores.detections(), groundTruth, classes);
        record(run, spec.iterations(), result, scores.rows());
    }

    /** Writes a result into a run (or any results folder): detection.json, ap.csv, metrics and an event. */
    static void record(RunDirectory run, long step, DetectionResult result, int scoredBoxes) throws IOException {
        record(run, step, result, "boxes", scoredBoxes);
    }

    private static void record(RunDirectory run, long step, DetectionResult result, String counted, int count)
            throws IOException {
        FinetuneResults.write(run.results(), result);
        for (Map.Entry<String, Double> e : result.apPerClass().entrySet()) {
            if (!e.getValue().isNaN()) {
                run.metrics().append(new MetricsLog.Row(step, 0, "test", "AP/" + e.getKey(), e.getValue()));
            }
        }
        run.metrics().append(new MetricsLog.Row(step, 0, "test", "mAP", result.mAP()));
        run.append(RunEvent.of(RunEvent.METRIC, step).with("split", "test").with("name", "mAP")
                .with("value", result.mAP()).with(counted, count));
    }

    /**
     * A clips run's result: {@code clips.json}, and its clip-level AP through {@link #record} (detection.json and
     * ap.csv with one "image" per clip, the AP and mAP metrics and event), so that whatever reads a fine-tuning run's
     * AP reads a clips run's; then the clip accuracy as a test metric and event.
     *
     * <p>A clip's scores are its frames' softmax probabilities averaged, not their pre-softmax scores: a frame's
     * scores have a scale of their own (a confident frame's spread wide), so in a mean of raw scores one frame could
     * outvote the rest, while probabilities give each frame an equal, bounded say. It is also what the two-stream
     * networks' papers average, and what the scenes task ranks images by, so a clip of one frame scores as that
     * frame does there. The pre-softmax scores stay in scores.f32, per frame, for late fusion.
     */
    private static void recordClips(RunDirectory run, long step, ClipAccuracy.Evaluation evaluation)
            throws IOException {
        ClipAccuracy clips = evaluation.accuracy();
        Json.writeAtomically(clips, run.results().resolve(ClipAccuracy.FILE));
        // and accuracy.json as every accuracy-scored run writes it (SOCKET's, distill's), counted in clips, so that
        // an experiment and the Results view read a clips run's accuracy as they read theirs
        Json.writeAtomically(new SceneAccuracy(clips.accuracy(), clips.perClass(), clips.clips()),
                run.results().resolve(SceneAccuracy.FILE));
        record(run, step, evaluation.ranking(), "clips", clips.clips());
        run.metrics().append(new MetricsLog.Row(step, 0, "test", "accuracy", clips.accuracy()));
        run.append(RunEvent.of(RunEvent.METRIC, step).with("split", "test").with("name", "accuracy")
                .with("value", clips.accuracy()).with("clips", clips.clips()).with("frames", clips.frames()));
    }

    /**
     * {@code results/init.json}: which weights the run started from (null: random), which parameters started
     * fresh, and the scale on the features entering the classifier ({@link RegionClassifier}).
     */
    static void writeInit(RunDirectory run, Path weights, InitialWeights.Report report, float featureScale)
            throws IOException {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("weights", weights == null ? "random" : weights.toAbsolutePath().toString());
        init.put("loaded", report.loaded());
        init.put("fresh", report.skipped());
        init.put("featureScale", featureScale);
        Json.writeAtomically(init, run.results().resolve(INIT_FILE));
    }
}
