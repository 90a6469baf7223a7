package org.xmodal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.InspectionProcess;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/** The bundled sample data, small generated datasets, and workbench contexts for tests. */
public final class TestData {
    private static InspectionProcess inspection;
    private static Path inspectionDir;

    private TestData() {
    }

    /**
     * One inspection process for all the tests of this JVM (each holds PyTorch, a few hundred megabytes), its logs
     * and engine cache in a temporary folder; it ends with the JVM. Each call logs its next start there again: a
     * window whose folder of runs a test switched moved its logs into that test's folder.
     */
    public static synchronized InspectionProcess inspection() {
        if (inspection == null) {
            try {
                inspectionDir = java.nio.file.Files.createTempDirectory("xmodal-test-inspection");
                inspectionDir.toFile().deleteOnExit();
                inspection = new InspectionProcess(EngineProcesses.likeThisJvm()
                        .withEnvironment("XDG_CACHE_HOME", inspectionDir.resolve("engine-cache").toString())
                        .withJvmOption("-Dxmodal.log.level=WARN"), inspectionDir.resolve("logs"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        inspection.logIn(inspectionDir.resolve("logs"));
        return inspection;
    }

    public static SampleData sample() {
        return SampleData.locate().orElseThrow(() -> new IllegalStateException(
                "sample-data/synth-rgbd not found: run the tests from the repository (xmodal.root)"));
    }

    /** A tiny synthetic dataset (64x48 scenes and, when asked, flow sequences of 3 frames) in {@code dir}. */
    public static Path tinySynth(Path dir, int scenes, int flowSequences) {
        SynthConfig config = SynthConfig.of(7, scenes).withSize(64, 48).withFlow(flowSequences, 3);
        try {
            SynthDatasetWriter.write(config, dir, false, 1, ProgressListener.NONE, new Cancellation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A context whose jobs run on the calling thread and whose problems are collected in a list. */
    public static final class Direct {
        public final List<Problem> problems = new ArrayList<>();
        public final WorkbenchContext context;

        public Direct(Path cache) {
            this(new DirectTaskExecutor(), cache);
        }

        public Direct(TaskExecutor executor, Path cache) {
            this(executor, cache, cache.toAbsolutePath().resolveSibling("runs"));
        }

        /** With the runs of {@code runs} (never the workbench's own folder of runs). */
        public Direct(TaskExecutor executor, Path cache, Path runs) {
            context = WorkbenchContext.create(executor, problems::add, new EncodingCache(cache),
                    Optional.of(sample()), new RunsSetup(runs, EngineProcesses.likeThisJvm(), () -> {
                        throw new IllegalStateException("no engine in view-model tests");
                    }, inspection()));
        }
    }
}
