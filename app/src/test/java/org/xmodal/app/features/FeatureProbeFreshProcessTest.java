package org.xmodal.app.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TinyRuns;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * The Features view's probe in a process that has not loaded PyTorch yet, as the window's is when Features is the
 * first view to need it (the engine is probed in a child process): the probe must load it before its first call.
 * This test's own JVM has loaded PyTorch long before (every training test does), so the probe runs in a new one.
 */
class FeatureProbeFreshProcessTest {
    @TempDir
    Path tmp;

    @Test
    void comparesFeaturesInAProcessWherePyTorchWasNotLoadedBefore() throws Exception {
        TinyRuns runs = TinyRuns.get();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("probe.log");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dxmodal.log.level=WARN", Probe.class.getName(),
                runs.transfer().path().toString(), runs.home().resolve("cache").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe process did not end in 2 minutes");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("compared 64 channels"), out);
    }

    /** The child process: one comparison, as the Features view asks for it, and nothing before it. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            RunDirectory run = RunDirectory.open(Path.of(args[0]));
            long step = run.latestCheckpointStep().orElseThrow();
            try (PairedDataset ds = DatasetLoaders.open(Path.of(run.spec().data()), ProgressListener.NONE,
                    Cancellation.NEVER)) {
                FeatureComparison c = FeatureProbe.compare(run.spec(), run.checkpoint(step), OptionalDouble.empty(),
                        ds, ds.pairs().get(0), new EncodingCache(Path.of(args[1])), Cancellation.NEVER);
                System.out.println("compared " + c.channels() + " channels");
            }
            System.exit(0);
        }
    }
}
