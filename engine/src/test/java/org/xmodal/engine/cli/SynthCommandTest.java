package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Clips;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import picocli.CommandLine;

class SynthCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = XmodalCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesTheDatasetAndSummarisesWhatItWrote() {
        Path dir = tmp.resolve("synth");
        assertEquals(0, run("synth", "--out", dir.toString(), "--seed", "1", "--scenes", "3", "--size", "64x48"));
        assertTrue(Files.isRegularFile(dir.resolve("dataset.json")));
        assertTrue(Files.isRegularFile(dir.resolve("rgb/scene-000002.png")));
        assertTrue(out.toString().startsWith("synth: 3 RGB-D scenes written to "), out.toString());
        assertTrue(err.toString().contains("100% rendered 3 of 3 frames"), err.toString());
    }

    @Test
    void refusesAFolderWithOtherFilesInIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("holiday.jpg"), "not ours");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, run("synth", "--out", dir.toString(), "--scenes", "2", "--force"));
        assertTrue(err.toString().contains("is not empty and holds no dataset.json"), err.toString());
        assertTrue(Files.exists(dir.resolve("holiday.jpg")));
    }

    @Test
    void replacesAnEarlierSyntheticDatasetOnlyWhenForced() throws IOException {
        Path dir = tmp.resolve("synth");
        assertEquals(0, run("synth", "--out", dir.toString(), "--scenes", "3", "--size", "64x48"));
        assertEquals(XmodalCli.EXIT_BAD_INPUT, run("synth", "--out", dir.toString(), "--scenes", "2",
                "--size", "64x48"));
        assertTrue(err.toString().contains("already holds a synthetic dataset; add --force"), err.toString());
        assertEquals(0, run("synth", "--out", dir.toString(), "--scenes", "2", "--size", "64x48", "--force"));
        assertTrue(!Files.exists(dir.resolve("rgb/scene-000002.png")), "files of the old dataset are gone");
    }

    @Test
    void forceDeletesOnlyTheFilesSynthWroteAndKeepsAUsersFile() throws IOException {
        Path dir = tmp.resolve("synth");
        assertEquals(0, run("synth", "--out", dir.toString(), "--scenes", "3", "--size", "64x48"));
        Files.writeString(dir.resolve("rgb/my-notes.txt"), "mine");
        Files.writeString(dir.resolve("depth/kitchen.png"), "mine too");
        assertEquals(0, run("synth", "--out", dir.toString(), "--scenes", "2", "--size", "64x48", "--force"));
        assertEquals("mine", Files.readString(dir.resolve("rgb/my-notes.txt")));
        assertEquals("mine too", Files.readString(dir.resolve("depth/kitchen.png")));
        assertTrue(!Files.exists(dir.resolve("rgb/scene-000002.png")), "the old dataset's third scene is gone");
        assertTrue(Files.exists(dir.resolve("rgb/scene-000001.png")));
    }

    @Test
    void actionsAloneWriteAFlowDatasetOfTheNineClassesWithClipsOfKMinusOnePairs() throws Exception {
        Path dir = tmp.resolve("actions");
        assertEquals(0, run("synth", "--actions", "2", "--frames", "3", "--size", "64x48", "--out", dir.toString()),
                err.toString());
        try (PairedDataset data = DatasetLoaders.open(dir)) {
            assertEquals(Modality.FLOW, data.modality());
            assertEquals(List.of("push-left", "push-right", "lift", "fall", "rotate", "pan", "tilt", "zoom",
                    "approach"), data.sceneClasses());
            Map<String, List<Pair>> clips = Clips.group(data.pairs());
            assertEquals(18, clips.size());
            for (Map.Entry<String, List<Pair>> clip : clips.entrySet()) {
                assertEquals(2, clip.getValue().size(), clip.getKey());
                String action = clip.getValue().get(0).annotation().sceneClass();
                assertTrue(data.sceneClasses().contains(action), action);
                assertTrue(data.groundTruthFlow(clip.getValue().get(1)).isPresent());
            }
        }
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("synth: 18 action clips written to " + dir), lines.get(0));
        assertTrue(lines.get(1).startsWith("actions: 18 clips (9 classes x 2: push-left, "), lines.get(1));
        assertTrue(lines.get(1).endsWith("36 pairs of 3 frames each, 18 train and 0 test clips, in " + dir),
                lines.get(1));
        assertEquals("actions: no test clips; at --test-fraction 0.25 a class needs 4 clips for one to be a test clip",
                lines.get(2));
        assertTrue(err.toString().contains("100% rendered 54 of 54 frames"), err.toString());
    }

    @Test
    void actionsBesideRgbdScenesGoToTheActionsFolder() {
        Path dir = tmp.resolve("both");
        assertEquals(0, run("synth", "--scenes", "2", "--actions", "1", "--frames", "2", "--size", "64x48",
                "--out", dir.toString()), err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("dataset.json")));
        assertTrue(Files.isRegularFile(dir.resolve("actions/dataset.json")));
        assertTrue(out.toString().startsWith("synth: 2 RGB-D scenes and 9 action clips written to "), out.toString());
        assertTrue(out.toString().contains(", in " + dir.resolve("actions")), out.toString());
    }

    @Test
    void flowSequencesWithoutScenesAreWrittenInTheOutputFolder() throws Exception {
        Path dir = tmp.resolve("flow");
        assertEquals(0, run("synth", "--flow-sequences", "2", "--frames", "2", "--size", "64x48", "--out",
                dir.toString()), err.toString());
        try (PairedDataset data = DatasetLoaders.open(dir)) {
            assertEquals(Modality.FLOW, data.modality());
            assertEquals(2, data.pairs().size());
        }
        assertTrue(out.toString().startsWith("synth: 2 flow pairs written to " + dir), out.toString());
    }

    @Test
    void scenesAreRequiredOnlyWithoutActionsOrFlowSequences() {
        assertEquals(XmodalCli.EXIT_BAD_INPUT, run("synth", "--out", tmp.resolve("x").toString()));
        assertEquals("xmodal: --scenes N is required (the number of RGB-D scenes) unless --actions or "
                + "--flow-sequences is given", err.toString().trim());
    }

    @Test
    void rejectsANumberOfActionClipsOutOfRange() {
        for (String n : new String[] {"0", "10000"}) {
            err.getBuffer().setLength(0);
            assertEquals(XmodalCli.EXIT_BAD_INPUT, run("synth", "--out", tmp.resolve("x").toString(), "--actions",
                    n));
            assertEquals("xmodal: --actions must be between 1 and 9999 clips per class, got " + n,
                    err.toString().trim());
        }
        assertTrue(!Files.exists(tmp.resolve("x")), "nothing is written");
    }

    @Test
    void rejectsFlowSequencesAndActionsWithoutScenesWhichWouldShareTheFolder() {
        assertEquals(XmodalCli.EXIT_BAD_INPUT, run("synth", "--out", tmp.resolve("x").toString(), "--actions", "1",
                "--flow-sequences", "1"));
        assertTrue(err.toString().startsWith("xmodal: --flow-sequences and --actions without --scenes would both"),
                err.toString());
    }

    @Test
    void rejectsAMalformedSizeWithOneLine() {
        assertEquals(XmodalCli.EXIT_BAD_INPUT, run("synth", "--out", tmp.resolve("x").toString(), "--scenes", "2",
                "--size", "160by120"));
        assertEquals("xmodal: --size must be WIDTHxHEIGHT, e.g. 160x120, got '160by120'", err.toString().trim());
    }

    @Test
    void rejectsAnImpossibleLabelledFraction() {
        assertEquals(XmodalCli.EXIT_BAD_INPUT, run("synth", "--out", tmp.resolve("x").toString(), "--scenes", "2",
                "--labelled-fraction", "1.5"));
        assertEquals("xmodal: --labelled-fraction must be between 0 and 1, got 1.5", err.toString().trim());
    }
}
