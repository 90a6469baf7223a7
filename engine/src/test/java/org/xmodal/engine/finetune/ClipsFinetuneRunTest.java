package org.xmodal.engine.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Clips;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.data.folder.DatasetManifest;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.eval.ClipAccuracy;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * The clips task on a tiny synthetic flow dataset: eight sequences of three frame pairs, every other sequence a test
 * clip; trained as scenes, scored per clip.
 */
class ClipsFinetuneRunTest {
    @TempDir
    static Path tmp;
    private static Path flow;
    private static EncodingCache cache;

    @BeforeAll
    static void writeDataset() throws Exception {
        Path data = tmp.resolve("moving");
        SynthDatasetWriter.write(SynthConfig.of(5, 1).withSize(64, 48).withFlow(8, 4).withFractions(1.0, 0.5), data,
                false, 2, ProgressListener.NONE, new Cancellation());
        flow = data.resolve(SynthDatasetWriter.FLOW_FOLDER);
        cache = new EncodingCache(tmp.resolve("cache"));
    }

    private static RunSpec spec(Path data) {
        // Horn-Schunck: a flow method without natives, quick at 64 x 48
        return RunSpec.builder().name("clips").kind("finetune").data(data.toString()).modality("flow")
                .encoding(Encoding.defaults().withFlow(Encoding.Flow.defaults(FlowMethod.HORN_SCHUNCK)))
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005)).batchSize(8).iterations(4).inputSize(48)
                .seed(3).device("cpu").threads(0).checkpointEvery(10).logEvery(1)
                .finetune(new RunSpec.Finetune("paired", "random", null, "clips", null, null)).build();
    }

    @Test
    void clipsRunScoresEachTestClipByItsFramesAveraged() throws Exception {
        RunSpec spec = spec(flow);
        RunKinds.check(spec);
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, FinetuneRun.execute(run, false, cache, ProgressListener.NONE,
                TrainingLoop.Listener.NONE, Cancellation.NEVER));
        assertEquals(RunStatus.State.FINISHED, run.status().state());

        ClipAccuracy clips = Json.MAPPER.readValue(run.results().resolve(ClipAccuracy.FILE).toFile(),
                ClipAccuracy.class);
        List<String> classes;
        Map<String, Long> clipsPerClass;
        try (PairedDataset ds = DatasetLoaders.open(flow, ProgressListener.NONE, Cancellation.NEVER)) {
            classes = ds.sceneClasses();
            List<Pair> test = ds.labelled(Split.TEST);
            Map<String, List<Pair>> byClip = Clips.group(test);
            assertEquals(4, byClip.size(), "sequences 1, 3, 5 and 7 are the test clips");
            assertEquals(byClip.size(), clips.clips());
            assertEquals(test.size(), clips.frames());
            clipsPerClass = byClip.values().stream().collect(Collectors.groupingBy(
                    frames -> frames.get(0).annotation().scene().orElseThrow(), Collectors.counting()));
            Set<String> testClasses = clipsPerClass.keySet();
            assertEquals(testClasses, clips.perClass().keySet(), "accuracy for each class that has test clips");
            for (String c : classes) {
                assertEquals(testClasses.contains(c), !clips.apPerClass().get(c).isNaN(), "AP of " + c);
            }
        }
        assertTrue(clips.accuracy() >= 0 && clips.accuracy() <= 1, "accuracy is a fraction: " + clips.accuracy());
        assertEquals(classes, List.copyOf(clips.apPerClass().keySet()), "an AP entry for every scene class");
        // the overall accuracy is the per-class accuracies weighted by each class's clips
        double right = 0;
        for (Map.Entry<String, Long> c : clipsPerClass.entrySet()) {
            double a = clips.perClass().get(c.getKey());
            assertTrue(a >= 0 && a <= 1, c.getKey() + ": " + a);
            assertEquals(0, a * c.getValue() % 1, 1e-9, "a whole number of " + c.getKey() + "'s clips is right");
            right += a * c.getValue();
        }
        assertEquals(clips.accuracy(), right / clips.clips(), 1e-9);
        // accuracy.json, as accuracy-scored runs write it, says the same in clips
        org.xmodal.engine.eval.SceneAccuracy asScenes = org.xmodal.engine.json.Json.MAPPER.readValue(run.results()
                .resolve(org.xmodal.engine.eval.SceneAccuracy.FILE).toFile(), org.xmodal.engine.eval.SceneAccuracy.class);
        assertEquals(clips.accuracy(), asScenes.accuracy());
        assertEquals(clips.perClass(), asScenes.perClass());
        assertEquals(clips.clips(), asScenes.images());

        // the clip-level AP is also the run's detection.json, and scores.f32 keeps one row per frame
        DetectionResult detection = FinetuneResults.detection(run);
        assertEquals(clips.mAP(), detection.mAP());
        assertEquals(clips.frames(), RegionScores.read(run.results()).rows());
        List<MetricsLog.Row> rows = run.metrics().read().stream().filter(m -> m.split().equals("test")).toList();
        assertTrue(rows.stream().anyMatch(m -> m.step() == 4 && m.name().equals("accuracy")
                && m.value() == clips.accuracy()), "test accuracy at the final step");
        assertTrue(rows.stream().anyMatch(m -> m.step() == 4 && m.name().equals("mAP") && m.value() == clips.mAP()));
        assertEquals(clips.perClass().size(), rows.stream().filter(m -> m.name().startsWith("AP/")).count(),
                "an AP row for each class with test clips");
        List<RunEvent> metrics = run.events().stream().filter(e -> e.type().equals(RunEvent.METRIC)).toList();
        assertTrue(metrics.stream().anyMatch(e -> "mAP".equals(e.text("name"))
                && e.number("clips", -1) == clips.clips()), "the mAP event counts clips");
        assertTrue(metrics.stream().anyMatch(e -> "accuracy".equals(e.text("name"))
                && e.number("value", -1) == clips.accuracy()));
    }

    @Test
    void aTestClipOfMixedClassesIsRefusedByNameBeforeARunIsMade() throws Exception {
        Path mixed = copy(flow, tmp.resolve("mixed"));
        String frame;
        try (PairedDataset ds = DatasetLoaders.open(mixed, ProgressListener.NONE, Cancellation.NEVER)) {
            Pair last = ds.labelled(Split.TEST).stream().filter(p -> Clips.of(p).equals("seq-0003"))
                    .reduce((a, b) -> b).orElseThrow();
            frame = last.id();
            String other = ds.sceneClasses().stream().filter(c -> !c.equals(last.annotation().scene().orElseThrow()))
                    .findFirst().orElseThrow();
            Path annotation = mixed.resolve("annotations").resolve(frame + ".json");
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(annotation.toFile());
            assertTrue(json.has("scene"), json.toString());
            json.put("scene", other);
            Json.writeAtomically(json, annotation);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> RunKinds.check(spec(mixed)));
        assertTrue(e.getMessage().contains("clip seq-0003 mixes classes") && e.getMessage().contains(frame),
                e.getMessage());
    }

    @Test
    void aDatasetWithoutSceneClassesIsRefusedNamingTheTask() throws Exception {
        Path plain = copy(flow, tmp.resolve("plain"));
        Path manifest = plain.resolve(DatasetManifest.FILE_NAME);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(manifest.toFile());
        assertTrue(json.has("sceneClasses"), json.fieldNames().toString());
        json.remove("sceneClasses");
        Json.writeAtomically(json, manifest);
        BadInputException e = assertThrows(BadInputException.class, () -> RunKinds.check(spec(plain)));
        assertTrue(e.getMessage().contains("lists no scene classes") && e.getMessage().contains("finetune.task clips"),
                e.getMessage());
        // detection learns the object classes: the same data passes
        RunKinds.check(spec(plain).withFinetune(new RunSpec.Finetune("paired", "random", null, "detection", null,
                null)));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }
}
