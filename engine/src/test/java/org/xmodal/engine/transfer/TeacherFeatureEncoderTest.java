package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.TeacherSource;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * Teacher features computed ahead of a transfer run, in shards as a cluster's job array computes them: the shards
 * are disjoint files, a task stopped half-way goes on where it stopped, the run gathers them into its cache and
 * finds every view it asks for there, and the values are the ones the run computes itself (to half precision).
 */
class TeacherFeatureEncoderTest {
    @TempDir
    static Path tmp;
    private static Path data;
    private static int trainPairs;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(5, 12).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            trainPairs = ds.pairs(Split.TRAIN).size();
        }
    }

    private static RunSpec spec(boolean cached) {
        return RunSpec.builder().name("cached").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher(TeacherSource.RANDOM, "alexnet-small", null, "pool5", cached))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("sgd", 1e-8, 0.9, 0.0005))
                .augmentation(new RunSpec.Augmentation(true, true, 2)).batchSize(8).iterations(6).inputSize(113)
                .seed(11).device("cpu").threads(2).checkpointEvery(6).logEvery(1).build();
    }

    private static List<Path> files(Path cache, String suffix) throws Exception {
        Path dir = cache.resolve("teacher");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The cache file of a cache folder with its one fingerprint, opened (slot values from the file's size). */
    private static TeacherFeatureCache openOnly(Path cache) throws Exception {
        List<Path> main = files(cache, ".f16").stream().filter(p -> !p.toString().contains(".slots-")).toList();
        assertEquals(1, main.size(), "one cache file in " + cache + ": " + main);
        String fingerprint = Files.readString(main.get(0).resolveSibling(main.get(0).getFileName() + ".txt")).strip();
        long slots = trainPairs * 8L; // a 2 x 2 grid of crops, each flipped or not
        int values = Math.toIntExact((Files.size(main.get(0)) - slots) / (2 * slots));
        return TeacherFeatureCache.open(cache.resolve("teacher"), fingerprint, slots, values);
    }

    @Test
    void shardsGoOnWhereTheyStoppedAndTheRunGathersAndReadsThem() throws Exception {
        RunSpec spec = spec(true);
        Path sharded = tmp.resolve("sharded");
        EncodingCache cache = new EncodingCache(sharded);
        long views = 0;
        for (int shard = 0; shard < 3; shard++) {
            TeacherFeatureEncoder.Summary s;
            if (shard == 1) {
                // a task stopped after its first batch (a node lost, a job cancelled) leaves its part file ...
                Cancellation stop = new Cancellation();
                assertThrows(CancellationException.class, () -> TeacherFeatureEncoder.encode(spec, cache, 1, 3,
                        (message, fraction) -> stop.cancel(), stop));
                assertEquals(1, files(sharded, ".part").size(), "the stopped task's part file stays");
                // ... and the task run again computes only the rest
                s = TeacherFeatureEncoder.encode(spec, cache, 1, 3, ProgressListener.NONE, Cancellation.NEVER);
                assertEquals(8, s.reused(), "the first batch was kept: " + s);
                assertEquals(s.views() - 8, s.computed());
            } else {
                s = TeacherFeatureEncoder.encode(spec, cache, shard, 3, ProgressListener.NONE, Cancellation.NEVER);
                assertEquals(s.views(), s.computed(), "a fresh shard computes all its views: " + s);
            }
            views += s.views();
        }
        assertEquals(trainPairs * 8L, views, "the shards hold every pair's four crops, each flipped or not");
        assertEquals(3, files(sharded, ".f16").size(), "three finished shard files, nothing gathered yet");
        assertEquals(List.of(), files(sharded, ".part"));
        TeacherFeatureEncoder.Summary again = TeacherFeatureEncoder.encode(spec, cache, 2, 3, ProgressListener.NONE,
                Cancellation.NEVER);
        assertEquals(0, again.computed(), "a finished shard run again has nothing to do");

        // the run opens its cache: the shards are gathered into it, and it has every view the run can ask for
        RunDirectory run = RunDirectory.create(tmp.resolve("runs-sharded"), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, TransferRun.execute(run, false, cache, ProgressListener.NONE,
                TrainingLoop.Listener.NONE, Cancellation.NEVER));
        assertEquals(1, files(sharded, ".f16").size(), "the shard files were gathered and removed: "
                + files(sharded, ".f16"));
        // the same run with an empty cache computes the teacher's features itself
        Path fresh = tmp.resolve("fresh");
        RunDirectory alone = RunDirectory.create(tmp.resolve("runs-fresh"), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, TransferRun.execute(alone, false, new EncodingCache(fresh),
                ProgressListener.NONE, TrainingLoop.Listener.NONE, Cancellation.NEVER));
        try (TeacherFeatureCache encoded = openOnly(sharded); TeacherFeatureCache own = openOnly(fresh)) {
            int values = Math.toIntExact((Files.size(files(fresh, ".f16").get(0)) - views) / (2 * views));
            float[] a = new float[values];
            float[] b = new float[values];
            int compared = 0;
            for (long slot = 0; slot < views; slot++) {
                assertTrue(encoded.has(slot), "slot " + slot + " was encoded");
                if (own.has(slot)) {
                    encoded.get(slot, a, 0);
                    own.get(slot, b, 0);
                    for (int i = 0; i < values; i++) {
                        // the same crop through the same teacher, in another batch: equal to half precision
                        assertEquals(b[i], a[i], 2e-3f * Math.abs(b[i]) + 1e-5f, "slot " + slot + " value " + i);
                    }
                    compared++;
                }
            }
            assertTrue(compared >= 8, "the run asked for some views: " + compared);
        }
        // and the two runs took the same steps against (to half precision) the same targets
        var x = run.metrics().series("loss");
        var y = alone.metrics().series("loss");
        assertEquals(y.keySet(), x.keySet());
        for (Long step : y.keySet()) {
            assertEquals(y.get(step), x.get(step), 1e-3 * Math.abs(y.get(step)), "loss at step " + step);
        }
    }

    @Test
    void aSpecWhoseRunWouldNotReadTheCacheIsRefused() {
        EncodingCache cache = new EncodingCache(tmp.resolve("refused"));
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class, () -> TeacherFeatureEncoder
                .encode(spec(false), cache, 0, 1, ProgressListener.NONE, Cancellation.NEVER));
        assertTrue(off.getMessage().contains("teacher.cache is off"), off.getMessage());
        RunSpec free = spec(true).toBuilder().augmentation(new RunSpec.Augmentation(true, true, 0)).build();
        IllegalArgumentException crops = assertThrows(IllegalArgumentException.class, () -> TeacherFeatureEncoder
                .encode(free, cache, 0, 1, ProgressListener.NONE, Cancellation.NEVER));
        assertTrue(crops.getMessage().contains("cropGrid"), crops.getMessage());
        assertFalse(Files.exists(tmp.resolve("refused")), "nothing written");
    }
}
