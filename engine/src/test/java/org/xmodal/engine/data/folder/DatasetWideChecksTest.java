package org.xmodal.engine.data.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** Checks that look at the dataset as a whole: depth unit, and annotations against the image and the classes. */
class DatasetWideChecksTest {
    private static final int W = 16;
    private static final int H = 12;

    @TempDir
    Path dir;

    /** {@code n} pairs with flat depth at {@code metres}, declared in millimetres. */
    private void write(int n, double metres) throws IOException {
        FolderDatasetWriter w = new FolderDatasetWriter(dir, "units", Modality.DEPTH,
                CameraIntrinsics.nyuColour().scaledTo(W, H), 1000, DetectionClasses.NYUD2_19, List.of("office"),
                Map.of());
        for (int i = 0; i < n; i++) {
            w.addDepthPair(id(i), Split.TRAIN, false, RgbImage.blank(W, H), flat(metres), null,
                    new PairAnnotation("office", List.of(new ObjectAnnotation("chair", new Box(1, 1, 5, 5), 1)),
                            null), null);
        }
        w.finish();
    }

    private static String id(int i) {
        return String.format("p%02d", i);
    }

    private static DepthMap flat(double metres) {
        float[] m = new float[W * H];
        Arrays.fill(m, (float) metres);
        return new DepthMap(W, H, m);
    }

    /** Overwrites a pair's depth as stored in tenths of millimetres (NYU's PNGs) while the manifest says mm. */
    private void inTenthsOfMillimetres(int i, double metres) throws IOException {
        ImageFiles.writeDepth16(flat(metres), 10000, dir.resolve("depth/" + id(i) + ".png"));
    }

    private List<DatasetIssue> errors(PairedDataset ds) {
        return ds.report().issues().stream().filter(i -> i.severity() == DatasetIssue.Severity.ERROR).toList();
    }

    @Test
    void datasetInTenthsOfMillimetresIsRejectedWholeEvenWhereOneFileLooksPlausible() throws IOException {
        write(12, 2.5);
        for (int i = 0; i < 11; i++) {
            inTenthsOfMillimetres(i, 2.5);
        }
        inTenthsOfMillimetres(11, 1.5); // read as 15 m: plausible on its own
        try (PairedDataset ds = FolderDatasetLoader.load(dir)) {
            assertEquals(0, ds.pairs().size(), ds.report().issues().toString());
            List<DatasetIssue> errors = errors(ds);
            assertEquals(12, errors.size());
            DatasetIssue last = errors.get(11);
            assertEquals("depth/p11.png", last.location());
            assertTrue(last.problem().contains("probably in tenths of millimetres"), last.problem());
        }
    }

    @Test
    void oneFileInAnotherUnitThanItsSiblingsIsNamed() throws IOException {
        write(12, 2.5);
        inTenthsOfMillimetres(4, 1.5); // 15 m when read as millimetres, six times the others
        try (PairedDataset ds = FolderDatasetLoader.load(dir)) {
            assertEquals(11, ds.pairs().size(), ds.report().issues().toString());
            DatasetIssue e = errors(ds).get(0);
            assertEquals("depth/p04.png", e.location());
            assertEquals("p04", e.pairId());
            assertTrue(e.problem().contains("probably tenths of millimetres"), e.problem());
        }
    }

    @Test
    void datasetOfFarAndNearRoomsInOneUnitIsClean() throws IOException {
        write(6, 2.5);
        ImageFiles.writeDepth16(flat(1.2), 1000, dir.resolve("depth/p00.png"));
        ImageFiles.writeDepth16(flat(4.5), 1000, dir.resolve("depth/p01.png"));
        try (PairedDataset ds = FolderDatasetLoader.load(dir)) {
            assertTrue(ds.report().isClean(), ds.report().issues().toString());
        }
    }

    @Test
    void boxWhollyOutsideTheImageIsReportedAndLeftOut() throws IOException {
        write(2, 2.5);
        Files.writeString(dir.resolve("annotations/p00.json"), "{\"scene\": \"office\", \"objects\": ["
                + "{\"class\": \"chair\", \"box\": [40, 30, 50, 40]}, {\"class\": \"bed\", \"box\": [10, 8, 20, 11]},"
                + "{\"class\": \"lamp\", \"box\": [1, 1, 4, 4]}]}");
        try (PairedDataset ds = FolderDatasetLoader.load(dir)) {
            List<String> problems = ds.report().issues().stream().map(DatasetIssue::problem).toList();
            assertTrue(problems.contains("box of 'chair' Box[x1=40.0, y1=30.0, x2=50.0, y2=40.0] lies wholly outside the "
                    + "16x12 image; the object is left out"), problems.toString());
            List<ObjectAnnotation> objects = ds.pair("p00").orElseThrow().annotation().objects();
            assertEquals(List.of("bed", "lamp"), objects.stream().map(ObjectAnnotation::className).toList());
            assertEquals(new Box(10, 8, 15, 11), objects.get(0).box(), "clipped to the image");
        }
    }

    @Test
    void unknownSceneClassIsReported() throws IOException {
        write(2, 2.5);
        Files.writeString(dir.resolve("annotations/p01.json"), "{\"scene\": \"ofice\", \"objects\": []}");
        try (PairedDataset ds = FolderDatasetLoader.load(dir)) {
            DatasetIssue w = ds.report().issues().get(0);
            assertEquals("annotations/p01.json", w.location());
            assertTrue(w.problem().startsWith("scene class 'ofice' is not among the dataset's scene classes"),
                    w.problem());
        }
    }
}
