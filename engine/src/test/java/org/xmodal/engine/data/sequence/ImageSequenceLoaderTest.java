package org.xmodal.engine.data.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.ProgressListener;

class ImageSequenceLoaderTest {
    private static final int W = 8;
    private static final int H = 6;

    @TempDir
    Path root;

    /** A frame whose every pixel has red = {@code shade}, so frames can be told apart after loading. */
    private static Path frame(Path file, int shade, int w, int h) throws IOException {
        RgbImage image = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.set(x, y, shade, x, y);
            }
        }
        ImageFiles.writeRgb(image, file);
        return file;
    }

    private static Path frame(Path file, int shade) throws IOException {
        return frame(file, shade, W, H);
    }

    private static PairedDataset load(Path folder) throws BadInputException {
        return ImageSequenceLoader.load(folder, ProgressListener.NONE);
    }

    private static List<String> ids(PairedDataset d) {
        return d.pairs().stream().map(Pair::id).toList();
    }

    private static boolean reported(PairedDataset d, Severity severity, String locationEnd, String problemPart) {
        return d.report().issues().stream().anyMatch(i -> i.severity() == severity
                && i.location().endsWith(locationEnd) && i.problem().contains(problemPart));
    }

    @Test
    void consecutiveFramesPairUpInNaturalOrderOfTheirNames() throws IOException {
        frame(root.resolve("frame_10.png"), 100);
        frame(root.resolve("frame_2.png"), 20);
        frame(root.resolve("frame_1.png"), 10);
        PairedDataset d = load(root);
        assertEquals(Modality.FLOW, d.modality());
        assertEquals(List.of("frame_1", "frame_2"), ids(d));
        Pair second = d.pair("frame_2").orElseThrow();
        assertEquals(20, d.rgb(second).get(3, 2, 0));
        assertEquals(100, d.next(second).get(3, 2, 0), "frame_2 is followed by frame_10, not by frame_1");
        assertEquals(3, d.next(second).get(3, 2, 1));
        assertTrue(d.report().isClean(), d.report().issues().toString());
    }

    @Test
    void pairsNeverCrossSequencesAndWholeSequencesShareASplit() throws IOException {
        for (int k = 1; k <= 3; k++) {
            frame(root.resolve("walk").resolve("f" + k + ".png"), k);
        }
        for (int k = 1; k <= 2; k++) {
            frame(root.resolve("run").resolve("f" + k + ".png"), 10 + k);
        }
        PairedDataset d = ImageSequenceLoader.load(root, ImageSequenceOptions.DEFAULTS.withTestFraction(0.5),
                ProgressListener.NONE);
        assertEquals(List.of("run/f1", "walk/f1", "walk/f2"), ids(d));
        assertEquals(12, d.next(d.pair("run/f1").orElseThrow()).get(0, 0, 0));
        assertEquals(Split.TRAIN, d.pair("run/f1").orElseThrow().split());
        assertEquals(Split.TEST, d.pair("walk/f1").orElseThrow().split());
        assertEquals(Split.TEST, d.pair("walk/f2").orElseThrow().split());
        assertEquals(3, d.report().pairsFound());
    }

    @Test
    void groundTruthFlowIsFoundBesideTheFrameOrInTheFlowFolder() throws IOException {
        for (int k = 1; k <= 4; k++) {
            frame(root.resolve("frame_" + k + ".png"), k);
        }
        FlowField beside = FlowField.zeros(W, H);
        beside.u()[0] = 1.5f;
        FloFile.write(beside, root.resolve("frame_1.flo"));
        FlowField inFolder = FlowField.zeros(W, H);
        inFolder.v()[W * H - 1] = -2f;
        FloFile.write(inFolder, root.resolve("flow").resolve("frame_2.flo"));
        PairedDataset d = load(root);
        assertEquals(1.5f, d.groundTruthFlow(d.pair("frame_1").orElseThrow()).orElseThrow().u()[0]);
        assertEquals(-2f, d.groundTruthFlow(d.pair("frame_2").orElseThrow()).orElseThrow().v()[W * H - 1]);
        assertTrue(d.groundTruthFlow(d.pair("frame_3").orElseThrow()).isEmpty());
        assertEquals(List.of("frame_1", "frame_2", "frame_3"), ids(d), "flow/ is not a sequence");
    }

    @Test
    void groundTruthOfAnotherSizeIsIgnoredWithAWarning() throws IOException {
        frame(root.resolve("a1.png"), 1);
        frame(root.resolve("a2.png"), 2);
        FloFile.write(FlowField.zeros(W + 1, H), root.resolve("a1.flo"));
        PairedDataset d = load(root);
        assertTrue(d.groundTruthFlow(d.pair("a1").orElseThrow()).isEmpty());
        assertTrue(reported(d, Severity.WARNING, "a1.flo", "is 9x6 but the frames are 8x6"));
    }

    @Test
    void aFloFileThatIsNotMiddleburyFlowIsIgnoredWithAWarning() throws IOException {
        frame(root.resolve("a1.png"), 1);
        frame(root.resolve("a2.png"), 2);
        Files.writeString(root.resolve("a1.flo"), "plain text, not flow");
        PairedDataset d = load(root);
        assertEquals(List.of("a1"), ids(d), "the pair stays");
        assertTrue(d.groundTruthFlow(d.pair("a1").orElseThrow()).isEmpty());
        assertTrue(reported(d, Severity.WARNING, "a1.flo", "not a Middlebury .flo file"), d.report().issues().toString());
    }

    @Test
    void aCorruptFrameDropsOnlyThePairsThatUseIt() throws IOException {
        for (int k = 1; k <= 5; k++) {
            frame(root.resolve("f" + k + ".png"), k);
        }
        Files.write(root.resolve("f3.png"), "not a png at all".getBytes());
        PairedDataset d = load(root);
        assertEquals(List.of("f1", "f4"), ids(d));
        assertTrue(reported(d, Severity.ERROR, "f3.png", "pairs f2 and f3 are dropped"), d.report().issues().toString());
        assertEquals(4, d.report().pairsFound());
        assertEquals(2, d.report().pairsUsable());
    }

    @Test
    void anEmptyLastFrameDropsTheLastPair() throws IOException {
        frame(root.resolve("f1.png"), 1);
        frame(root.resolve("f2.png"), 2);
        Files.write(root.resolve("f3.png"), new byte[0]);
        PairedDataset d = load(root);
        assertEquals(List.of("f1"), ids(d));
        assertTrue(reported(d, Severity.ERROR, "f3.png", "is empty (0 bytes); pair f2 is dropped"),
                d.report().issues().toString());
    }

    @Test
    void aFrameOfAnotherSizeThanItsSequenceDropsItsPairs() throws IOException {
        frame(root.resolve("f1.png"), 1);
        frame(root.resolve("f2.png"), 2, W * 2, H);
        frame(root.resolve("f3.png"), 3);
        frame(root.resolve("f4.png"), 4);
        PairedDataset d = load(root);
        assertEquals(List.of("f3"), ids(d));
        assertTrue(reported(d, Severity.ERROR, "f2.png", "is 16x6 but the other frames of its sequence are 8x6"));
    }

    @Test
    void aSequenceOfOneFrameGivesNoPairAndAWarning() throws IOException {
        frame(root.resolve("still").resolve("only.png"), 1);
        frame(root.resolve("moving").resolve("m1.png"), 1);
        frame(root.resolve("moving").resolve("m2.png"), 2);
        PairedDataset d = load(root);
        assertEquals(List.of("moving/m1"), ids(d));
        assertTrue(reported(d, Severity.WARNING, "still", "has only one frame"));
    }

    @Test
    void framesThatDifferOnlyByExtensionAreAnError() throws IOException {
        frame(root.resolve("f1.png"), 1);
        frame(root.resolve("f2.png"), 2);
        writeJpeg(root.resolve("f2.jpg"), 3);
        PairedDataset d = load(root);
        assertEquals(List.of("f1"), ids(d));
        assertTrue(reported(d, Severity.ERROR, "f2.png", "has the same name as f2.jpg"), d.report().issues().toString());
    }

    @Test
    void jpegFramesAreRead() throws IOException {
        writeJpeg(root.resolve("0001.jpg"), 200);
        writeJpeg(root.resolve("0002.JPEG"), 50);
        PairedDataset d = load(root);
        Pair p = d.pair("0001").orElseThrow();
        assertEquals(200, d.rgb(p).get(1, 1, 0), 8.0);
        assertEquals(50, d.next(p).get(1, 1, 0), 8.0);
    }

    @Test
    void aFrameTruncatedInsideItsPixelsIsCaughtWhenFramesAreDecoded() throws IOException {
        Path f1 = noisyPng(root.resolve("f1.png"), 1);
        noisyPng(root.resolve("f2.png"), 2);
        byte[] bytes = Files.readAllBytes(f1);
        Files.write(f1, Arrays.copyOf(bytes, bytes.length / 2));

        PairedDataset headersOnly = load(root);
        Pair kept = headersOnly.pair("f1").orElseThrow();
        BadInputException e = assertThrows(BadInputException.class, () -> headersOnly.rgb(kept));
        assertEquals(f1.toString(), e.location());

        PairedDataset decoded = ImageSequenceLoader.load(root, ImageSequenceOptions.DEFAULTS.withDecodeFrames(true),
                ProgressListener.NONE);
        assertTrue(decoded.pairs().isEmpty());
        assertTrue(reported(decoded, Severity.ERROR, "f1.png", "corrupt or truncated"),
                decoded.report().issues().stream().map(DatasetIssue::line).toList().toString());
    }

    @Test
    void aFolderWithoutFramesIsBadInput() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "no frames here");
        BadInputException e = assertThrows(BadInputException.class, () -> load(root));
        assertEquals(root.toString(), e.location());
        assertTrue(e.problem().contains("no PNG or JPEG frames"));
    }

    @Test
    void aMissingFolderIsBadInput() {
        Path missing = root.resolve("absent");
        BadInputException e = assertThrows(BadInputException.class, () -> load(missing));
        assertEquals(missing + ": does not exist", e.getMessage());
    }

    private static void writeJpeg(Path file, int red) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.setRGB(x, y, red << 16 | 0x40 << 8 | 0x40);
            }
        }
        if (!ImageIO.write(img, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    /** A PNG of random pixels, so that its compressed data is long enough to cut in the middle. */
    private static Path noisyPng(Path file, long seed) throws IOException {
        Random random = new Random(seed);
        RgbImage image = RgbImage.blank(64, 64);
        random.nextBytes(image.rgb());
        ImageFiles.writeRgb(image, file);
        return file;
    }
}
