package org.xmodal.engine.data.nyu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.ProgressListener;

class NyuValidationTest {
    @TempDir
    Path dir;
    private PairedDataset dataset;

    @AfterEach
    void close() throws IOException {
        if (dataset != null) {
            dataset.close();
        }
    }

    private PairedDataset load(NyuMatFixture fixture, NyuLoadOptions options) throws IOException {
        Path file = dir.resolve(NyuDepthV2Loader.DEFAULT_FILE_NAME);
        fixture.write(file);
        dataset = NyuDepthV2Loader.load(file, options, ProgressListener.NONE);
        return dataset;
    }

    private boolean reported(Severity severity, String location, String problemPart) {
        Predicate<DatasetIssue> match = i -> i.severity() == severity && i.location().endsWith(location)
                && i.problem().contains(problemPart);
        return dataset.report().issues().stream().anyMatch(match);
    }

    private static void scaleDepth(NyuMatFixture f, int frame, float factor) {
        float[] d = f.depths.get(frame);
        for (int i = 0; i < d.length; i++) {
            d[i] *= factor;
        }
    }

    @Test
    void aCompleteFileLoadsWithoutErrors() throws IOException {
        load(NyuScenes.threeFrames(), NyuLoadOptions.DEFAULTS);
        assertEquals(0, dataset.report().errorCount(), dataset.report().issues().toString());
        assertEquals(3, dataset.report().pairsFound());
        assertEquals(3, dataset.report().pairsUsable());
    }

    @Test
    void missingRawDepthIsAWarningAndThePairsStay() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        f.omitted.add(NyuMatFile.RAW_DEPTHS);
        load(f, NyuLoadOptions.DEFAULTS);
        assertTrue(reported(Severity.WARNING, "#rawDepths", "is missing"));
        assertEquals(3, dataset.pairs().size());
        assertTrue(dataset.rawDepth(dataset.pairs().get(0)).isEmpty());
    }

    @Test
    void missingInstancesLeavePairsWithoutObjectsOrLabels() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        f.omitted.add(NyuMatFile.INSTANCES);
        load(f, NyuLoadOptions.DEFAULTS);
        assertTrue(reported(Severity.WARNING, "#instances", "cannot be told apart"));
        assertTrue(dataset.pairs().stream().noneMatch(p -> p.labelled() || !p.annotation().objects().isEmpty()));
        assertTrue(dataset.pixels().instances(dataset.pairs().get(0)).isEmpty());
    }

    @Test
    void missingNamesLeavePairsWithoutObjects() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        f.omitted.add(NyuMatFile.NAMES);
        load(f, NyuLoadOptions.DEFAULTS);
        assertTrue(reported(Severity.WARNING, "#names", "labels cannot be named"));
        assertTrue(dataset.pairs().stream().allMatch(p -> p.annotation().objects().isEmpty()));
    }

    @Test
    void missingImagesLeaveNoUsablePair() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        f.omitted.add(NyuMatFile.IMAGES);
        load(f, NyuLoadOptions.DEFAULTS);
        assertTrue(reported(Severity.ERROR, "#images", "is missing"));
        assertEquals(0, dataset.report().pairsUsable());
    }

    @Test
    void depthOfAnotherFrameSizeThanTheImagesIsAnError() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        f.depthsWidth = NyuScenes.W - 2;
        load(f, NyuLoadOptions.DEFAULTS);
        assertTrue(reported(Severity.ERROR, "#depths", "expected [N][16][12]"), dataset.report().issues().toString());
        assertEquals(0, dataset.report().pairsUsable());
    }

    @Test
    void depthInMillimetresMakesEveryPairUnusable() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        for (int n = 0; n < 3; n++) {
            scaleDepth(f, n, 1000);
        }
        load(f, NyuLoadOptions.DEFAULTS);
        assertTrue(reported(Severity.ERROR, "#depths[frame 2]", "not in metres"), dataset.report().issues().toString());
        assertTrue(reported(Severity.ERROR, "#depths", "depth of the whole file is taken as wrong"));
        assertEquals(0, dataset.report().pairsUsable());
    }

    @Test
    void oneFrameWithDepthOutOfRangeIsDroppedAndTheOthersStay() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        scaleDepth(f, 1, 0.01f);
        load(f, NyuLoadOptions.DEFAULTS);
        assertTrue(reported(Severity.ERROR, "#depths[frame 2]", "median depth 0.0"), dataset.report().issues().toString());
        assertFalse(dataset.pair("frame-0002").isPresent());
        assertEquals(List.of("frame-0001", "frame-0003"), dataset.pairs().stream().map(p -> p.id()).toList());
    }

    @Test
    void depthOutsideTheLoadTimeSampleIsCheckedWhenRead() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        scaleDepth(f, 1, 1000);
        load(f, new NyuLoadOptions(null, 1, org.xmodal.engine.task.Cancellation.NEVER));
        var second = dataset.pair("frame-0002").orElseThrow();
        BadInputException e = assertThrows(BadInputException.class, () -> dataset.depth(second));
        assertTrue(e.location().endsWith("#depths[frame 2]"), e.location());
        assertTrue(e.problem().contains("not in metres"), e.problem());
    }

    @Test
    void nanDepthIsAnErrorNamingTheFrameWhenCheckedAndWhenRead() throws IOException {
        NyuMatFixture f = NyuScenes.threeFrames();
        f.depths.get(2)[5] = Float.NaN;
        f.depths.get(1)[7] = Float.NaN;
        // only the first frame is checked at load time: the NaN of frame 2 shows when that frame is read
        load(f, new NyuLoadOptions(null, 2, org.xmodal.engine.task.Cancellation.NEVER));
        assertTrue(reported(Severity.ERROR, "#depths[frame 3]", "1 NaN depth value(s)"));
        assertFalse(dataset.pair("frame-0003").isPresent());
        var second = dataset.pair("frame-0002").orElseThrow();
        BadInputException e = assertThrows(BadInputException.class, () -> dataset.depth(second));
        assertTrue(e.location().endsWith("#depths[frame 2]") && e.problem().startsWith("1 NaN depth value(s)"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotHdf5IsBadInputNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("nyu.mat"), "just some text, not HDF5");
        BadInputException e = assertThrows(BadInputException.class,
                () -> NyuDepthV2Loader.load(file, ProgressListener.NONE));
        assertEquals(file.toString(), e.location());
        assertTrue(e.problem().contains("not an HDF5"), e.problem());
    }

    @Test
    void aMatlabV7FileIsBadInputAskingForV73() throws IOException {
        Path file = dir.resolve("saved-without-v73.mat");
        MatV5Writer.write(file, java.util.Map.of("depths", new double[] {1, 2}), true, false);
        BadInputException e = assertThrows(BadInputException.class,
                () -> NyuDepthV2Loader.load(file, ProgressListener.NONE));
        assertTrue(e.problem().contains("v7.3"), e.problem());
    }

    @Test
    void aMissingFileIsBadInput() {
        Path file = dir.resolve("absent.mat");
        BadInputException e = assertThrows(BadInputException.class,
                () -> NyuDepthV2Loader.load(file, ProgressListener.NONE));
        assertEquals(file + ": does not exist", e.getMessage());
    }
}
