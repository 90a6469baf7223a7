package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailTest {
    @TempDir
    Path tmp;

    private static void append(Path f, String s) throws Exception {
        Files.writeString(f, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void eachCompleteLineIsHandedOutOnceAndAHalfWrittenOneWaitsForItsNewline() throws Exception {
        Path f = tmp.resolve("events.jsonl");
        FileTail tail = new FileTail(f);
        assertEquals(List.of(), tail.read().lines(), "no file yet, nothing to read");
        append(f, "one\ntw");
        assertEquals(List.of("one"), tail.read().lines());
        assertEquals(List.of(), tail.read().lines());
        append(f, "o\nthree\n");
        FileTail.Chunk c = tail.read();
        assertEquals(List.of("two", "three"), c.lines());
        assertFalse(c.restarted());
    }

    @Test
    void aFileReplacedByAnotherIsReadAgainFromItsStart() throws Exception {
        Path f = tmp.resolve("metrics.csv");
        FileTail tail = new FileTail(f);
        append(f, "a\nb\nc\n");
        assertEquals(3, tail.read().lines().size());
        // a resumed run rewrites metrics.csv atomically, keeping the rows up to its checkpoint
        Path t = tmp.resolve("metrics.tmp");
        Files.writeString(t, "a\nb\nc\nd2\n");
        Files.move(t, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileTail.Chunk c = tail.read();
        assertTrue(c.restarted());
        assertEquals(List.of("a", "b", "c", "d2"), c.lines());
    }

    @Test
    void aFileCutShorterIsReadAgainFromItsStart() throws Exception {
        Path f = tmp.resolve("x.csv");
        FileTail tail = new FileTail(f);
        append(f, "aaaa\nbbbb\n");
        tail.read();
        Files.writeString(f, "c\n", StandardOpenOption.TRUNCATE_EXISTING);
        FileTail.Chunk c = tail.read();
        assertTrue(c.restarted());
        assertEquals(List.of("c"), c.lines());
    }
}
