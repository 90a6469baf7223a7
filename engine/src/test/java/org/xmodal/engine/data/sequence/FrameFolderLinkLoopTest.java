package org.xmodal.engine.data.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.ProgressListener;

/** Symbolic links in a folder of frames never make the same frames count twice. */
class FrameFolderLinkLoopTest {
    @TempDir
    Path root;

    private void threeFrames(Path folder) throws IOException {
        for (int k = 1; k <= 3; k++) {
            ImageFiles.writeRgb(RgbImage.blank(8, 6), folder.resolve("frame_" + k + ".png"));
        }
    }

    @Test
    void linkBackToTheRootIsALoopAndItsFramesCountOnce() throws IOException {
        threeFrames(root);
        Files.createSymbolicLink(root.resolve("loop"), root);
        try (PairedDataset ds = ImageSequenceLoader.load(root, ProgressListener.NONE)) {
            assertEquals(2, ds.report().pairsFound(), ds.report().issues().toString());
            assertEquals(2, ds.pairs().size());
            DatasetIssue warning = ds.report().issues().get(0);
            assertTrue(warning.location().endsWith("loop") && warning.problem().contains("link loop"),
                    warning.line());
        }
    }

    @Test
    void twoLinksToOneSequenceCountItOnce() throws IOException {
        Path seq = Files.createDirectories(root.resolve("a"));
        threeFrames(seq);
        Files.createSymbolicLink(root.resolve("b"), seq);
        try (PairedDataset ds = ImageSequenceLoader.load(root, ProgressListener.NONE)) {
            assertEquals(2, ds.pairs().size(), ds.report().issues().toString());
            assertEquals(1, ds.report().warningCount());
        }
    }

    @Test
    void frameLinkedToAnotherFrameCountsOnce() throws IOException {
        threeFrames(root);
        Files.createSymbolicLink(root.resolve("frame_4.png"), root.resolve("frame_1.png"));
        try (PairedDataset ds = ImageSequenceLoader.load(root, ProgressListener.NONE)) {
            assertEquals(2, ds.pairs().size(), ds.report().issues().toString());
            assertTrue(ds.report().issues().get(0).problem().contains("already a frame"));
        }
    }
}
