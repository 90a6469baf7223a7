package org.xmodal.engine.data.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * A UCF-101-layout folder of small videos written here (MPEG-4 in AVI): classes from the folders, five sampled frames
 * per video with their next frames, the test list's video in the test split, a corrupt file and a one-frame video
 * named in the report while the rest load, and the decoded frames reused from the cache.
 */
class VideoDatasetLoaderTest {
    @TempDir
    Path tmp;

    /** A video of {@code frames} frames of a bright square moving right by 2 px a frame on a dark background. */
    static void writeVideo(Path file, int frames) throws Exception {
        Files.createDirectories(file.getParent());
        int w = 64;
        int h = 48;
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), w, h)) {
            r.setFormat("avi");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(25);
            r.setVideoQuality(1);
            r.start();
            for (int t = 0; t < frames; t++) {
                Frame f = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
                ByteBuffer b = (ByteBuffer) f.image[0];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean inside = x >= 10 + 2 * t && x < 26 + 2 * t && y >= 16 && y < 32;
                        int v = inside ? 230 : 20;
                        int i = y * f.imageStride + 3 * x;
                        b.put(i, (byte) v).put(i + 1, (byte) v).put(i + 2, (byte) v);
                    }
                }
                r.record(f);
            }
            r.stop();
        }
    }

    @Test
    void aUcfLayoutFolderOpensWithClassesSampledPairsAndTheTestListAndNamesWhatItCannotDecode() throws Exception {
        Path root = tmp.resolve("ucf");
        writeVideo(root.resolve("PushLeft/v_PushLeft_g01_c01.avi"), 12);
        writeVideo(root.resolve("PushLeft/v_PushLeft_g02_c01.avi"), 12);
        writeVideo(root.resolve("Lift/v_Lift_g01_c01.avi"), 12);
        writeVideo(root.resolve("Lift/v_Lift_g02_c01.avi"), 1);
        Files.write(root.resolve("Lift/v_Lift_g03_c01.avi"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Files.writeString(root.resolve("testlist01.txt"), "PushLeft/v_PushLeft_g02_c01.avi\n");
        assertTrue(VideoDatasetLoader.looksLikeVideos(root));

        Path cache = tmp.resolve("cache");
        PairedDataset ds = VideoDatasetLoader.load(root, 5, cache, ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(Modality.FLOW, ds.modality());
        assertEquals(List.of("Lift", "PushLeft"), ds.sceneClasses());
        assertEquals(15, ds.pairs().size(), "five pairs from each of the three good videos");
        for (Pair p : ds.pairs()) {
            assertTrue(p.labelled() && p.annotation().scene().isPresent(), p.id());
            assertEquals(p.id().startsWith("PushLeft/v_PushLeft_g02") ? Split.TEST : Split.TRAIN, p.split(), p.id());
        }
        List<DatasetIssue> issues = ds.report().issues();
        assertTrue(issues.stream().anyMatch(i -> i.location().endsWith("v_Lift_g03_c01.avi")
                && i.problem().contains("could not be decoded (FFmpeg cannot open it: corrupt")), issues.toString());
        assertTrue(issues.stream().anyMatch(i -> i.location().endsWith("v_Lift_g02_c01.avi")
                && i.problem().contains("fewer than two frames")), issues.toString());

        // a pair is a frame and the next one: the square has moved 2 px right between them
        Pair first = ds.pairs().get(0);
        RgbImage a = ds.rgb(first);
        RgbImage b = ds.next(first);
        assertEquals(64, a.width());
        assertEquals(48, a.height());
        assertTrue(Math.abs(columnOfEdge(b) - columnOfEdge(a) - 2) <= 1, columnOfEdge(a) + " -> " + columnOfEdge(b));

        // the second load decodes nothing: the cached frames are reused, byte for byte the same pairs
        PairedDataset again = VideoDatasetLoader.load(root, 5, cache, ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(ds.pairs().stream().map(Pair::id).toList(), again.pairs().stream().map(Pair::id).toList());
        assertArrayEquals(a.rgb(), again.rgb(again.pairs().get(0)).rgb());
    }

    @Test
    void aVideoOfACodecFfmpegCannotDecodeIsNamedAndTheOthersLoad() throws Exception {
        Path root = tmp.resolve("codecs");
        writeVideo(root.resolve("Lift/good.avi"), 12);
        Path odd = root.resolve("Lift/odd.avi");
        writeVideo(odd, 12);
        // the same file with its codec's tag (FFmpeg writes MPEG-4 in AVI as FMP4) made one no decoder knows
        byte[] bytes = Files.readAllBytes(odd);
        int tags = 0;
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == 'F' && bytes[i + 1] == 'M' && bytes[i + 2] == 'P' && bytes[i + 3] == '4') {
                bytes[i] = 'Z';
                bytes[i + 1] = 'Z';
                bytes[i + 2] = 'Z';
                bytes[i + 3] = 'Z';
                tags++;
            }
        }
        assertTrue(tags > 0, "the AVI names its codec");
        Files.write(odd, bytes);

        PairedDataset ds = VideoDatasetLoader.load(root, 5, tmp.resolve("cache2"), ProgressListener.NONE,
                Cancellation.NEVER);
        assertEquals(5, ds.pairs().size(), "the good video still loads");
        List<DatasetIssue> issues = ds.report().issues();
        assertTrue(issues.stream().anyMatch(i -> i.location().endsWith("odd.avi")
                && i.problem().contains("no decoder for its video codec")), issues.toString());
    }

    @Test
    void samplingSpreadsTheFirstFramesOverTheVideoAndKeepsANextFrame() {
        assertArrayEquals(new int[] {0, 3, 5, 8, 10}, VideoDatasetLoader.sample(12, 5));
        assertArrayEquals(new int[] {0, 1}, VideoDatasetLoader.sample(3, 5));
        assertArrayEquals(new int[] {0}, VideoDatasetLoader.sample(2, 5));
    }

    /** The first column, on the middle row, where the bright square starts. */
    private static int columnOfEdge(RgbImage img) {
        for (int x = 0; x < img.width(); x++) {
            if (img.get(x, 24, 0) > 128) {
                return x;
            }
        }
        return -1;
    }
}
