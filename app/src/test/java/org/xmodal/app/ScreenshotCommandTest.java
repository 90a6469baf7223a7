package org.xmodal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbench's own commands parse as the engine's do (picocli), and refuse mistakes before anything starts. */
class ScreenshotCommandTest {
    private record Said(int code, String out, String err) {
    }

    private static Said run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = WorkbenchMain.execute(args);
            return new Said(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void withoutAnOutputFolderItIsAUsageErrorAndNothingStarts() {
        Said missing = run("screenshots");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required option: '--out=DIR'"), missing.err());
        assertTrue(missing.err().contains("Try 'xmodal screenshots --help'"), missing.err());
        Said unknown = run("screenshots", "--to", "x");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Try 'xmodal screenshots --help'"), unknown.err());
        Said extra = run("screenshots", "--out", "x", "--to", "y");
        assertEquals(2, extra.code());
        assertTrue(extra.err().contains("'--to'"), extra.err());
    }

    @Test
    void anExperimentFolderWithoutSummaryIsAUsageErrorBeforeAnythingStarts(@TempDir Path tmp) {
        Said said = run("screenshots", "--out", tmp.resolve("shots").toString(), "--experiment", tmp.toString());
        assertEquals(2, said.code());
        assertTrue(said.err().contains("not an experiment folder"), said.err());
    }

    @Test
    void helpWorksTheSameForEveryCommand() {
        for (String[] command : new String[][] {{"--help"}, {"gui", "--help"}, {"lesson", "--help"},
                {"screenshots", "--help"}, {"bench", "fx", "--help"}}) {
            Said said = run(command);
            assertEquals(0, said.code(), String.join(" ", command));
            assertTrue(said.out().startsWith("Usage: xmodal"), said.out());
        }
        assertTrue(run("lesson", "--help").out().contains("--presenter"));
        assertTrue(run("bench", "fx", "--help").out().contains("--seconds=N"));
        Said version = run("--version");
        assertTrue(version.out().startsWith("xmodal "), version.out());
    }

    @Test
    void wrongValuesAndMissingDatasetsAreOneLineNamingThem(@TempDir Path tmp) {
        Said seconds = run("bench", "fx", "--seconds", "0");
        assertEquals(2, seconds.code());
        assertTrue(seconds.err().contains("--seconds must be a positive whole number, got 0"), seconds.err());
        Said notANumber = run("bench", "fx", "--seconds", "many");
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("'many'"), notANumber.err());
        Path missing = tmp.resolve("no-such-dataset");
        Said gui = run("gui", missing.toString());
        assertEquals(2, gui.code());
        assertTrue(gui.err().contains(missing + ": does not exist"), gui.err());
        assertEquals(2, run("lesson", "--projector").code());
        Said bare = run(missing.toString());
        assertEquals(2, bare.code(), "a dataset without gui, as the installed launcher passes it");
        assertTrue(bare.err().contains(missing + ": does not exist"), bare.err());
    }
}
