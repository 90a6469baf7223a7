package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Clips;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.folder.AnnotationJson;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/** The action clips written as a flow dataset, through the same writer as the flow sequences. */
class ActionDatasetWriterTest {
    /** 4 clips per class at a test fraction of 0.25: clip 3 of each class is a test clip. */
    private static final SynthConfig ACTIONS = SynthConfig.of(9, 1).withSize(64, 48).withFlow(0, 3)
            .withActions(4, 0).withFractions(0.5, 0.25);

    @TempDir
    Path tmp;

    @Test
    void actionsAloneAreWrittenInTheOutputFolderAsAFlowDatasetOfTheActionClasses() throws IOException {
        Path out = tmp.resolve("actions");
        SynthDatasetWriter.Summary summary = SynthDatasetWriter.write(ACTIONS, out, false, 2, ProgressListener.NONE,
                Cancellation.NEVER);
        assertEquals(0, summary.depthPairs());
        assertEquals(36, summary.actionClips());
        assertEquals(72, summary.actionPairs());

        JsonNode manifest = Json.MAPPER.readTree(out.resolve("dataset.json").toFile());
        assertEquals("flow", manifest.get("modality").asText());
        assertEquals("synth-actions-seed9", manifest.get("name").asText());
        assertEquals(ActionKind.ids(), texts(manifest.get("sceneClasses")));
        assertEquals(DetectionClasses.NYUD2_19, texts(manifest.get("classes")));
        assertEquals(ACTIONS.command(), manifest.at("/provenance/command").asText());
        assertTrue(ACTIONS.command().contains(" --actions 4") && !ACTIONS.command().contains("--scenes"),
                ACTIONS.command());
        assertEquals(72, manifest.get("pairs").size());

        Map<String, List<JsonNode>> clips = new TreeMap<>();
        for (JsonNode pair : manifest.get("pairs")) {
            clips.computeIfAbsent(Clips.of(pair.get("id").asText()), c -> new ArrayList<>()).add(pair);
        }
        assertEquals(36, clips.size());
        Map<String, int[]> splitsPerClass = new HashMap<>();
        for (Map.Entry<String, List<JsonNode>> clip : clips.entrySet()) {
            List<JsonNode> pairs = clip.getValue();
            assertEquals(2, pairs.size(), clip.getKey());
            JsonNode first = pairs.get(0);
            AnnotationJson a0 = annotation(out, first);
            for (JsonNode pair : pairs) {
                assertEquals(first.get("split"), pair.get("split"), clip.getKey() + " is on one side");
                assertEquals(first.get("labelled"), pair.get("labelled"), clip.getKey() + " is labelled as a whole");
                assertEquals(a0.scene(), annotation(out, pair).scene());
            }
            assertEquals(pairs.get(0).get("next").asText(), pairs.get(1).get("rgb").asText());
            int[] counts = splitsPerClass.computeIfAbsent(a0.scene(), c -> new int[2]);
            counts[first.get("split").asText().equals("test") ? 1 : 0]++;
        }
        assertEquals(ActionKind.values().length, splitsPerClass.size());
        for (Map.Entry<String, int[]> c : splitsPerClass.entrySet()) {
            assertArrayEquals(new int[] {3, 1}, c.getValue(), c.getKey() + ": train and test clips");
        }

        // A pair's files are the generator's clip: its frames, flow and boxes.
        int number = ActionClipGenerator.clipNumber(ActionKind.LIFT, 3);
        SynthSequence lift = new ActionClipGenerator(ACTIONS).clip(ActionKind.LIFT, 3);
        JsonNode pair = clips.get(ActionClipGenerator.clipId(number)).get(1);
        assertEquals("rgb/clip-0029-f01.png", pair.get("rgb").asText());
        assertEquals("rgb/clip-0029-f02.png", pair.get("next").asText());
        FlowField flow = FloFile.read(out.resolve(pair.get("flow").asText()));
        assertArrayEquals(lift.flows().get(1).v(), flow.v());
        assertEquals(Json.compact(AnnotationJson.of(lift.annotations().get(1))), Json.compact(annotation(out, pair)));
        assertFalse(annotation(out, pair).objects().isEmpty(), "the frame's object boxes");
        assertFalse(Files.exists(out.resolve(SynthOutputFolder.UNFINISHED_MARKER)));
    }

    @Test
    void withRgbdScenesTheActionsGoBesideThemAndTheFilesDoNotDependOnTheThreads() throws IOException {
        SynthConfig config = ACTIONS.withActions(1, 2);
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        SynthDatasetWriter.write(config, one, false, 1, ProgressListener.NONE, Cancellation.NEVER);
        SynthDatasetWriter.write(config, two, false, 2, ProgressListener.NONE, Cancellation.NEVER);
        Map<String, byte[]> a = files(one);
        Map<String, byte[]> b = files(two);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
        assertEquals("depth", Json.MAPPER.readTree(one.resolve("dataset.json").toFile()).get("modality").asText());
        JsonNode actions = Json.MAPPER.readTree(one.resolve("actions/dataset.json").toFile());
        assertEquals(9 * 2, actions.get("pairs").size());
        assertTrue(Files.isRegularFile(one.resolve("actions/rgb/clip-0008-f02.png")));

        // --force replaces the clips as it replaces the scenes.
        SynthDatasetWriter.write(ACTIONS.withActions(1, 1), one, true, 2, ProgressListener.NONE, Cancellation.NEVER);
        assertTrue(Files.isRegularFile(one.resolve("actions/rgb/clip-0008-f02.png")));
        assertFalse(Files.exists(one.resolve("rgb/scene-000001.png")), "the second scene is gone");
    }

    @Test
    void progressCountsTheClipsFrames() throws IOException {
        List<String> messages = new ArrayList<>();
        SynthDatasetWriter.write(ACTIONS.withActions(1, 0), tmp.resolve("p"), false, 1,
                (message, fraction) -> messages.add(message), Cancellation.NEVER);
        assertEquals("rendered 27 of 27 frames", messages.get(messages.size() - 1));
    }

    private static AnnotationJson annotation(Path root, JsonNode pair) throws IOException {
        return Json.MAPPER.readValue(root.resolve(pair.get("annotations").asText()).toFile(), AnnotationJson.class);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
