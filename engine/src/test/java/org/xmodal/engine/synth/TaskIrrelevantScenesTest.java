package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.cli.CliRun;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.BadInputException;

/** Ten kinds of room, some marked task-irrelevant: SOCKET's split of scene classes, from synth to the dataset. */
class TaskIrrelevantScenesTest {
    private static final List<String> NEW = List.of("dining_room", "classroom", "library", "conference_room", "study");

    @TempDir
    Path tmp;

    @Test
    void tenKindsOfRoomWithFiveMarkedTaskIrrelevantReachTheDataset() throws Exception {
        Path out = tmp.resolve("rooms10");
        CliRun r = CliRun.of("synth", "--out", out.toString(), "--seed", "3", "--scenes", "40", "--size", "64x48",
                "--scene-kinds", "10", "--task-irrelevant", String.join(",", NEW), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        String manifest = Files.readString(out.resolve("dataset.json"));
        assertTrue(manifest.contains("--scene-kinds 10 --task-irrelevant dining_room,classroom"), "provenance");
        try (PairedDataset ds = DatasetLoaders.open(out)) {
            assertEquals(10, ds.sceneClasses().size());
            assertEquals(NEW, ds.taskIrrelevantScenes());
            assertEquals(List.of("bedroom", "living_room", "office", "bathroom", "kitchen"), ds.taskRelevantScenes());
            Set<String> drawn = ds.pairs().stream().map(p -> p.annotation().sceneClass()).collect(Collectors.toSet());
            assertTrue(drawn.stream().anyMatch(NEW::contains) && drawn.stream().anyMatch(c -> !NEW.contains(c)),
                    "scenes of both sides: " + drawn);
            for (Pair p : ds.pairs()) {
                assertEquals(NEW.contains(p.annotation().sceneClass()), ds.isTaskIrrelevant(p), p.id());
            }
        }
    }

    @Test
    void theClassicFiveStayWhatTheyWereAndBadChoicesAreNamed() throws Exception {
        SynthConfig classic = SynthConfig.of(3, 4);
        assertEquals(5, classic.sceneKinds());
        assertFalse(classic.command().contains("--scene-kinds"), "an old command reproduces an old dataset");
        assertEquals(List.of("bedroom", "living_room", "office", "bathroom", "kitchen"), classic.sceneClasses());
        IllegalArgumentException notDrawn = assertThrows(IllegalArgumentException.class,
                () -> classic.withSceneKinds(5, List.of("library")));
        assertTrue(notDrawn.getMessage().contains("'library' is not one of the 5 scene classes drawn"),
                notDrawn.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> classic.withSceneKinds(2, List.of("bedroom", "living_room")));
        assertTrue(all.getMessage().contains("at least one must stay task-relevant"), all.getMessage());
        // a manifest that marks a class it does not have is refused, naming both
        Path out = tmp.resolve("rooms");
        assertEquals(0, CliRun.of("synth", "--out", out.toString(), "--seed", "3", "--scenes", "2", "--size",
                "64x48", "--threads", "1").exit());
        String m = Files.readString(out.resolve("dataset.json"));
        assertFalse(m.contains("taskIrrelevantScenes"), "unmarked datasets are written as before");
        Files.writeString(out.resolve("dataset.json"), m.replace("\"sceneClasses\"",
                "\"taskIrrelevantScenes\" : [ \"garage\" ],\n  \"sceneClasses\""));
        BadInputException e = assertThrows(BadInputException.class, () -> DatasetLoaders.open(out));
        assertTrue(e.getMessage().contains("taskIrrelevantScenes names 'garage', which is not one of its "
                + "sceneClasses"), e.getMessage());
    }
}
