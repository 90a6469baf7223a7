package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.cli.CliRun;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.hha.FloorReference;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * What the encoding lab and a spec's {@code encoding} say is what the student is fed: a short transfer with
 * non-default HHA settings trains on exactly the images {@code ./xmodal hha} makes with the same settings, and not
 * on the default encoding's.
 */
class EncodingReachesTheStudentTest {
    private static final int SIDE = 48;
    private static final int BATCH = 4;

    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(3, 4).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
    }

    /** Non-default in every HHA field the lab tunes: camera, both windows, the stages and the floor reference. */
    private static Encoding tuned(CameraIntrinsics datasetCamera) {
        CameraIntrinsics c = datasetCamera.scaledTo(80, 60);
        CameraIntrinsics wider = new CameraIntrinsics(c.fx() * 0.8, c.fy() * 0.8, c.cx() + 2, c.cy() - 1, 80, 60);
        return Encoding.defaults().withDepth(new Encoding.Depth(Encoding.DepthInput.HHA, Encoding.Camera.EXPLICIT,
                wider, null, 5, 7, List.of(new Encoding.GravityStage(40, 3), new Encoding.GravityStage(12, 2)),
                FloorReference.FLOOR_PLANE, null));
    }

    @Test
    void theStudentsBatchIsTheCommandLinesHhaAndNotTheDefault() throws Exception {
        EncodingCache cache = new EncodingCache(tmp.resolve("cache"));
        Encoding encoding;
        List<Pair> train;
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            encoding = tuned(ds.camera().orElseThrow());
            train = ds.pairs(Split.TRAIN);
        }
        RunSpec spec = RunSpec.builder().name("tuned").kind("transfer").data(data.toString()).modality("depth")
                .encoding(encoding).teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0)).batchSize(BATCH).iterations(2)
                .inputSize(SIDE).augmentation(new RunSpec.Augmentation(false, false)).seed(3).device("cpu")
                .threads(1).build();
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, TransferRun.execute(run, false, cache, ProgressListener.NONE,
                TrainingLoop.Listener.NONE, Cancellation.NEVER));
        assertEquals(encoding, RunDirectory.open(run.path()).spec().encoding(), "spec.json keeps the encoding");

        Encoding.Depth d = encoding.depth();
        CameraIntrinsics cam = d.intrinsics();
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            PairEncoding tuned = PairEncoding.of(encoding, ds, cache);
            PairEncoding defaults = PairEncoding.of(Encoding.defaults(), ds, cache);
            List<RgbImage> byCommand = new ArrayList<>();
            for (Pair p : train) {
                assertTrue(Files.exists(tuned.hhaFile(p)), "the run encoded " + p.id() + " with the spec's encoding");
                assertFalse(Files.exists(defaults.hhaFile(p)), "the run never encoded with the default");
                Path out = tmp.resolve("cli-" + p.id() + ".png");
                List<String> args = new ArrayList<>(List.of("hha", "--depth", p.files().partner().toString(),
                        "--depth-scale", String.valueOf(ds.depthUnitsPerMetre()),
                        "--camera", String.format(Locale.ROOT, "%s,%s,%s,%s", cam.fx(), cam.fy(), cam.cx(), cam.cy()),
                        "--normal-radius", "5", "--gravity-radius", "7", "--stages", "40 x 3, 12 x 2",
                        "--floor", "floor-plane", "--out", out.toString()));
                if (p.files().rawDepth() != null) {
                    args.addAll(List.of("--raw", p.files().rawDepth().toString()));
                }
                CliRun cli = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, cli.exit(), cli.err());
                byCommand.add(ImageFiles.readRgb(out));
            }
            // the batch of step 0 as the run assembled it, against the same crops of the command line's images
            try (PairedBatches tunedBatches = PairedBatches.prepare(tuned, train, SIDE, BATCH, spec.seed(), false,
                    false, 0, ProgressListener.NONE, Cancellation.NEVER);
                 PairedBatches defaultBatches = PairedBatches.prepare(defaults, train, SIDE, BATCH, spec.seed(),
                         false, false, 0, ProgressListener.NONE, Cancellation.NEVER)) {
                PairedBatches.Batch batch = tunedBatches.get(0);
                PairedBatches.Batch plain = defaultBatches.get(0);
                int plane = 3 * SIDE * SIDE;
                for (int b = 0; b < BATCH; b++) {
                    float[] source = Arrays.copyOfRange(batch.source(), b * plane, (b + 1) * plane);
                    int pair = pairOf(ds, train, source);
                    float[] expected = centreCrop(byCommand.get(pair), ds.rgb(train.get(pair)));
                    assertArrayEquals(expected, Arrays.copyOfRange(batch.target(), b * plane, (b + 1) * plane),
                            "sample " + b + " (" + train.get(pair).id() + ") is ./xmodal hha's image");
                    assertArrayEquals(source, Arrays.copyOfRange(plain.source(), b * plane, (b + 1) * plane));
                    assertFalse(Arrays.equals(expected, Arrays.copyOfRange(plain.target(), b * plane,
                            (b + 1) * plane)), "the default encoding gives another input");
                }
            }
        }
    }

    /** The pair whose RGB crop is {@code source}. */
    private static int pairOf(PairedDataset ds, List<Pair> train, float[] source) throws Exception {
        for (int i = 0; i < train.size(); i++) {
            RgbImage rgb = ds.rgb(train.get(i));
            float[] crop = new float[source.length];
            int[] size = size(rgb);
            RgbImage r = Resize.rgb(rgb, size[0], size[1]);
            InputNormalisation.IMAGE.write(r, (r.width() - SIDE) / 2, (r.height() - SIDE) / 2, SIDE, false, crop, 0);
            if (Arrays.equals(crop, source)) {
                return i;
            }
        }
        throw new AssertionError("no training pair has this RGB crop");
    }

    /** The centre crop of an encoded image, resized and normalised as the run's batches are. */
    private static float[] centreCrop(RgbImage encoded, RgbImage rgb) {
        int[] size = size(rgb);
        RgbImage r = Resize.rgb(encoded, size[0], size[1]);
        float[] out = new float[3 * SIDE * SIDE];
        InputNormalisation.IMAGE.write(r, (r.width() - SIDE) / 2, (r.height() - SIDE) / 2, SIDE, false, out, 0);
        return out;
    }

    private static int[] size(RgbImage rgb) {
        return Resize.toShortSide(rgb.width(), rgb.height(), (int) Math.ceil(SIDE / PairedBatches.CROP_FRACTION));
    }
}
