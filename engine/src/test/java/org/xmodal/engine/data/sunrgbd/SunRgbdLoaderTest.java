package org.xmodal.engine.data.sunrgbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** SUN RGB-D's own layout, written by the test: frames, depth with its rotated bits, intrinsics, scenes. */
class SunRgbdLoaderTest {
    private static final int W = 8;
    private static final int H = 6;
    private static final String KINECT = "518.857901 0.000000 284.582449\n0.000000 519.469611 208.736166\n"
            + "0.000000 0.000000 1.000000\n";

    @TempDir
    Path tmp;

    /** A frame folder as SUN RGB-D has them; depth in millimetres, raw depth with a hole at pixel 0. */
    private static void frame(Path dir, String name, String scene, String intrinsics, int mm) throws IOException {
        Files.createDirectories(dir.resolve("image"));
        Files.createDirectories(dir.resolve("depth"));
        Files.createDirectories(dir.resolve("depth_bfx"));
        ImageFiles.writeRgb(RgbImage.blank(W, H), dir.resolve("image").resolve(name + ".jpg"));
        int[] filled = new int[W * H];
        int[] raw = new int[W * H];
        for (int i = 0; i < filled.length; i++) {
            filled[i] = SunRgbdDepth.stored(mm + 10 * i);
            raw[i] = i == 0 ? 0 : filled[i];
        }
        ImageFiles.writeUShort16(W, H, filled, dir.resolve("depth_bfx").resolve(name + ".png"));
        ImageFiles.writeUShort16(W, H, raw, dir.resolve("depth").resolve(name + ".png"));
        Files.writeString(dir.resolve("intrinsics.txt"), intrinsics);
        if (scene != null) {
            Files.writeString(dir.resolve("scene.txt"), scene);
        }
    }

    @Test
    void depthIsStoredAsMillimetresRotatedByThreeBits() {
        assertEquals(0, SunRgbdDepth.millimetres(0));
        for (int mm : new int[] {1, 700, 2500, 8191, 9000, 65535}) {
            assertEquals(mm, SunRgbdDepth.millimetres(SunRgbdDepth.stored(mm)));
        }
        // 2 m stored as SUN RGB-D stores it: (2000 << 3) | (2000 >> 13) = 16000
        assertEquals(16000, SunRgbdDepth.stored(2000));
        assertEquals(2000, SunRgbdDepth.millimetres(16000));
        // the low three bits of the stored value are the millimetres' top three bits
        assertEquals(8192, SunRgbdDepth.millimetres(1));
    }

    @Test
    void aSensorFolderOpensWithItsCameraScenesAndDecodedDepth() throws Exception {
        Path kv1 = tmp.resolve("SUNRGBD").resolve("kv1");
        frame(kv1.resolve("NYUdata/NYU0001"), "NYU0001", "bedroom\n", KINECT, 1500);
        frame(kv1.resolve("NYUdata/NYU0002"), "NYU0002", "kitchen", KINECT, 2000);
        frame(kv1.resolve("NYUdata/NYU0003"), "NYU0003", "bedroom", KINECT, 2500);
        frame(kv1.resolve("NYUdata/NYU0004"), "NYU0004", "office", KINECT, 7990);
        frame(kv1.resolve("b3dodata/img_0001"), "img_0001", "office", "600 0 300\n0 600 220\n0 0 1\n", 1000);
        frame(kv1.resolve("NYUdata/NYU0005"), "NYU0005", null, KINECT, 1000);
        try (PairedDataset ds = DatasetLoaders.open(kv1)) {
            assertEquals(Modality.DEPTH, ds.modality());
            assertEquals(4, ds.pairs().size(), ds.report().issues().toString());
            assertEquals(List.of("bedroom", "kitchen", "office"), ds.sceneClasses());
            assertEquals(518.857901, ds.camera().orElseThrow().fx(), 1e-6);
            assertEquals(284.582449, ds.camera().orElseThrow().cx(), 1e-6);
            Pair first = ds.pairs().get(0);
            assertEquals("NYUdata_NYU0001", first.id());
            assertEquals("bedroom", first.annotation().sceneClass());
            DepthMap d = ds.depth(first);
            assertEquals(1.5f, d.get(0, 0), 1e-6f);
            assertEquals(1.51f, d.get(1, 0), 1e-6f);
            assertEquals(0f, ds.rawDepth(first).orElseThrow().get(0, 0), "the raw depth's hole");
            DepthMap far = ds.depth(ds.pairs().get(3));
            assertEquals(SunRgbdDepth.MAX_METRES, far.get(W - 1, H - 1), 1e-6f, "clamped at 8 m as the toolbox does");
            assertTrue(ds.pairs(Split.TEST).size() >= 1 && ds.pairs(Split.TRAIN).size() >= 2);

            List<DatasetIssue> issues = ds.report().issues();
            assertTrue(issues.stream().anyMatch(i -> i.location().endsWith("img_0001/intrinsics.txt")
                    && i.problem().contains("another camera's") && i.problem().contains("open each sensor's folder")),
                    issues.toString());
            assertTrue(issues.stream().anyMatch(i -> i.location().endsWith("NYU0005/scene.txt")
                    && i.severity() == DatasetIssue.Severity.ERROR && i.problem().contains("scene class")),
                    issues.toString());
        }
    }

    @Test
    void aFrameWithoutDepthIsNamedAndTheOthersLoad() throws Exception {
        Path root = tmp.resolve("realsense");
        frame(root.resolve("lg/0001"), "0001", "classroom", KINECT, 1200);
        frame(root.resolve("lg/0002"), "0002", "classroom", KINECT, 1300);
        try (var files = Files.list(root.resolve("lg/0002/depth"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(root.resolve("lg/0001/intrinsics.txt"), KINECT);
        try (PairedDataset ds = DatasetLoaders.open(root)) {
            assertEquals(1, ds.pairs().size());
            assertTrue(ds.report().issues().stream().anyMatch(i -> i.location().endsWith("0002/depth")
                    && i.problem().contains("is empty (the raw depth of the frame)")), ds.report().issues().toString());
        }
    }
}
