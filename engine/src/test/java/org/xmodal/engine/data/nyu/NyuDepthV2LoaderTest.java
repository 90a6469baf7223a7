package org.xmodal.engine.data.nyu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xmodal.engine.data.nyu.NyuScenes.H;
import static org.xmodal.engine.data.nyu.NyuScenes.W;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.ProgressListener;

class NyuDepthV2LoaderTest {
    @TempDir
    Path dir;
    private PairedDataset dataset;

    @AfterEach
    void close() throws IOException {
        if (dataset != null) {
            dataset.close();
        }
    }

    private PairedDataset load(NyuMatFixture fixture) throws IOException {
        Path file = dir.resolve(NyuDepthV2Loader.DEFAULT_FILE_NAME);
        fixture.write(file);
        dataset = NyuDepthV2Loader.load(file, ProgressListener.NONE);
        return dataset;
    }

    private Pair frame(int oneBased) {
        return dataset.pair(String.format("frame-%04d", oneBased)).orElseThrow();
    }

    @Test
    void everyFrameBecomesADepthPairWithAStableId() throws IOException {
        load(NyuScenes.threeFrames());
        assertEquals(Modality.DEPTH, dataset.modality());
        assertEquals(List.of("frame-0001", "frame-0002", "frame-0003"), dataset.pairs().stream().map(Pair::id).toList());
        assertEquals(2, frame(3).index());
        assertEquals(1.0, dataset.depthUnitsPerMetre());
    }

    @Test
    void rgbPixelsKeepTheirRowsColumnsAndChannels() throws IOException {
        load(NyuScenes.threeFrames());
        RgbImage rgb = dataset.rgb(frame(1));
        assertEquals(W, rgb.width());
        assertEquals(H, rgb.height());
        assertEquals(255, rgb.get(NyuScenes.BRIGHT_COL, NyuScenes.BRIGHT_ROW, 0));
        assertEquals(255, rgb.get(NyuScenes.BRIGHT_COL, NyuScenes.BRIGHT_ROW, 2));
        // Mirrored or transposed reads would land on a different value here.
        assertEquals(10 * 3, rgb.get(3, 7, 0));
        assertEquals(12 * 7, rgb.get(3, 7, 1));
        assertEquals(5, rgb.get(3, 7, 2));
        assertArrayEquals(NyuScenes.image(0).rgb(), rgb.rgb());
    }

    @Test
    void aFrameThatSharesItsChunkWithOthersReadsItsOwnPixels() throws IOException {
        // images and labels are chunked two frames at a time, so frame 3 sits alone in a chunk that overhangs the end.
        load(NyuScenes.threeFrames());
        assertArrayEquals(NyuScenes.image(2).rgb(), dataset.rgb(frame(3)).rgb());
        assertArrayEquals(NyuScenes.image(1).rgb(), dataset.rgb(frame(2)).rgb());
        assertEquals(List.of("garbage-bin"), classes(frame(3)));
    }

    @Test
    void depthIsInMetresWithTheGradientAlongColumns() throws IOException {
        load(NyuScenes.threeFrames());
        DepthMap depth = dataset.depth(frame(2));
        assertEquals(W, depth.width());
        assertEquals(H, depth.height());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(NyuScenes.expectedDepth(1, x, y), depth.get(x, y), 1e-6, "at x=" + x + " y=" + y);
            }
        }
        assertTrue(depth.get(W - 1, 0) > depth.get(0, 0) + 3, "depth grows along x");
    }

    @Test
    void rawDepthKeepsMissingMeasurementsAsZero() throws IOException {
        load(NyuScenes.threeFrames());
        DepthMap raw = dataset.rawDepth(frame(1)).orElseThrow();
        assertEquals(0f, raw.get(1, 5));
        assertEquals(NyuScenes.expectedDepth(0, 2, 5), raw.get(2, 5), 1e-6);
    }

    @Test
    void boxesAreTheTightBoxesOfEachLabelInstanceMask() throws IOException {
        load(NyuScenes.threeFrames());
        List<ObjectAnnotation> objects = frame(1).annotation().objects();
        assertEquals(List.of("chair", "chair", "table", "night-stand"), classes(frame(1)));
        assertEquals(new Box(2, 1, 5, 3), objects.get(0).box());
        assertEquals(new Box(10, 6, 13, 8), objects.get(1).box());
        assertEquals(new Box(0, 8, 8, 11), objects.get(2).box(), "a mask in two pieces gets one box around both");
        assertEquals(new Box(14, 0, 15, 1), objects.get(3).box());
        assertTrue(frame(1).labelled());
    }

    @Test
    void objectsOutsideTheNineteenClassesAreDropped() throws IOException {
        load(NyuScenes.threeFrames());
        assertTrue(classes(frame(1)).stream().noneMatch(c -> c.equals("wall") || c.equals("books")));
        assertEquals(List.of("sofa"), classes(frame(2)));
        assertEquals(19, dataset.classes().size());
    }

    @Test
    void theInstanceMapNumbersObjectsAsTheAnnotationsDo() throws IOException {
        load(NyuScenes.threeFrames());
        int[] ids = dataset.pixels().instances(frame(1)).orElseThrow();
        List<ObjectAnnotation> objects = frame(1).annotation().objects();
        assertEquals(W * H, ids.length);
        for (ObjectAnnotation o : objects) {
            Box b = o.box();
            assertEquals(o.instance(), ids[(int) b.y1() * W + (int) b.x1()], o.className() + " corner");
        }
        assertEquals(List.of(1, 2, 3, 4), objects.stream().map(ObjectAnnotation::instance).toList());
        assertEquals(0, ids[11 * W + 15], "wall pixels belong to no kept object");
        assertEquals(0, ids[3 * W + 12], "a labelled pixel without instance is no object");
    }

    @Test
    void labelsBeyondTheNamesAreReportedAndIgnored() throws IOException {
        load(NyuScenes.threeFrames());
        assertTrue(dataset.report().issues().stream().anyMatch(i -> "frame-0002".equals(i.pairId())
                && i.problem().contains("label(s) 9 exceed the 8 names")), dataset.report().issues().toString());
        assertTrue(dataset.pair("frame-0002").isPresent(), "the pair stays");
    }

    @Test
    void sceneTypesBecomeEachPairsSceneClass() throws IOException {
        load(NyuScenes.threeFrames());
        assertEquals("kitchen", frame(2).annotation().sceneClass());
        assertEquals("bedroom", frame(3).annotation().sceneClass());
        assertEquals(List.of("bedroom", "kitchen"), dataset.sceneClasses());
    }

    @Test
    void theCameraIsNyusColourCameraScaledToTheFrames() throws IOException {
        load(NyuScenes.threeFrames());
        CameraIntrinsics camera = dataset.camera().orElseThrow();
        assertEquals(W, camera.width());
        assertEquals(H, camera.height());
        assertEquals(CameraIntrinsics.nyuColour().fx() * W / 640.0, camera.fx(), 1e-9);
    }

    @Test
    void closingTheDatasetClosesTheFile() throws IOException {
        load(NyuScenes.threeFrames());
        Pair first = frame(1);
        dataset.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dataset.rgb(first));
        assertTrue(e.getMessage().contains("closed"));
        dataset = null;
    }

    private List<String> classes(Pair pair) {
        return pair.annotation().objects().stream().map(ObjectAnnotation::className).toList();
    }

}
