package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TinyRuns;
import org.xmodal.app.features.FeatureComparison;
import org.xmodal.app.features.FeatureProbe;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.inspect.FeatureMaps;
import org.xmodal.engine.inspect.NetworkFeatures;
import org.xmodal.engine.inspect.RandomFilters;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.transfer.TransferMicroscope;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * The inspection process beside the window: it answers as the engine does in this process, names what is wrong
 * with a request and goes on serving, says why when it cannot start, and is started again after it stopped (idle or
 * ended).
 */
class InspectionProcessTest {
    @TempDir
    Path tmp;
    private InspectionProcess maps;

    private InspectionProcess maps(EngineProcesses engine, Duration idle) {
        maps = new InspectionProcess(engine, tmp.resolve("logs"), idle);
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
        InspectionProcess p = maps(engine(), InspectionProcess.IDLE);
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
        FeatureMaps.Result there = p.featureMaps(r, Cancellation.NEVER);
        FeatureMaps.Result here = FeatureMaps.compute(r, Cancellation.NEVER);
        assertEquals(here.channels(), there.channels());
        assertEquals(here.cropSide(), there.cropSide());
        assertArrayEquals(here.teacher(), there.teacher(), 1e-4f * max(here.teacher()));
        assertArrayEquals(here.student(), there.student(), 1e-4f * max(here.student()));
    }

    @Test
    void aTeachersMapsAndARandomInitAreTheEnginesOwn() throws Exception {
        TinyRuns runs = TinyRuns.get();
        RunDirectory teacher = runs.teacher();
        FeatureMaps.Request pair = request(runs.transfer(), runs.transfer().latestCheckpointStep().orElseThrow(), 0);
        NetworkFeatures.Request maps = new NetworkFeatures.Request(teacher.spec().student().architecture(),
                teacher.checkpoint(teacher.latestCheckpointStep().orElseThrow()), "pool5", pair.rgb());
        InspectionProcess p = maps(engine(), InspectionProcess.IDLE);
        NetworkFeatures.Result there = p.networkFeatures(maps, Cancellation.NEVER);
        NetworkFeatures.Result here = NetworkFeatures.compute(maps);
        assertEquals(List.of(here.channels(), here.height(), here.width()), List.of(there.channels(), there.height(),
                there.width()));
        assertArrayEquals(here.values(), there.values(), 1e-4f * max(here.values()));
        RandomFilters.Request init = new RandomFilters.Request(teacher.spec().student().architecture(), 5,
                WeightInit.KAIMING);
        RandomFilters.Result drawnThere = p.randomFilters(init);
        assertArrayEquals(RandomFilters.compute(init).shape(), drawnThere.shape());
        assertArrayEquals(RandomFilters.compute(init).values(), drawnThere.values(), "the seed's own filters");
        assertEquals(1, p.starts());
    }

    @Test
    void aMicroscopeStaysOpenBetweenStepsTakesTheEnginesStepsAndIsClosed() throws Exception {
        TinyRuns runs = TinyRuns.get();
        RunSpec spec = runs.transfer().spec();
        Path cache = runs.home().resolve("cache");
        InspectionProcess p = maps(engine(), Duration.ofMillis(200));
        InspectionProcess.OpenMicroscope there = p.openMicroscope(spec, 2, cache, Cancellation.NEVER);
        try (TransferMicroscope here = TransferMicroscope.open(spec, 2, new EncodingCache(cache),
                ProgressListener.NONE, Cancellation.NEVER)) {
            assertEquals(2, there.opened().images().size());
            assertArrayEquals(here.teacherImage(1).rgb(), there.opened().images().get(1)[0].rgb());
            assertArrayEquals(here.studentImage(1).rgb(), there.opened().images().get(1)[1].rgb());
            assertEquals(here.loss(), there.opened().loss(), 1e-4 * here.loss());
            Thread.sleep(600); // longer than the idle time: an open microscope keeps its process
            for (int i = 1; i <= 2; i++) {
                TransferMicroscope.Step a = here.step(1e-4);
                TransferMicroscope.Step b = there.step(1e-4);
                assertEquals(i, b.number());
                assertEquals(a.lossAfter(), b.lossAfter(), 1e-3 * a.lossAfter());
                assertArrayEquals(a.conv1Gradient(), b.conv1Gradient(), 1e-3f * max(a.conv1Gradient()));
            }
        }
        assertEquals(1, p.starts());
        there.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (p.running() && System.nanoTime() < deadline) {
            Thread.sleep(50); // closed, then idle
        }
        assertFalse(p.running(), "a closed microscope no longer keeps its process");
        IOException e = assertThrows(IOException.class, () -> there.step(1e-4));
        assertTrue(e.getMessage().contains("open it again"), e.getMessage());
    }

    @Test
    void aMissingCheckpointIsNamedAndTheNextRequestIsServed() throws Exception {
        RunDirectory run = TinyRuns.get().transfer();
        long step = run.latestCheckpointStep().orElseThrow();
        InspectionProcess p = maps(engine(), InspectionProcess.IDLE);
        FeatureMaps.Request good = request(run, step, 0);
        Path missing = tmp.resolve("step-999.params");
        FeatureMaps.Request bad = new FeatureMaps.Request(good.spec(), missing, null, good.modality(), good.rgb(),
                good.paired());
        IOException e = assertThrows(IOException.class, () -> p.featureMaps(bad, Cancellation.NEVER));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertEquals(64, p.featureMaps(good, Cancellation.NEVER).channels());
        assertEquals(1, p.starts());
    }

    @Test
    void aProcessThatCannotStartSaysWhy() throws Exception {
        InspectionProcess p = maps(engine().withJvmOption("-Xmx1k"), InspectionProcess.IDLE);
        RunDirectory run = TinyRuns.get().transfer();
        FeatureMaps.Request r = request(run, run.latestCheckpointStep().orElseThrow(), 0);
        IOException e = assertThrows(IOException.class, () -> p.featureMaps(r, Cancellation.NEVER));
        assertTrue(e.getMessage().contains("ended without answering (exit 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("heap"), "the JVM's own words: " + e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("logs").toString()), "names the log: " + e.getMessage());
    }

    @Test
    void anIdleProcessStopsAndAProcessThatEndedIsStartedAgain() throws Exception {
        RunDirectory run = TinyRuns.get().transfer();
        FeatureMaps.Request r = request(run, run.latestCheckpointStep().orElseThrow(), 0);
        InspectionProcess p = maps(engine(), Duration.ofMillis(300));
        p.featureMaps(r, Cancellation.NEVER);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (p.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(p.running(), "still running 30 s after its last request");
        // the window switched its folder of runs meanwhile: the next start logs there
        Path elsewhere = tmp.resolve("elsewhere").resolve(EngineProcesses.LOGS);
        p.logIn(elsewhere);
        assertEquals(64, p.featureMaps(r, Cancellation.NEVER).channels());
        assertEquals(2, p.starts());
        try (java.util.stream.Stream<Path> logs = java.nio.file.Files.list(elsewhere)) {
            assertEquals(1, logs.filter(f -> f.getFileName().toString().contains("inspection")).count(),
                    "the restart's log is in the folder switched to");
        }
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
