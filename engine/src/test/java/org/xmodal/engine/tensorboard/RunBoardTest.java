package org.xmodal.engine.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event files, read back with a parser written from the specifications ({@link TfEventsParser}). */
class RunBoardTest {
    @TempDir
    Path dir;

    @Test
    void scalarsImagesAndTextReadBackWithTheirStepsTimesAndCrcs() throws IOException {
        RunBoard board = new RunBoard(dir.resolve("tensorboard"));
        double before = System.currentTimeMillis() / 1000.0;
        board.scalar(5, "train/loss", 512.25);
        board.scalar(10, "train/loss", 400.5);
        board.scalar(10, "test/AP/chair", 0.125);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        board.image(10, RunBoard.FILTERS_TAG, png, 44, 33);
        board.text(0, RunBoard.SPEC_TAG, "    {\"kind\": \"transfer\"} \u00e9");
        double after = System.currentTimeMillis() / 1000.0;

        List<Path> files = board.files();
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().startsWith("events.out.tfevents."));
        List<TfEventsParser.Entry> e = TfEventsParser.parse(files.get(0));
        assertEquals(6, e.size());
        assertEquals("brain.Event:2", e.get(0).fileVersion(), "the first event names the file's version");
        assertEquals(List.of(5L, 10L, 10L, 10L, 0L), e.subList(1, 6).stream().map(TfEventsParser.Entry::step)
                .toList());
        assertEquals("train/loss", e.get(1).tag());
        assertEquals(512.25f, e.get(1).simpleValue());
        assertEquals(400.5f, e.get(2).simpleValue());
        assertEquals("test/AP/chair", e.get(3).tag());
        assertEquals(0.125f, e.get(3).simpleValue());
        for (TfEventsParser.Entry x : e) {
            assertTrue(x.wallTime() >= before - 1e-3 && x.wallTime() <= after + 1e-3, "wall time " + x.wallTime());
        }
        TfEventsParser.Entry image = e.get(4);
        assertEquals(RunBoard.FILTERS_TAG, image.tag());
        assertArrayEquals(png, image.image());
        assertEquals(44, image.imageWidth());
        assertEquals(33, image.imageHeight());
        assertEquals(3, image.colorspace(), "RGB");
        TfEventsParser.Entry text = e.get(5);
        assertEquals("text", text.plugin());
        assertEquals(7, text.dtype(), "DT_STRING");
        assertEquals(2, text.dataClass(), "DATA_CLASS_TENSOR, as tf.summary.text writes it");
        assertEquals("    {\"kind\": \"transfer\"} \u00e9", text.text());
        // and the engine's own reader agrees
        assertEquals(6, board.read().size());
    }

    @Test
    void aResumeKeepsTheEventsUpToItsCheckpointOnceAndMarksTheRestart() throws IOException {
        RunBoard board = new RunBoard(dir.resolve("tensorboard"));
        for (long s = 1; s <= 10; s++) {
            board.scalar(s, "train/loss", 100 - s);
        }
        board.truncateAfter(6);
        // a resumed process has a board of its own, as the engine's does
        RunBoard resumed = new RunBoard(dir.resolve("tensorboard"));
        for (long s = 7; s <= 12; s++) {
            resumed.scalar(s, "train/loss", 200 - s);
        }
        List<Path> files = resumed.files();
        assertEquals(1, files.size(), "one file: the truncation replaced the old one");
        List<TfEventsParser.Entry> e = TfEventsParser.parse(files.get(0));
        assertEquals("brain.Event:2", e.get(0).fileVersion());
        List<TfEventsParser.Entry> loss = e.stream().filter(x -> "train/loss".equals(x.tag())).toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 12).boxed().toList(),
                loss.stream().map(TfEventsParser.Entry::step).toList(), "each step once, in order");
        assertEquals(94f, loss.get(5).simpleValue(), "step 6 as first written");
        assertEquals(193f, loss.get(6).simpleValue(), "step 7 as the resumed run wrote it");
        TfEventsParser.Entry restart = e.stream().filter(x -> x.sessionStatus() == 1).findFirst().orElseThrow();
        assertEquals(7, restart.step(), "SessionLog.START at the first step to come");
    }

    @Test
    void aDamagedRecordIsAnErrorNamingTheFileAndACutShortOneEndsTheFile() throws IOException {
        RunBoard board = new RunBoard(dir.resolve("tensorboard"));
        board.scalar(1, "train/loss", 1);
        board.scalar(2, "train/loss", 2);
        Path f = board.files().get(0);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
        assertEquals(2, EventFile.read(f).size(), "version and step 1; step 2's record is cut short");
        b[b.length - 6] ^= 1; // a byte of step 2's data
        Files.write(f, b);
        IOException x = assertThrows(IOException.class, () -> EventFile.read(f));
        assertTrue(x.getMessage().contains(f.toString()) && x.getMessage().contains("CRC"), x.getMessage());
        assertThrows(IOException.class, () -> TfEventsParser.parse(f), "the independent parser agrees");
    }
}
