package org.xmodal.engine.data.nyu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.ProgressListener;

class NyuSplitsTest {
    @TempDir
    Path dir;
    private PairedDataset dataset;

    @AfterEach
    void close() throws IOException {
        if (dataset != null) {
            dataset.close();
        }
    }

    private Path data() throws IOException {
        Path file = dir.resolve(NyuDepthV2Loader.DEFAULT_FILE_NAME);
        NyuScenes.threeFrames().write(file);
        return file;
    }

    private Path splitsMat(Path file, double[] train, double[] test) throws IOException {
        Map<String, double[]> vars = new LinkedHashMap<>();
        vars.put(NyuSplitFile.TRAIN, train);
        vars.put(NyuSplitFile.TEST, test);
        MatV5Writer.write(file, vars, true, true);
        return file;
    }

    private List<Split> splits() {
        return dataset.pairs().stream().map(p -> p.split()).toList();
    }

    @Test
    void theOfficialSplitsMatAssignsFramesByTheirOneBasedNumbers() throws IOException {
        Path splits = splitsMat(dir.resolve("official-splits.mat"), new double[] {1, 3}, new double[] {2});
        dataset = NyuDepthV2Loader.load(data(), NyuLoadOptions.DEFAULTS.withSplitsFile(splits), ProgressListener.NONE);
        assertEquals(List.of(Split.TRAIN, Split.TEST, Split.TRAIN), splits());
        assertTrue(dataset.report().issues().stream().noneMatch(i -> i.problem().contains("splits file")));
    }

    @Test
    void aSplitsMatBesideTheDataIsUsedWithoutBeingNamed() throws IOException {
        Path file = data();
        splitsMat(dir.resolve(NyuSplits.SPLITS_FILE_NAME), new double[] {2, 3}, new double[] {1});
        dataset = NyuDepthV2Loader.load(file, ProgressListener.NONE);
        assertEquals(List.of(Split.TEST, Split.TRAIN, Split.TRAIN), splits());
    }

    @Test
    void jsonSplitsWithShortKeysAreAccepted() throws IOException {
        Path splits = Files.writeString(dir.resolve("splits.json"), "{\"train\": [2], \"test\": [1, 3]}");
        dataset = NyuDepthV2Loader.load(data(), NyuLoadOptions.DEFAULTS.withSplitsFile(splits), ProgressListener.NONE);
        assertEquals(List.of(Split.TEST, Split.TRAIN, Split.TEST), splits());
    }

    @Test
    void aFrameListedInBothSplitsIsDroppedWithAnError() throws IOException {
        Path splits = splitsMat(dir.resolve("both.mat"), new double[] {1, 2}, new double[] {2, 3});
        dataset = NyuDepthV2Loader.load(data(), NyuLoadOptions.DEFAULTS.withSplitsFile(splits), ProgressListener.NONE);
        assertFalse(dataset.pair("frame-0002").isPresent());
        assertEquals(2, dataset.report().pairsUsable());
        assertTrue(dataset.report().issues().stream().anyMatch(i -> i.severity() == DatasetIssue.Severity.ERROR
                && "frame-0002".equals(i.pairId()) && i.problem().contains("both")));
    }

    @Test
    void framesMissingFromTheListsGoToTrainWithOneWarning() throws IOException {
        Path splits = splitsMat(dir.resolve("partial.mat"), new double[] {1}, new double[] {2, 7});
        dataset = NyuDepthV2Loader.load(data(), NyuLoadOptions.DEFAULTS.withSplitsFile(splits), ProgressListener.NONE);
        assertEquals(Split.TRAIN, dataset.pair("frame-0003").orElseThrow().split());
        List<String> problems = dataset.report().issues().stream().map(DatasetIssue::problem).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("frame(s) 3 are in neither list")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("1 frame number(s) are beyond")), problems.toString());
    }

    @Test
    void withoutASplitsFileFramesOfOneSceneShareASplitAndTheReportSaysSo() throws IOException {
        dataset = NyuDepthV2Loader.load(data(), ProgressListener.NONE);
        assertEquals(dataset.pair("frame-0001").orElseThrow().split(), dataset.pair("frame-0003").orElseThrow().split(),
                "frames 1 and 3 are both from bedroom_0001");
        assertTrue(dataset.report().issues().stream().anyMatch(i -> i.severity() == DatasetIssue.Severity.WARNING
                && i.problem().contains("no splits file") && i.problem().contains("by scene")));
    }

    @Test
    void aNamedSplitsFileThatCannotBeReadIsBadInput() throws IOException {
        Path broken = Files.writeString(dir.resolve("splits.txt"), "not a MAT-file");
        BadInputException e = assertThrows(BadInputException.class, () -> NyuDepthV2Loader.load(data(),
                NyuLoadOptions.DEFAULTS.withSplitsFile(broken), ProgressListener.NONE));
        assertEquals(broken.toString(), e.location());
    }

    @Test
    void matFilesStoringDoublesCompressedOrAsSmallIntegersReadTheSame() throws IOException {
        Map<String, double[]> vars = Map.of(NyuSplitFile.TRAIN, new double[] {4, 1, 1449});
        for (boolean compressed : new boolean[] {true, false}) {
            for (boolean asUint16 : new boolean[] {true, false}) {
                Path file = dir.resolve("v" + compressed + asUint16 + ".mat");
                MatV5Writer.write(file, vars, compressed, asUint16);
                assertArrayEquals(new double[] {4, 1, 1449}, MatV5File.numericArrays(file).get(NyuSplitFile.TRAIN),
                        "compressed=" + compressed + " uint16=" + asUint16);
            }
        }
    }

    @Test
    void aTruncatedMatFileIsBadInput() throws IOException {
        Path file = splitsMat(dir.resolve("cut.mat"), new double[] {1, 2, 3}, new double[] {4});
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        BadInputException e = assertThrows(BadInputException.class, () -> NyuSplitFile.read(file));
        assertTrue(e.problem().contains("truncated or corrupt"), e.getMessage());
    }
}
