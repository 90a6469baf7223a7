package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** dataset and encode: a dataset with nothing usable is a failure, said on the first line of stderr. */
class DatasetCheckCommandsTest {
    @TempDir
    Path tmp;

    /** Two RGB images whose depth partners are text files: every pair has an error. */
    private Path nothingUsable() throws IOException {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir.resolve("rgb"));
        Files.createDirectories(dir.resolve("depth"));
        for (String id : new String[] {"a", "b"}) {
            ImageFiles.writeRgb(RgbImage.blank(8, 6), dir.resolve("rgb/" + id + ".png"));
            Files.writeString(dir.resolve("depth/" + id + ".png"), "not an image");
        }
        return dir;
    }

    @Test
    void datasetWithNoUsablePairExitsTwoWithTheVerdictFirstOnStderr() throws IOException {
        Path dir = nothingUsable();
        CliRun r = CliRun.of("dataset", dir.toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertEquals("xmodal: " + dir + ": no usable pair (0 of 2 pairs usable, 2 error(s), 1 warning(s))",
                r.firstErrLine());
        assertTrue(r.out().contains("error: depth/a.png: is not an image"), r.out());
    }

    @Test
    void encodeWithNoUsablePairExitsTwoWithTheVerdictFirstOnStderr() throws IOException {
        Path dir = nothingUsable();
        CliRun r = CliRun.of("encode", "--data", dir.toString(), "--cache", tmp.resolve("cache").toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.firstErrLine().startsWith("xmodal: " + dir + ": no usable pair to encode"), r.err());
        assertFalse(Files.exists(tmp.resolve("cache")) && tmp.resolve("cache").toFile().list().length > 0);
    }

    @Test
    void manifestReachingOutsideItsFolderIsOneLineForDatasetAndEncode() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("dataset.json"), "{\"modality\": \"depth\", \"pairs\": [{\"id\": \"p\", "
                + "\"rgb\": \"../../../../etc/passwd\", \"depth\": \"depth/p.png\"}]}");
        for (String[] args : new String[][] {{"dataset", dir.toString()},
                {"encode", "--data", dir.toString(), "--cache", tmp.resolve("c").toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.firstErrLine().contains("dataset.json: pair p: rgb '../../../../etc/passwd' is outside the "
                    + "dataset folder"), r.err());
        }
    }
}
