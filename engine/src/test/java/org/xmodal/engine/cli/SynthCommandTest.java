package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
