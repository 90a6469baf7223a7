package org.xmodal.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.run.RunSpecFiles;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/** encode --spec: the spec's dataset, encoded exactly as that run will read it. */
class EncodeSpecCommandTest {
    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(2, 3).withSize(64, 48), data, false, 1, ProgressListener.NONE,
                new Cancellation());
    }

    private static Path spec(String name, String encoding) throws Exception {
        Path f = tmp.resolve(name + ".json");
        Files.writeString(f, "{\"name\": \"" + name + "\", \"data\": \"rooms\", \"teacher\": {\"source\": \"random\", "
                + "\"architecture\": \"alexnet-small\"}, \"student\": {\"architecture\": \"alexnet-small\"}, "
                + "\"batchSize\": 4, \"iterations\": 2, \"inputSize\": 48" + encoding + "}");
        return f;
    }

    @Test
    void theSpecsDatasetIsEncodedUnderTheKeysItsRunReads() throws Exception {
        Path f = spec("tuned", ", \"encoding\": {\"depth\": {\"camera\": \"nyu-crop\", \"normalRadius\": 4}}");
        Path cache = tmp.resolve("cache");
        CliRun r = CliRun.of("encode", "--spec", f.toString(), "--cache", cache.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("encoding: HHA, camera nyu-crop, the dataset's units, normals r=4"), r.err());
        assertTrue(r.out().startsWith("3 encoded, 0 already cached, 0 failed"), r.out());
        Encoding tuned = RunSpecFiles.read(f).encoding();
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            PairEncoding run = PairEncoding.of(tuned, ds, new EncodingCache(cache));
            PairEncoding plain = PairEncoding.of(Encoding.defaults(), ds, new EncodingCache(cache));
            for (Pair p : ds.pairs()) {
                assertTrue(Files.exists(run.hhaFile(p)), p.id());
                assertFalse(Files.exists(plain.hhaFile(p)), p.id());
            }
        }
        CliRun again = CliRun.of("encode", "--spec", f.toString(), "--cache", cache.toString());
        assertTrue(again.out().startsWith("0 encoded, 3 already cached"), again.out());
    }

    @Test
    void aMethodBesideASpecIsRefusedAndABadSpecNamesItsField() throws Exception {
        Path f = spec("plain", "");
        CliRun both = CliRun.of("encode", "--spec", f.toString(), "--method", "klt");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, both.exit(), both.err());
        assertTrue(both.firstErrLine().contains("--method and --spec both say how to encode flow"), both.err());
        Path bad = spec("bad", ", \"encoding\": {\"depth\": {\"floorReference\": \"flor\"}}");
        CliRun r = CliRun.of("encode", "--spec", bad.toString(), "--cache", tmp.resolve("c2").toString());
        assertEquals(XmodalCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.firstErrLine().endsWith("bad.json: encoding.depth.floorReference must be lowest-point or "
                + "floor-plane, not 'flor'"), r.err());
    }

    @Test
    void shardsAreDisjointAndTogetherEveryPairAndAWrongShardIsSaid() throws Exception {
        Path cache = tmp.resolve("sharded");
        CliRun first = CliRun.of("encode", "--data", data.toString(), "--cache", cache.toString(), "--shard", "0/2");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("2 encoded, 0 already cached"), "pairs 0 and 2 of 3: " + first.out());
        CliRun second = CliRun.of("encode", "--data", data.toString(), "--cache", cache.toString(), "--shard", "1/2");
        assertTrue(second.out().startsWith("1 encoded, 0 already cached"), "pair 1: " + second.out());
        CliRun all = CliRun.of("encode", "--data", data.toString(), "--cache", cache.toString());
        assertTrue(all.out().startsWith("0 encoded, 3 already cached"), all.out());
        CliRun wrong = CliRun.of("encode", "--data", data.toString(), "--cache", cache.toString(), "--shard", "2/2");
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains("--shard 2/2: give I/N with 0 <= I < N"), wrong.err());
    }

    @Test
    void teacherFeaturesComeInShardsTheCacheGathersAndAreRefusedWhereNoRunReadsThem() throws Exception {
        Path cache = tmp.resolve("teacher-cache");
        CliRun uncached = CliRun.of("encode", "--spec", spec("uncached", "").toString(), "--cache", cache.toString(),
                "--teacher-features");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, uncached.exit(), uncached.err());
        assertTrue(uncached.err().contains("teacher.cache is off"), uncached.err());
        CliRun noSpec = CliRun.of("encode", "--data", data.toString(), "--teacher-features");
        assertEquals(XmodalCli.EXIT_BAD_INPUT, noSpec.exit(), noSpec.err());
        assertTrue(noSpec.err().contains("give the run's spec with --spec"), noSpec.err());
        Path rooms = tmp.resolve("more-rooms");
        SynthDatasetWriter.write(SynthConfig.of(3, 8).withSize(64, 48), rooms, false, 1, ProgressListener.NONE,
                new Cancellation());
        Path f = tmp.resolve("cached.json");
        Files.writeString(f, "{\"name\": \"cached\", \"data\": \"more-rooms\", \"teacher\": {\"source\": \"random\", "
                + "\"architecture\": \"alexnet-small\", \"cache\": true}, \"student\": {\"architecture\": "
                + "\"alexnet-small\", \"tap\": \"pool5\"}, \"augmentation\": {\"randomCrop\": true, \"flip\": true, \"cropGrid\": 2}, "
                + "\"batchSize\": 4, \"iterations\": 2, \"inputSize\": 40, \"device\": \"cpu\"}");
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "(\\d+) teacher feature views computed, (\\d+) already cached, of (\\d+) in .*");
        long views = 0;
        for (String shard : new String[] {"0/2", "1/2"}) {
            CliRun r = CliRun.of("encode", "--spec", f.toString(), "--cache", cache.toString(), "--teacher-features",
                    "--shard", shard);
            assertEquals(0, r.exit(), r.err());
            java.util.regex.Matcher m = line.matcher(r.out().strip());
            assertTrue(m.matches(), r.out());
            assertEquals(m.group(3), m.group(1), "a fresh shard computes all its views: " + r.out());
            assertTrue(r.out().strip().endsWith(".f16"), "names the shard's file: " + r.out());
            views += Long.parseLong(m.group(3));
        }
        try (PairedDataset ds = DatasetLoaders.open(rooms, ProgressListener.NONE, Cancellation.NEVER)) {
            assertEquals(ds.pairs(org.xmodal.engine.data.Split.TRAIN).size() * 8L, views,
                    "every training pair's four crops, each flipped or not");
        }
        CliRun all = CliRun.of("encode", "--spec", f.toString(), "--cache", cache.toString(), "--teacher-features");
        assertEquals(0, all.exit(), all.err());
        assertTrue(all.out().startsWith("0 teacher feature views computed, " + views + " already cached, of " + views),
                "the shards were gathered into the cache: " + all.out());
        try (java.util.stream.Stream<Path> files = Files.list(cache.resolve("teacher"))) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".f16")).count(), "the shard files are gone");
        }
    }
}
