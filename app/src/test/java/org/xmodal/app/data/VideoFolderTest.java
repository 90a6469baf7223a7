package org.xmodal.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * A folder of class folders of videos (UCF-101's layout, with a test list), written here, opens in the Data view as a
 * flow dataset: its classes to filter by, its frame pairs with their next frames and estimated flow; and a run
 * trains on it (clip classification from flow images) to the end.
 */
class VideoFolderTest {
    @TempDir
    Path tmp;

    /** A disc moving {@code dx} px a frame to the right (left when negative) across a grey field, in MPEG-4. */
    private static void video(Path file, int dx) throws Exception {
        Files.createDirectories(file.getParent());
        int w = 80;
        int h = 60;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h)) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoQuality(1);
            recorder.start();
            for (int t = 0; t < 10; t++) {
                Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
                ByteBuffer pixels = (ByteBuffer) frame.image[0];
                double cx = 40 + dx * (t - 5);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean disc = Math.hypot(x - cx, y - 30) < 9;
                        int i = y * frame.imageStride + 3 * x;
                        pixels.put(i, (byte) (disc ? 40 : 150)).put(i + 1, (byte) (disc ? 200 : 150))
                                .put(i + 2, (byte) (disc ? 240 : 150));
                    }
                }
                recorder.record(frame);
            }
            recorder.stop();
        }
    }

    @Test
    void aUcfLayoutFolderOpensWithItsClassesAndFlowAndTrains() throws Exception {
        Path root = tmp.resolve("ucf");
        for (int g = 1; g <= 3; g++) {
            video(root.resolve("MoveLeft/v_MoveLeft_g0" + g + "_c01.avi"), -2 - g % 2);
            video(root.resolve("MoveRight/v_MoveRight_g0" + g + "_c01.avi"), 2 + g % 2);
        }
        Files.writeString(root.resolve("testlist01.txt"), "MoveLeft/v_MoveLeft_g03_c01.avi\n"
                + "MoveRight/v_MoveRight_g03_c01.avi\n");

        TestData.Direct env = new TestData.Direct(tmp.resolve("cache"));
        DataViewModel data = new DataViewModel(env.context.session());
        PairViewerViewModel viewer = new PairViewerViewModel(env.context.executor(), env.context.session(),
                env.context.problems());
        env.context.session().open(root);
        assertTrue(env.problems.isEmpty(), env.problems.toString());
        assertEquals(30, data.pairs().size(), "five frame pairs from each of six videos");
        assertTrue(data.summaryProperty().get().contains("flow"), data.summaryProperty().get());
        Set<String> classes = data.classChoices().stream().filter(c -> c.kind() == ClassChoice.Kind.SCENE)
                .map(ClassChoice::name).collect(Collectors.toSet());
        assertEquals(Set.of("MoveLeft", "MoveRight"), classes);
        assertEquals(10, data.pairs().stream().filter(p -> p.split() == Split.TEST).count(), "the test list's two");

        assertEquals(List.of(Layer.RGB, Layer.NEXT_FRAME, Layer.FLOW_WHEEL, Layer.FLOW_TUBES), viewer.layers());
        PairContent c = viewer.contentProperty().get();
        assertEquals("estimated (dis-fast)", c.flowSource());
        // the first pair is a MoveLeft video's: the disc's pixels move left
        String clazz = data.selectedPairProperty().get().annotation().scene().orElseThrow();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < c.flow().u().length; i++) {
            if (Math.abs(c.flow().u()[i]) > 0.5) {
                sum += c.flow().u()[i];
                n++;
            }
        }
        assertTrue(n > 20, "the disc moves: " + n + " moving pixels");
        assertEquals(clazz.equals("MoveLeft") ? -1 : 1, (int) Math.signum(sum), clazz + ": mean u " + sum / n);

        RunSpec spec = RunSpec.builder().name("videos").kind("finetune").data(root.toString()).modality("flow")
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 0.0005)).batchSize(8).iterations(3)
                .inputSize(64).seed(1).device("cpu").threads(0).checkpointEvery(0).logEvery(1)
                .augmentation(new RunSpec.Augmentation(true, false))
                .finetune(new RunSpec.Finetune("paired", "random", null, "clips", null, null)).build();
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec);
        TrainingLoop.Outcome outcome = RunKinds.execute(run, false, new EncodingCache(tmp.resolve("cache")),
                ProgressListener.NONE, TrainingLoop.Listener.NONE, Cancellation.NEVER);
        assertEquals(TrainingLoop.Outcome.FINISHED, outcome);
        assertEquals(RunStatus.State.FINISHED, run.status().state());
        SceneAccuracy a = Json.MAPPER.readValue(run.results().resolve(SceneAccuracy.FILE).toFile(),
                SceneAccuracy.class);
        assertEquals(2, a.images(), "two test clips, each scored once");
    }
}
