package org.xmodal.app.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.app.TestData;
import org.xmodal.app.task.ManualTaskExecutor;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.hha.FloorReference;

class HhaLabViewModelTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;
    /** Small rooms made like the sample (same camera, scaled), quick to open and encode. */
    private static Path rooms;

    @BeforeAll
    static void makeRooms() {
        rooms = TestData.tinySynth(shared.resolve("rooms"), 4, 0);
    }

    private HhaLabViewModel openSample(TestData.Direct env) {
        HhaLabViewModel vm = new HhaLabViewModel(env.context);
        env.context.session().open(rooms);
        return vm;
    }

    @Test
    void theDatasetsCameraIsTheStartingPreset() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        CameraIntrinsics camera = env.context.session().dataset().camera().orElseThrow();
        assertEquals(CameraPreset.DATASET, vm.presetProperty().get());
        assertEquals(camera.fx(), vm.fxProperty().get());
        assertEquals(64, vm.cameraWidthProperty().get());
        assertTrue(vm.previewProperty().get() != null);
        assertEquals(1000, vm.unitsPerMetreProperty().get());
    }

    @Test
    void choosingAPresetFillsTheIntrinsicsAndChangesTheHha() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        byte[] before = vm.previewProperty().get().composite().rgb();
        vm.presetProperty().set(CameraPreset.NYU_CROP);
        // the rooms are 64x48: the crop's intrinsics are shown as HHA uses them, scaled to the depth image
        CameraIntrinsics crop = CameraIntrinsics.nyuCrop().scaledTo(64, 48);
        assertEquals(crop.cx(), vm.cxProperty().get(), 1e-9);
        assertEquals(48, vm.cameraHeightProperty().get());
        assertEquals(CameraPreset.NYU_CROP, vm.presetProperty().get(), "filling the fields keeps the preset");
        assertFalse(java.util.Arrays.equals(before, vm.previewProperty().get().composite().rgb()));
    }

    @Test
    void aPresetShowsTheIntrinsicsAndSizeHhaUsesAndSaysWhatTheyWereScaledFrom() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        assertEquals("", vm.cameraNoteProperty().get(), "the dataset's camera is for its own images");
        vm.presetProperty().set(CameraPreset.NYU_COLOUR);
        CameraIntrinsics used = vm.previewProperty().get().result().camera();
        assertEquals(64, used.width());
        CameraIntrinsics shown = new CameraIntrinsics(vm.fxProperty().get(), vm.fyProperty().get(),
                vm.cxProperty().get(), vm.cyProperty().get(), vm.cameraWidthProperty().get(),
                vm.cameraHeightProperty().get());
        assertEquals(used, shown, "what the fields show is what HHA used");
        assertEquals(CameraIntrinsics.nyuColour().scaledTo(64, 48), shown);
        assertEquals("Scaled from the preset's 640x480 to the depth image's 64x48, as HHA uses them",
                vm.cameraNoteProperty().get());
        assertEquals(Encoding.Camera.NYU, vm.encoding().orElseThrow().camera(), "a run's spec still names the preset");
    }

    @Test
    void customIntrinsicsForAnotherSizeStayAsTypedAndTheNoteSaysWhatHhaMakesOfThem() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        vm.presetProperty().set(CameraPreset.CUSTOM);
        vm.fxProperty().set(500);
        vm.fyProperty().set(500);
        vm.cxProperty().set(320.5);
        vm.cyProperty().set(240.5);
        vm.cameraWidthProperty().set(640);
        vm.cameraHeightProperty().set(480);
        assertEquals(640, vm.cameraWidthProperty().get(), "typed values are not changed under the cursor");
        assertEquals("HHA scales these from 640x480 to the depth image's 64x48: fx 50.0, fy 50.0, cx 32.5, cy 24.5",
                vm.cameraNoteProperty().get());
        assertEquals(new CameraIntrinsics(500, 500, 320.5, 240.5, 640, 480).scaledTo(64, 48),
                vm.previewProperty().get().result().camera());
        vm.cameraWidthProperty().set(64);
        vm.cameraHeightProperty().set(48);
        assertEquals("", vm.cameraNoteProperty().get(), "given for the image's size, used as they are");
    }

    @Test
    void editingAnIntrinsicMakesTheCameraCustom() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        vm.fxProperty().set(200);
        assertEquals(CameraPreset.CUSTOM, vm.presetProperty().get());
        assertEquals(200, vm.config().orElseThrow().camera().fx());
    }

    @Test
    void aLargerNormalWindowChangesTheAngleChannelOnly() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        HhaPreview before = vm.previewProperty().get();
        vm.normalRadiusProperty().set(6);
        HhaPreview after = vm.previewProperty().get();
        assertNotSame(before, after);
        assertFalse(java.util.Arrays.equals(before.angle().rgb(), after.angle().rgb()));
        assertArrayEquals(before.disparity().rgb(), after.disparity().rgb(), "disparity does not use normals");
    }

    @Test
    void anInvalidValueIsReportedAndComputesNothing() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        HhaPreview before = vm.previewProperty().get();
        vm.fxProperty().set(0);
        assertTrue(vm.problemProperty().get().contains("focal lengths must be positive"),
                vm.problemProperty().get());
        assertSame(before, vm.previewProperty().get());
        vm.fxProperty().set(130);
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void wrongDepthUnitsShrinkTheRoomAndItsHeights() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        double floor = vm.previewProperty().get().result().floorHeightCm();
        vm.unitsPerMetreProperty().set(10_000);
        HhaPreview wrong = vm.previewProperty().get();
        assertTrue(wrong.result().floorAssumed() || wrong.result().floorHeightCm() < floor / 5,
                "depths ten times smaller put the floor ten times closer (or out of reach)");
    }

    @Test
    void floorReferenceIsPassedToTheEncoder() {
        TestData.Direct env = new TestData.Direct(tmp);
        HhaLabViewModel vm = openSample(env);
        vm.floorReferenceProperty().set(FloorReference.FLOOR_PLANE);
        assertEquals(FloorReference.FLOOR_PLANE, vm.config().orElseThrow().floorReference());
    }

    @Test
    void rapidChangesComputeOnlyTheLatest() {
        ManualTaskExecutor executor = new ManualTaskExecutor();
        TestData.Direct env = new TestData.Direct(executor, tmp);
        HhaLabViewModel vm = new HhaLabViewModel(env.context);
        env.context.session().open(rooms);
        executor.runAll();
        int computed = vm.previewsComputed();
        for (int r = 1; r <= 8; r++) {
            vm.normalRadiusProperty().set(r);
        }
        executor.runAll();
        assertEquals(computed + 2, vm.previewsComputed(), "the first change, then only the last");
        assertEquals(8, vm.config().orElseThrow().normalRadius());
    }

    @Test
    void applyingEncodesEveryPairIntoTheCache() throws IOException {
        TestData.Direct env = new TestData.Direct(tmp.resolve("cache"));
        HhaLabViewModel vm = openSample(env);
        vm.presetProperty().set(CameraPreset.NYU_CROP);
        vm.applyToDataset();
        assertTrue(vm.appliedProperty().get().startsWith("4 pairs encoded"), vm.appliedProperty().get());
        try (Stream<Path> files = Files.walk(tmp.resolve("cache/hha"))) {
            assertEquals(4, files.filter(p -> p.toString().endsWith(".png")).count());
        }
        assertTrue(env.problems.isEmpty());
    }

    @Test
    void applyingWithOtherDepthUnitsEncodesWhatARunWithThoseUnitsReads() throws IOException {
        TestData.Direct env = new TestData.Direct(tmp.resolve("cache"));
        HhaLabViewModel vm = openSample(env);
        double declared = env.context.session().dataset().depthUnitsPerMetre();
        vm.unitsPerMetreProperty().set(declared * 2);
        Encoding.Depth depth = vm.encoding().orElseThrow();
        assertEquals(declared * 2, depth.unitsPerMetre());
        vm.applyToDataset();
        assertTrue(vm.appliedProperty().get().startsWith("4 pairs encoded"), vm.appliedProperty().get());
        PairedDataset ds = env.context.session().dataset();
        PairEncoding run = PairEncoding.of(Encoding.defaults().withDepth(depth), ds, env.context.cache());
        PairEncoding asDeclared = PairEncoding.of(Encoding.defaults(), ds, env.context.cache());
        for (Pair p : ds.pairs()) {
            assertTrue(Files.exists(run.hhaFile(p)), "a run with these units finds " + p.id() + " encoded");
            assertFalse(Files.exists(asDeclared.hhaFile(p)), "the declared unit's images are other files");
        }
        vm.unitsPerMetreProperty().set(declared);
        assertNull(vm.encoding().orElseThrow().unitsPerMetre(), "the dataset's own unit is not written down");
        assertTrue(env.problems.isEmpty());
    }
}
