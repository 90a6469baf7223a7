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
}
