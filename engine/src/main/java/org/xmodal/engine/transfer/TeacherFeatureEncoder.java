package org.xmodal.engine.transfer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.lifecycle.Devices;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.Teacher;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.TeacherSource;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * A transfer run's teacher features computed ahead of the run, for its teacher cache ({@code teacher.cache}): every
 * (training pair, crop, flip) its batches can ask for, cropped exactly as the batches crop them, through the same
 * teacher. All of them into the cache itself, or one shard (the I-th of N equal runs of pairs, a job array's task) into
 * a shard file of its own that the cache gathers when it is next opened (see {@link TeacherFeatureCache}). What the
 * cache or the shard holds already is skipped, so a task killed half-way, run again, does only the rest.
 */
public final class TeacherFeatureEncoder {
    /** What a teacher cache needs of a run's crops; said wherever one is asked for without them. */
    static final String NEEDS_FINITE_CROPS = "teacher.cache needs a finite set of crops: set augmentation.cropGrid "
            + "(for example 3) or turn randomCrop off";

    /**
     * What one call did: views computed, views found cached (in the cache or this shard), views of the shard in all,
     * the time it took, and the file written (the cache, or the shard's file).
     */
    public record Summary(long computed, long reused, long views, double seconds, Path file) {
    }

    private TeacherFeatureEncoder() {
    }

    /**
     * Computes the teacher features of shard {@code shard} of {@code shards} (0 of 1: all of them, into the cache)
     * of {@code spec}'s run, in batches of the run's batch size on the run's device.
     *
     * @throws IllegalArgumentException when the spec is not of a transfer run with a teacher cache and a finite set
     *                                  of crops
     */
    public static Summary encode(RunSpec spec, EncodingCache cache, int shard, int shards, ProgressListener progress,
                                 Cancellation cancel) throws IOException {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + ": a shard is 0.." + (shards - 1));
        }
        check(spec);
        RunSpec.Augmentation aug = spec.augmentation();
        long start = System.nanoTime();
        Device device = Devices.resolve(spec.device().id());
        try (PairedDataset ds = RunSession.openData(spec, ProgressListener.NONE, cancel);
             NDManager manager = NDManager.newBaseManager(device)) {
            List<Pair> pairs = ds.pairs(Split.TRAIN);
            if (pairs.isEmpty()) {
                throw new BadInputException(spec.data(), "has no training pairs to compute teacher features of");
            }
            int side = spec.inputSize();
            Shape input = new Shape(spec.batchSize(), 3, side, side);
            Shape studentTap = NetworkFactory.create(spec.student().architecture(), 3, 0)
                    .outputShape(input, spec.student().tap());
            try (Teacher teacher = Teachers.open(spec.teacher(), input, studentTap, spec.seed(), device, manager)) {
                Shape f = teacher.featureShape(input);
                int perView = Math.toIntExact(f.size() / f.get(0));
                int g = PairedBatches.positions(aug.randomCrop(), aug.cropGrid());
                int perPair = g * g * 2;
                long slots = (long) pairs.size() * perPair;
                String fingerprint = fingerprint(spec, teacher.description(), pairs.size(), f);
                Path root = cache.root().resolve("teacher");
                int fromPair = (int) ((long) pairs.size() * shard / shards);
                int toPair = (int) ((long) pairs.size() * (shard + 1) / shards);
                long from = (long) fromPair * perPair;
                long to = (long) toPair * perPair;
                if (from == to) {
                    return new Summary(0, 0, 0, (System.nanoTime() - start) / 1e9, null);
                }
                Path shardFile = TeacherFeatureCache.shardFile(root, fingerprint, slots, perView, from, to);
                long shardViews = (long) (toPair - fromPair) * g * g * (aug.flip() ? 2 : 1);
                if (shards > 1 && Files.exists(shardFile)) {
                    // finished before and not gathered yet: nothing left to do
                    return new Summary(0, shardViews, shardViews, (System.nanoTime() - start) / 1e9, shardFile);
                }
                BitSet inCache = shards == 1 ? new BitSet()
                        : TeacherFeatureCache.completeIn(root, fingerprint, slots, perView, from, to);
                try (TeacherFeatureCache target = shards == 1
                        ? TeacherFeatureCache.open(root, fingerprint, slots, perView)
                        : TeacherFeatureCache.openShard(root, fingerprint, slots, perView, from, to)) {
                    List<long[]> todo = new ArrayList<>(); // {slot, pair, cell, mirror}
                    long views = shardViews;
                    for (int p = fromPair; p < toPair; p++) {
                        for (int cell = 0; cell < g * g; cell++) {
                            for (int m = 0; m < (aug.flip() ? 2 : 1); m++) {
                                long slot = PairedBatches.view(p, g, cell, m == 1);
                                if (!target.has(slot) && !inCache.get((int) (slot - from))) {
                                    todo.add(new long[] {slot, p, cell, m});
                                }
                            }
                        }
                    }
                    compute(ds, pairs, todo, teacher, target, input, g, progress, cancel, manager);
                    if (shards > 1) {
                        target.finish();
                    }
                    return new Summary(todo.size(), views - todo.size(), views, (System.nanoTime() - start) / 1e9,
                            shards == 1 ? TeacherFeatureCache.fileOf(root, fingerprint, slots, perView) : shardFile);
                }
            }
        }
    }

    /**
     * Refuses (saying what to change) a spec whose run would not read teacher features from a cache: not a transfer
     * run, its teacher cache off, or crops without a finite set.
     */
    public static void check(RunSpec spec) {
        if (spec.kind() != RunKind.TRANSFER) {
            throw new IllegalArgumentException("teacher features are for a transfer run's teacher cache; the spec "
                    + "is of a " + spec.kind().id() + " run");
        }
        if (!spec.teacher().cached()) {
            throw new IllegalArgumentException("the spec's teacher.cache is off, so its run would not read teacher "
                    + "features from the cache: set \"cache\": true in its teacher section");
        }
        RunSpec.Augmentation aug = spec.augmentation();
        if (aug.regions() || (aug.randomCrop() && aug.cropGrid() <= 1)) {
            throw new IllegalArgumentException(NEEDS_FINITE_CROPS);
        }
    }

    /** The views of {@code todo} (in order: a pair's views are consecutive), a batch at a time, into the target. */
    private static void compute(PairedDataset ds, List<Pair> pairs, List<long[]> todo, Teacher teacher,
                                TeacherFeatureCache target, Shape input, int g, ProgressListener progress,
                                Cancellation cancel, NDManager manager) throws IOException {
        int side = (int) input.get(2);
        int batch = (int) input.get(0);
        int plane = 3 * side * side;
        float[] source = new float[batch * plane];
        int pairOf = -1;
        RgbImage image = null;
        for (int first = 0; first < todo.size(); first += batch) {
            cancel.check();
            int n = Math.min(batch, todo.size() - first);
            for (int b = 0; b < n; b++) {
                long[] v = todo.get(first + b);
                if (v[1] != pairOf) {
                    pairOf = (int) v[1];
                    image = PairedBatches.resized(ds.rgb(pairs.get(pairOf)), side);
                }
                int[] origin = PairedBatches.gridOrigin(image.width(), image.height(), side, g, (int) v[2]);
                InputNormalisation.IMAGE.write(image, origin[0], origin[1], side, v[3] == 1, source, b);
            }
            try (NDManager step = manager.newSubManager()) {
                float[] values = teacher.features(NetworkInput.tensor(step, java.util.Arrays.copyOf(source,
                        n * plane), new Shape(n, 3, side, side))).toFloatArray();
                int per = values.length / n;
                for (int b = 0; b < n; b++) {
                    target.put(todo.get(first + b)[0], values, b * per);
                }
            }
            int done = first + n;
            progress.progress("Teacher features " + done + "/" + todo.size() + " views", done / (double) todo.size());
        }
    }

    /**
     * What a teacher cache is keyed by: the teacher (and its weights file's size and time, or the seed of a random
     * one), its layer, the input size and crops, the dataset (and its manifest's size and time) and its pair count,
     * and the feature shape.
     */
    static String fingerprint(RunSpec spec, String teacher, int pairs, Shape features) throws IOException {
        String weights = "";
        if (spec.teacher().weights() != null && spec.teacher().source() != TeacherSource.RANDOM) {
            Path w = Teachers.weightsOf(Path.of(spec.teacher().weights()));
            weights = w.toAbsolutePath() + "@" + Files.size(w) + "@" + Files.getLastModifiedTime(w).toMillis();
        } else if (spec.teacher().source() == TeacherSource.RANDOM) {
            // a random teacher is its seed's: runs of two seeds must not share one
            weights = "random seed " + spec.seed();
        }
        return String.join("|", "teacher=" + teacher, "weights=" + weights, "tap=" + spec.teacher().tap(),
                "size=" + spec.inputSize(), "grid=" + spec.augmentation().cropGrid(),
                "crop=" + spec.augmentation().randomCrop(), "data=" + spec.data() + dataVersion(spec.data()),
                "pairs=" + pairs, "features=" + features);
    }

    /**
     * The size and time of the dataset's manifest (or of its file): a dataset written again in the same place (synth
     * --force, another corruption) gets other cached teacher features, not the old images' ones.
     */
    private static String dataVersion(String data) throws IOException {
        Path p = Path.of(data);
        Path m = Files.isDirectory(p) ? p.resolve(org.xmodal.engine.data.folder.DatasetManifest.FILE_NAME) : p;
        if (!Files.isRegularFile(m)) {
            return "";
        }
        return "@" + Files.size(m) + "@" + Files.getLastModifiedTime(m).toMillis();
    }
}
