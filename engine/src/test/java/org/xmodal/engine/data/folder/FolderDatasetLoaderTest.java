package org.xmodal.engine.data.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

class FolderDatasetLoaderTest {
    private static final int W = 32;
    private static final int H = 24;

    @TempDir
    Path dir;

    @BeforeEach
    void writeFourPairs() throws IOException {
        FolderDatasetWriter w = new FolderDatasetWriter(dir, "tiny", Modality.DEPTH,
                CameraIntrinsics.nyuColour().scaledTo(W, H), 1000, DetectionClasses.NYUD2_19, List.of("office"),
                Map.of("test", true));
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 4; i++) {
            RgbImage rgb = RgbImage.blank(W, H);
            rgb.set(3, 2, 255, 10, 20);
            float[] m = new float[W * H];
            for (int k = 0; k < m.length; k++) {
                m[k] = 1.5f + (k % W) * 0.01f + (float) rnd.nextDouble(0, 0.001);
            }
            DepthMap raw = new DepthMap(W, H, m.clone());
            raw.metres()[0] = 0;
            PairAnnotation ann = new PairAnnotation("office",
                    List.of(new ObjectAnnotation("chair", new Box(2, 3, 10, 12), 1)), null);
            w.addDepthPair(String.format("p%03d", i), i < 3 ? Split.TRAIN : Split.TEST, i == 0, rgb,
                    new DepthMap(W, H, m), raw, ann, null);
        }
        w.finish();
    }

    @Test
    void writtenDatasetLoadsWithoutIssuesAndKeepsPixelsSplitsAndBoxes() throws IOException {
        try (PairedDataset ds = FolderDatasetLoader.load(dir)) {
            assertTrue(ds.report().isClean(), () -> ds.report().issues().toString());
            assertEquals(4, ds.pairs().size());
            assertEquals(3, ds.pairs(Split.TRAIN).size());
            assertEquals(1, ds.labelled(Split.TRAIN).size());
            Pair p = ds.pair("p000").orElseThrow();
            RgbImage rgb = ds.rgb(p);
            assertEquals(255, rgb.get(3, 2, 0));
            assertEquals(20, rgb.get(3, 2, 2));
            DepthMap depth = ds.depth(p);
            assertEquals(1.5 + 7 * 0.01, depth.get(7, 5), 0.0015);
            assertEquals(0f, ds.rawDepth(p).orElseThrow().get(0, 0));
            assertEquals(new Box(2, 3, 10, 12), p.annotation().objects().get(0).box());
            assertEquals("office", p.annotation().sceneClass());
            assertEquals(W, ds.camera().orElseThrow().width());
        }
    }

    @Test
    void missingPartnerIsReportedByNameAndOtherPairsStayUsable() throws IOException {
        Files.delete(dir.resolve("depth/p001.png"));
        PairedDataset ds = FolderDatasetLoader.load(dir);
        assertEquals(3, ds.pairs().size());
        DatasetIssue issue = onlyError(ds);
        assertEquals("depth/p001.png", issue.location());
        assertTrue(issue.problem().contains("does not exist"), issue.problem());
        assertEquals("p001", issue.pairId());
    }

    @Test
    void sizeMismatchBetweenRgbAndDepthIsAnError() throws IOException {
        ImageFiles.writeDepth16(new DepthMap(W / 2, H / 2, filled(W / 2, H / 2, 2f)), 1000, dir.resolve("depth/p002.png"));
        DatasetIssue issue = onlyError(FolderDatasetLoader.load(dir));
        assertEquals("depth/p002.png", issue.location());
        assertTrue(issue.problem().contains("16x12 but its RGB partner is 32x24"), issue.problem());
    }

    @Test
    void eightBitDepthIsRejectedAsAPreviewSavedByMistake() throws IOException {
        ImageFiles.writePng(new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY), dir.resolve("depth/p003.png"));
        DatasetIssue issue = onlyError(FolderDatasetLoader.load(dir));
        assertEquals("depth/p003.png", issue.location());
        assertTrue(issue.problem().contains("8-bit"), issue.problem());
    }

    @Test
    void depthInTheWrongUnitNamesTheLikelyUnit() throws IOException {
        // metres written as if they were millimetres: a median of 2 units = 2 mm
        ImageFiles.writeDepth16(new DepthMap(W, H, filled(W, H, 0.002f)), 1000, dir.resolve("depth/p000.png"));
        DatasetIssue issue = onlyError(FolderDatasetLoader.load(dir));
        assertTrue(issue.problem().contains("wrong unit"), issue.problem());
        assertTrue(issue.problem().contains("metres (1 unit per metre)"), issue.problem());
    }

    @Test
    void depthFarBeyondIndoorRangeIsReportedAsWrongUnit() throws IOException {
        // 2.5 m stored in tenths of millimetres (NYU PNG convention) but read as millimetres: 25 m
        ImageFiles.writeDepth16(new DepthMap(W, H, filled(W, H, 25f)), 1000, dir.resolve("depth/p001.png"));
        DatasetIssue issue = onlyError(FolderDatasetLoader.load(dir));
        assertTrue(issue.problem().contains("tenths of millimetres"), issue.problem());
    }

    @Test
    void emptyAndCorruptImagesAreNamedAndAllReportedAtOnce() throws IOException {
        Files.write(dir.resolve("rgb/p000.png"), new byte[0]);
        byte[] png = Files.readAllBytes(dir.resolve("depth/p001.png"));
        Files.write(dir.resolve("depth/p001.png"), java.util.Arrays.copyOf(png, png.length / 2));
        Files.write(dir.resolve("rgb/p002.png"), "not an image".getBytes());
        PairedDataset ds = FolderDatasetLoader.load(dir);
        assertEquals(1, ds.pairs().size());
        assertEquals(3, ds.report().errorCount());
        List<String> lines = ds.report().issues().stream().map(DatasetIssue::line).toList();
        assertTrue(lines.contains("error: rgb/p000.png: is empty (0 bytes)"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error: depth/p001.png: is corrupt")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error: rgb/p002.png: is not an image")), lines.toString());
    }

    @Test
    void brokenAnnotationKeepsThePairWithAWarning() throws IOException {
        Files.writeString(dir.resolve("annotations/p000.json"), "{\"objects\": [ {\"class\": \"bed\"} ]}");
        PairedDataset ds = FolderDatasetLoader.load(dir);
        assertEquals(4, ds.pairs().size());
        assertEquals(1, ds.report().warningCount());
        assertTrue(ds.report().issues().get(0).problem().contains("needs a box"));
    }

    @Test
    void folderWithoutManifestPairsFilesByNameAndSaysWhatItAssumed() throws IOException {
        Files.delete(dir.resolve("dataset.json"));
        Files.delete(dir.resolve("rgb/p003.png"));
        PairedDataset ds = FolderDatasetLoader.load(dir);
        assertEquals(3, ds.pairs().size());
        assertEquals(1, ds.report().errorCount());
        assertTrue(ds.report().issues().stream().anyMatch(i -> i.problem().contains("has no RGB partner")));
        assertTrue(ds.report().issues().stream().anyMatch(i -> i.problem().contains("millimetres")));
        assertEquals(W, ds.camera().orElseThrow().width());
    }

    @Test
    void manifestErrorsNameTheManifest() throws IOException {
        Files.writeString(dir.resolve("dataset.json"), "{\"modality\": \"sonar\", \"pairs\": []}");
        BadInputException e = assertThrows(BadInputException.class, () -> FolderDatasetLoader.load(dir));
        assertTrue(e.getMessage().endsWith("dataset.json: modality must be depth or flow, not 'sonar'"),
                e.getMessage());
        Files.writeString(dir.resolve("dataset.json"), "{ not json");
        e = assertThrows(BadInputException.class, () -> FolderDatasetLoader.load(dir));
        assertTrue(e.getMessage().contains("is not a valid dataset manifest"), e.getMessage());
    }

    @Test
    void missingFolderIsAClearError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> FolderDatasetLoader.load(dir.resolve("nowhere")));
        assertTrue(e.getMessage().endsWith("nowhere: does not exist"));
        assertFalse(FolderDatasetLoader.looksLikeFolderDataset(dir.resolve("nowhere")));
    }

    private static DatasetIssue onlyError(PairedDataset ds) {
        List<DatasetIssue> errors = ds.report().issues().stream()
                .filter(i -> i.severity() == DatasetIssue.Severity.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(3, ds.pairs().size());
        return errors.get(0);
    }

    private static float[] filled(int w, int h, float v) {
        float[] m = new float[w * h];
        java.util.Arrays.fill(m, v);
        return m;
    }
}
