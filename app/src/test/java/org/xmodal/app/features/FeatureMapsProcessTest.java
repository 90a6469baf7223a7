package org.xmodal.app.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TinyRuns;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.inspect.FeatureMaps;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * The feature-map process beside the window: it answers as the engine does in this process, names what is wrong
 * with a request and goes on serving, says why when it cannot start, and is started again after it stopped (idle or
 * ended).
 */
class FeatureMapsProcessTest {
    @TempDir
    Path tmp;
    private FeatureMapsProcess maps;

    private FeatureMapsProcess maps(EngineProcesses engine, Duration idle) {
        maps = new FeatureMapsProcess(engine, tmp.resolve("logs"), idle);
        return maps;
    }

    private EngineProcesses engine() {
        return EngineProcesses.likeThisJvm().withEnvironment("XDG_CACHE_HOME", tmp.resolve("engine-cache").toString())
                .withJvmOption("-Dxmodal.log.level=WARN");
    }

    @AfterEach
    void close() {
        if (maps != null) {
            maps.close();
        }
    }

    private static FeatureMaps.Request request(RunDirectory run, long step, int pairIndex) throws IOException {
        try (PairedDataset ds = DatasetLoaders.open(Path.of(run.spec().data()), ProgressListener.NONE,
                Cancellation.NEVER)) {
            return FeatureProbe.request(run.spec(), run.checkpoint(step), OptionalDouble.empty(), ds,
                    ds.pairs().get(pairIndex), new EncodingCache(TinyRuns.get().home().resolve("cache")));
        }
    }

    @Test
    void answersAsTheEngineDoesInThisProcessAndStaysUpBetweenRequests() throws Exception {
        TinyRuns runs = TinyRuns.get();
        RunDirectory run = runs.transfer();
        long step = run.latestCheckpointStep().orElseThrow();
        FeatureMapsProcess p = maps(engine(), FeatureMapsProcess.IDLE);
        try (PairedDataset ds = DatasetLoaders.open(Path.of(run.spec().data()), ProgressListener.NONE,
                Cancellation.NEVER)) {
            EncodingCache cache = new EncodingCache(runs.home().resolve("cache"));
            FeatureComparison first = FeatureProbe.compare(p, run.spec(), run.checkpoint(step), OptionalDouble.empty(),
                    ds, ds.pairs().get(0), cache, Cancellation.NEVER);
            assertEquals(64, first.channels());
            FeatureComparison second = FeatureProbe.compare(p, run.spec(), run.checkpoint(step),
                    OptionalDouble.empty(), ds, ds.pairs().get(1), cache, Cancellation.NEVER);
            assertEquals(1, p.starts(), "the second request was answered by the same process");
            assertFalse(java.util.Arrays.equals(first.teacher(), second.teacher()), "two pairs, two answers");
        }
        FeatureMaps.Request r = request(run, step, 0);
        FeatureMaps.Result there = p.compute(r, Cancellation.NEVER);
        FeatureMaps.Result here = FeatureMaps.compute(r, Cancellation.NEVER);
        assertEquals(here.channels(), there.channels());
        assertEquals(here.cropSide(), there.cropSide());
        assertArrayEquals(here.teacher(), there.teacher(), 1e-4f * max(here.teacher()));
        assertArrayEquals(here.student(), there.student(), 1e-4f * max(here.student()));
    }

    @Test
    void aMissingCheckpointIsNamedAndTheNextRequestIsServed() throws Exception {
        RunDirectory run = TinyRuns.get().transfer();
        long step = run.latestCheckpointStep().orElseThrow();
        FeatureMapsProcess p = maps(engine(), FeatureMapsProcess.IDLE);
        FeatureMaps.Request good = request(run, step, 0);
        Path missing = tmp.resolve("step-999.params");
        FeatureMaps.Request bad = new FeatureMaps.Request(good.spec(), missing, null, good.modality(), good.rgb(),
                good.paired());
        IOException e = assertThrows(IOException.class, () -> p.compute(bad, Cancellation.NEVER));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertEquals(64, p.compute(good, Cancellation.NEVER).channels());
        assertEquals(1, p.starts());
    }

    @Test
    void aProcessThatCannotStartSaysWhy() throws Exception {
        FeatureMapsProcess p = maps(engine().withJvmOption("-Xmx1k"), FeatureMapsProcess.IDLE);
        RunDirectory run = TinyRuns.get().transfer();
        FeatureMaps.Request r = request(run, run.latestCheckpointStep().orElseThrow(), 0);
        IOException e = assertThrows(IOException.class, () -> p.compute(r, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("ended without answering (exit 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("heap"), "the JVM's own words: " + e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("logs").toString()), "names the log: " + e.getMessage());
    }

    @Test
    void anIdleProcessStopsAndAProcessThatEndedIsStartedAgain() throws Exception {
        RunDirectory run = TinyRuns.get().transfer();
        FeatureMaps.Request r = request(run, run.latestCheckpointStep().orElseThrow(), 0);
        FeatureMapsProcess p = maps(engine(), Duration.ofMillis(300));
        p.compute(r, Cancellation.NEVER);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (p.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(p.running(), "still running 30 s after its last request");
        assertEquals(64, p.compute(r, Cancellation.NEVER).channels());
        assertEquals(2, p.starts());
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
