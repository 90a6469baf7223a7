package org.xmodal.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.image.BadInputException;

class ProblemsTest {
    @Test
    void badInputNamesTheFileAndWhatIsWrongWithIt() {
        Problem p = Problems.describe("Could not open the dataset",
                new BadInputException(Path.of("data/rgb/0001.png"), "is not a PNG image"));
        assertEquals("Could not open the dataset", p.title());
        assertEquals("data/rgb/0001.png: is not a PNG image", p.message());
        assertTrue(p.advice().contains("file"));
    }

    @Test
    void wrappedCausesAreUnwrapped() {
        Problem p = Problems.describe("Could not open", new ExecutionException(new NoSuchFileException("/x/y")));
        assertEquals("/x/y: does not exist", p.message());
    }

    @Test
    void anInvalidValueSaysToChangeIt() {
        Problem p = Problems.describe("Could not generate", new IllegalArgumentException("--scenes must be between 1 and 999999, got 0"));
        assertTrue(p.message().contains("got 0"));
        assertTrue(p.advice().startsWith("Change the value"));
    }

    @Test
    void runningOutOfMemorySuggestsMoreMemory() {
        Problem p = Problems.describe("Could not encode", new OutOfMemoryError("Java heap space"));
        assertTrue(p.advice().contains("-Xmx"));
    }

    @Test
    void anUnexpectedErrorIsCalledABugAndShowsNoStackTrace() {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true));
        Problem p;
        try {
            p = Problems.describe("Could not show the pair", new NullPointerException("pair was null"));
        } finally {
            System.setErr(err);
        }
        assertTrue(p.message().contains("NullPointerException: pair was null"));
        assertFalse(p.message().contains("\tat "), "no stack trace in the dialog");
        assertTrue(p.advice().contains("bug"));
        assertTrue(log.toString().contains("\tat "), "the details go to the log, for a bug report");
    }
}
