package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * Resumes of runs whose folder was damaged: checkpoints lost, a corrupt newest checkpoint, temporary files of
 * interrupted writes, a file that cannot be written. The curve a resume leaves has every step once, with the losses
 * of the run that was never interrupted.
 */
class ResumeIntegrityTest {
    @TempDir
    static Path tmp;
    private static Path data;
    private static Map<Long, Double> uninterrupted;

    @BeforeAll
    static void writeDatasetAndAnUninterruptedRun() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(5, 12).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
        RunDirectory whole = RunDirectory.create(tmp.resolve("runs"), spec());
        assertEquals(TrainingLoop.Outcome.FINISHED, execute(whole, false, Cancellation.NEVER, -1));
        uninterrupted = losses(whole);
    }

    /** SGD, so that last-bit differences between runs stay last-bit differences (Adam's first steps are signs). */
    private static RunSpec spec() {
        return RunSpec.builder().name("resume").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("sgd", 1e-8, 0.9, 0.0005))
                .batchSize(8).iterations(8).inputSize(113).seed(11).device("cpu").threads(2).checkpointEvery(4)
                .logEvery(1).build();
    }

    /** Runs (or resumes) the run here, stopping it cleanly after {@code stopAfter} steps (-1: never). */
    private static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, Cancellation cancel, long stopAfter)
            throws IOException {
        TrainingLoop.Listener stop = (step, total, loss, speed, eta) -> {
            if (step == stopAfter) {
                cancel.cancel();
            }
        };
        return TransferRun.execute(run, resume, new EncodingCache(tmp.resolve("cache")), ProgressListener.NONE, stop,
                cancel);
    }

    private static RunDirectory stoppedAfter(long steps) throws IOException {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec());
        assertEquals(TrainingLoop.Outcome.STOPPED, execute(run, false, new Cancellation(), steps));
        return run;
    }

    private static Map<Long, Double> losses(RunDirectory run) throws IOException {
        return run.metrics().series("loss");
    }

    /** Every step once, each with the uninterrupted run's loss (to float32 rounding). */
    private static void assertTheUninterruptedCurve(RunDirectory run) throws IOException {
        List<Long> steps = run.metrics().read().stream().filter(r -> r.name().equals("loss")).map(MetricsLog.Row::step)
                .toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), steps, "every step once");
        Map<Long, Double> actual = losses(run);
        for (long step : uninterrupted.keySet()) {
            assertEquals(uninterrupted.get(step), actual.get(step), 1e-4 * Math.abs(uninterrupted.get(step)),
                    "loss at step " + step);
        }
    }

    private static List<String> warnings(RunDirectory run) throws IOException {
        return run.events().stream().filter(e -> e.type().equals(RunEvent.WARNING)).map(e -> e.text("reason"))
                .toList();
    }

    @Test
    void aRunFolderFromBeforeTheEncodingSectionResumesWithTheEncodingItWasMadeWith() throws Exception {
        RunDirectory run = stoppedAfter(4);
        // spec.json as the engine wrote it before specs had an encoding section (and typed fields)
        Files.writeString(run.path().resolve("spec.json"), """
                {
                  "name" : "resume", "kind" : "transfer", "data" : "%s", "modality" : "depth",
                  "teacher" : { "source" : "random", "architecture" : "alexnet-small", "weights" : null,
                                "tap" : "pool5", "cache" : false },
                  "student" : { "architecture" : "alexnet-small", "tap" : "pool5", "init" : "random",
                                "weightInit" : "kaiming" },
                  "adaptation" : { "matchNorms" : true, "matchTo" : "unit", "loss" : "per-image" },
                  "optimizer" : { "type" : "sgd", "learningRate" : 1.0E-8, "momentum" : 0.9, "weightDecay" : 5.0E-4 },
                  "schedule" : { "stepSize" : 0, "gamma" : 1.0 },
                  "batchSize" : 8, "iterations" : 8, "inputSize" : 113,
                  "augmentation" : { "randomCrop" : true, "flip" : true, "cropGrid" : 0, "crops" : "image",
                                     "proposals" : 300 },
                  "seed" : 11, "device" : "cpu", "threads" : 2, "checkpointEvery" : 4, "logEvery" : 1,
                  "filterSnapshots" : [ ], "finetune" : null,
                  "launch" : { "engineVersion" : "0.11", "device" : "cpu", "time" : "2026-11-30T10:00:00Z",
                               "host" : "old" }
                }
                """.formatted(data.toString().replace("\\", "\\\\")));
        RunDirectory old = RunDirectory.open(run.path());
        assertEquals(org.xmodal.engine.encode.Encoding.defaults(), old.spec().encoding());
        assertEquals(TrainingLoop.Outcome.FINISHED, execute(old, true, Cancellation.NEVER, -1));
        assertTheUninterruptedCurve(old);
    }

    @Test
    void aResumeWithEveryCheckpointGoneStartsAgainKeepingNoRowsPastStepZero() throws Exception {
        RunDirectory run = stoppedAfter(6); // checkpoints after 4 and at the stop, 6
        try (var files = Files.list(run.path().resolve("checkpoints"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        assertEquals(TrainingLoop.Outcome.FINISHED, execute(run, true, new Cancellation(), -1));
        assertTheUninterruptedCurve(run);
        RunEvent resumed = run.events().stream().filter(e -> e.type().equals(RunEvent.RESUMED)).findFirst()
                .orElseThrow();
        assertEquals(0, resumed.step());
        assertTrue(warnings(run).contains("no intact checkpoint: the run starts again from step 0"),
                warnings(run).toString());
    }

    @Test
    void aCorruptNewestCheckpointIsSetAsideAndTheOneBeforeItUsed() throws Exception {
        RunDirectory run = stoppedAfter(6);
        assertEquals(List.of(4L, 6L), run.checkpointSteps());
        byte[] bytes = Files.readAllBytes(run.checkpoint(6));
        bytes[bytes.length / 2] ^= 0x01; // one flipped bit, which loaded silently before checksums
        Files.write(run.checkpoint(6), bytes);
        Path leftover = run.path().resolve("checkpoints").resolve(".step-00000006.params123.tmp");
        Files.write(leftover, new byte[1 << 20]);

        assertEquals(TrainingLoop.Outcome.FINISHED, execute(run, true, new Cancellation(), -1));
        assertTheUninterruptedCurve(run);
        RunEvent resumed = run.events().stream().filter(e -> e.type().equals(RunEvent.RESUMED)).findFirst()
                .orElseThrow();
        assertEquals(4, resumed.step(), "resumed from the intact checkpoint before the corrupt one");
        assertTrue(warnings(run).stream().anyMatch(w -> w.contains("step-00000006.params: is corrupt")
                && w.contains(".corrupt")), warnings(run).toString());
        assertTrue(warnings(run).stream().anyMatch(w -> w.contains("deleted 1.0 MB of temporary files")),
                warnings(run).toString());
        assertTrue(Files.notExists(leftover));
    }

    @Test
    void aFileThatCannotBeWrittenFailsTheRunNamingItAndTheFailureIsRecorded() throws Exception {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec());
        Files.createDirectories(run.path().resolve(RunDirectory.METRICS)); // a folder where the metrics go
        BadInputException e = assertThrows(BadInputException.class,
                () -> execute(run, false, new Cancellation(), -1));
        assertTrue(e.getMessage().contains("metrics.csv: cannot be written"), e.getMessage());
        RunEvent last = run.events().get(run.events().size() - 1);
        assertEquals(RunEvent.FAILED, last.type());
        assertTrue(last.text("reason").contains("metrics.csv: cannot be written"), last.text("reason"));
    }
}
