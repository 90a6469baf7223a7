package org.xmodal.engine.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.eval.Detection;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/** Fine-tuning runs on a tiny synthetic dataset: training, the evaluation files, initialisation, and resuming. */
class FinetuneRunTest {
    private static final int SIDE = 48;

    @TempDir
    static Path tmp;
    private static Path data;
    private static EncodingCache cache;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(3, 14).withSize(80, 60).withFractions(0.5, 0.3), data, false, 2,
                ProgressListener.NONE, new Cancellation());
        cache = new EncodingCache(tmp.resolve("cache"));
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            assertFalse(ds.labelled(Split.TRAIN).isEmpty(), "the tiny dataset has labelled train pairs");
            assertFalse(ds.labelled(Split.TEST).isEmpty(), "and test pairs");
        }
    }

    private static RunSpec spec(String name, RunSpec.Finetune f, RunSpec.Optimizer opt, int iterations) {
        return RunSpec.builder().name(name).kind("finetune").data(data.toString()).modality("depth")
                .student(new RunSpec.Student("alexnet-small", null, null)).optimizer(opt).batchSize(8)
                .iterations(iterations).inputSize(SIDE).seed(7).device("cpu").threads(0).checkpointEvery(5)
                .logEvery(1).finetune(f).build();
    }

    private static RunSpec.Finetune detection(String input, String init, String freeze) {
        return new RunSpec.Finetune(input, init, freeze, "detection", 40, 0.25);
    }

    private static RunSpec.Optimizer adam() {
        return new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005);
    }

    private static TrainingLoop.Outcome run(RunDirectory run, boolean resume, ProgressListener progress,
                                            TrainingLoop.Listener listener, Cancellation cancel) throws IOException {
        return FinetuneRun.execute(run, resume, cache, progress, listener, cancel);
    }

    private static RunDirectory finished(String name, RunSpec spec) throws IOException {
        RunDirectory r = RunDirectory.create(tmp.resolve("runs-" + name), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, run(r, false, ProgressListener.NONE, TrainingLoop.Listener.NONE,
                Cancellation.NEVER));
        return r;
    }

    @Test
    void detectionRunLearnsAndWritesItsEvaluation() throws Exception {
        RunDirectory r = finished("detection", spec("det", detection("paired", "random", null), adam(), 30));
        Map<Long, Double> loss = losses(r);
        double first = (loss.get(1L) + loss.get(2L) + loss.get(3L)) / 3;
        double last = (loss.get(28L) + loss.get(29L) + loss.get(30L)) / 3;
        assertTrue(last < first, "loss " + first + " -> " + last);

        DetectionResult result = FinetuneResults.detection(r);
        assertTrue(result.mAP() >= 0 && result.mAP() <= 1, "mAP is a fraction: " + result.mAP());
        assertEquals(19, result.apPerClass().size());
        RegionScores scores = RegionScores.read(r.results());
        assertEquals(20, scores.columns().size(), "19 classes and the background");
        assertTrue(scores.images().stream().allMatch(i -> i.boxes().size() <= 40), "at most 40 proposals per image");
        assertTrue(Files.exists(r.results().resolve(FinetuneResults.AP_FILE)));
        assertTrue(Files.exists(r.path().resolve(RunSession.RESULT_WEIGHTS)));
        List<MetricsLog.Row> test = r.metrics().read().stream().filter(m -> m.split().equals("test")).toList();
        assertTrue(test.stream().anyMatch(m -> m.name().equals("mAP") && m.value() == result.mAP()));
        assertTrue(test.stream().anyMatch(m -> m.name().startsWith("AP/")));
        assertEquals(RunStatus.State.FINISHED, r.status().state());
    }

    @Test
    void frozenArmStartsFromAnotherRunAndKeepsItsConvolutionsFixed() throws Exception {
        RunDirectory source = finished("source", spec("src", detection("rgb", "random", null), adam(), 3));
        RunDirectory frozen = finished("frozen", spec("frozen", detection("paired", source.path().toString(),
                "pool5"), adam(), 6));
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> before = NetworkWeights.read(source.path().resolve(RunSession.RESULT_WEIGHTS), m,
                    n -> true);
            Map<String, NDArray> after = NetworkWeights.read(frozen.path().resolve(RunSession.RESULT_WEIGHTS), m,
                    n -> true);
            assertEquals(before.get("conv1.weight"), after.get("conv1.weight"), "conv1 was frozen");
            assertEquals(before.get("conv5.bias"), after.get("conv5.bias"), "conv5 was frozen");
            assertFalse(before.get("fc7.weight").equals(after.get("fc7.weight")), "fc7 was trained");
        }
        Map<?, ?> init = Json.MAPPER.readValue(frozen.results().resolve("init.json").toFile(), Map.class);
        assertTrue(((List<?>) init.get("loaded")).contains("fc8.weight"), "same classes, so the head fits too");
    }

    @Test
    void runStoppedMidwayResumesWithTheLossesOfAnUninterruptedRun() throws Exception {
        // SGD at a small rate: multi-threaded kernels may differ in the last bits from run to run, which Adam's
        // sign-like first steps would amplify; with SGD a resumed run must match to that precision
        RunSpec s = spec("resume", detection("paired", "random", null), new RunSpec.Optimizer("sgd", 1e-7, 0.9, 0),
                12);
        RunDirectory whole = finished("whole", s);

        RunDirectory stopped = RunDirectory.create(tmp.resolve("runs-stopped"), s);
        Cancellation cancel = new Cancellation();
        TrainingLoop.Listener stopAt7 = (step, total, l, speed, eta) -> {
            if (step == 7) {
                cancel.cancel();
            }
        };
        assertEquals(TrainingLoop.Outcome.STOPPED, run(stopped, false, ProgressListener.NONE, stopAt7, cancel));
        assertEquals(List.of(5L, 7L), stopped.checkpointSteps());
        assertEquals(TrainingLoop.Outcome.FINISHED, run(stopped, true, ProgressListener.NONE,
                TrainingLoop.Listener.NONE, Cancellation.NEVER));
        Map<Long, Double> expected = losses(whole);
        Map<Long, Double> actual = losses(stopped);
        assertEquals(expected.keySet(), actual.keySet(), "every step once");
        expected.forEach((step, v) -> assertEquals(v, actual.get(step), Math.abs(v) * 1e-4, "loss at " + step));
        assertEquals(FinetuneResults.detection(whole).mAP(), FinetuneResults.detection(stopped).mAP(), 0.02);
    }

    @Test
    void runStoppedWhileEvaluatingResumesIntoTheEvaluation() throws Exception {
        RunSpec s = spec("eval-stop", detection("paired", "random", null), adam(), 4);
        RunDirectory r = RunDirectory.create(tmp.resolve("runs-eval-stop"), s);
        Cancellation cancel = new Cancellation();
        ProgressListener stopWhenScoring = (message, fraction) -> {
            if (message.startsWith("Scoring")) {
                cancel.cancel();
            }
        };
        assertEquals(TrainingLoop.Outcome.STOPPED, run(r, false, stopWhenScoring, TrainingLoop.Listener.NONE, cancel));
        assertEquals(RunStatus.State.STOPPED, r.status().state());
        assertFalse(Files.exists(r.results().resolve(FinetuneResults.DETECTION_FILE)), "no result yet");
        assertEquals(TrainingLoop.Outcome.FINISHED, run(r, true, ProgressListener.NONE, TrainingLoop.Listener.NONE,
                Cancellation.NEVER));
        assertEquals(RunStatus.State.FINISHED, r.status().state());
        assertTrue(Files.exists(r.results().resolve(FinetuneResults.DETECTION_FILE)));
        assertEquals(4, losses(r).size(), "no step was trained twice");
    }

    @Test
    void regionTaskScoresTheGroundTruthBoxesWithoutBackground() throws Exception {
        RunDirectory r = finished("regions", spec("regions", new RunSpec.Finetune("rgb", "random", null,
                "regions", null, null), adam(), 4));
        RegionScores scores = RegionScores.read(r.results());
        assertFalse(scores.hasBackground());
        assertEquals(19, scores.columns().size());
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            long boxes = ds.labelled(Split.TEST).stream().mapToLong(p -> p.annotation().objects().size()).sum();
            assertEquals(boxes, scores.rows(), "every test object, once");
        }
    }

    @Test
    void sceneTaskClassifiesWholeImagesAndItsApRanksTheTestImagesPerSceneClass() throws Exception {
        RunDirectory r = finished("scenes", spec("scenes", new RunSpec.Finetune("paired", "random", null, "scenes",
                null, null), adam(), 12));
        RegionScores scores = RegionScores.read(r.results());
        DetectionResult result = FinetuneResults.detection(r);
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            assertEquals(ds.sceneClasses(), scores.columns(), "one column per scene class, no background");
            List<Pair> test = ds.labelled(Split.TEST).stream().filter(p -> p.annotation().scene().isPresent())
                    .toList();
            assertEquals(test.size(), scores.rows(), "one region per test image");
            for (RegionScores.ImageBoxes image : scores.images()) {
                Box whole = image.boxes().get(0);
                assertEquals(0, whole.x1());
                assertEquals(0, whole.y1());
                assertEquals(79, whole.x2(), "the whole 80x60 image");
                assertEquals(59, whole.y2());
            }
            // independently: rank the test images by each class's probability; VOC all-point AP of that ranking
            Map<String, String> sceneOf = new java.util.HashMap<>();
            test.forEach(p -> sceneOf.put(p.id(), p.annotation().scene().orElseThrow()));
            Map<String, List<Detection>> detections = scores.detections();
            for (String c : ds.sceneClasses()) {
                long positives = sceneOf.values().stream().filter(c::equals).count();
                Double ap = result.apPerClass().get(c);
                if (positives == 0) {
                    assertTrue(ap == null || ap.isNaN(), c + " has no test image: no AP");
                    continue;
                }
                List<Detection> ranked = detections.values().stream().flatMap(List::stream)
                        .filter(d -> d.className().equals(c))
                        .sorted(java.util.Comparator.comparingDouble(Detection::score).reversed()).toList();
                double[] precision = new double[ranked.size()];
                double[] recall = new double[ranked.size()];
                int hits = 0;
                for (int i = 0; i < ranked.size(); i++) {
                    hits += sceneOf.get(ranked.get(i).imageId()).equals(c) ? 1 : 0;
                    precision[i] = hits / (i + 1.0);
                    recall[i] = hits / (double) positives;
                }
                double expected = 0;
                double previousRecall = 0;
                for (int i = 0; i < ranked.size(); i++) {
                    double best = 0;
                    for (int j = i; j < ranked.size(); j++) {
                        best = Math.max(best, precision[j]);
                    }
                    expected += (recall[i] - previousRecall) * best;
                    previousRecall = recall[i];
                }
                assertEquals(expected, ap, 1e-9, "AP of " + c);
            }
        }
    }

    private static Map<Long, Double> losses(RunDirectory run) throws IOException {
        return run.metrics().series("loss");
    }
}
