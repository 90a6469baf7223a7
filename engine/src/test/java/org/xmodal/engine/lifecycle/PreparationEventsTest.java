package org.xmodal.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/** A run's preparation written to its events.jsonl, throttled, and read back by {@link RunStatus}. */
class PreparationEventsTest {
    @TempDir
    Path tmp;

    private RunSpec transfer(Path data) {
        return RunSpec.builder().name("prepared").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005))
                .batchSize(4).iterations(2).inputSize(113).seed(5).device("cpu").threads(2).checkpointEvery(2)
                .logEvery(1).build();
    }

    private static List<RunEvent> ofType(List<RunEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void aRunStoppedWhilePreparingSaysSoWhateverStartedIt() throws Exception {
        Path data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(3, 6).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), transfer(data));
        Cancellation stop = new Cancellation();
        // the person stops the run (an experiment's engine, a terminal's Ctrl-C) as its preparation reports
        assertThrows(java.util.concurrent.CancellationException.class, () -> RunKinds.execute(run, false,
                new EncodingCache(tmp.resolve("cache")), (message, fraction) -> stop.cancel(),
                TrainingLoop.Listener.NONE, stop));
        RunEvent last = run.events().get(run.events().size() - 1);
        assertEquals(RunEvent.STOPPED, last.type());
        assertEquals("stopped while preparing", last.text("reason"));
        assertEquals(RunStatus.State.STOPPED, run.status().state());
        assertFalse(run.status().preparing(), "no longer shown as preparing once stopped");
    }

    @Test
    void aShortTransferRunSaysWhatItPreparesBeforeItsFirstStep() throws Exception {
        Path data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(3, 6).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), transfer(data));
        List<String> told = new ArrayList<>();
        AtomicReference<RunStatus> atFirstStep = new AtomicReference<>();
        TrainingLoop.Listener steps = new TrainingLoop.Listener() {
            @Override
            public void starting(long start, long total) {
                try {
                    atFirstStep.set(run.status());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void step(long step, long total, double loss, double imagesPerSecond, double etaSeconds) {
            }
        };
        TrainingLoop.Outcome outcome = RunKinds.execute(run, false, new EncodingCache(tmp.resolve("cache")),
                (message, fraction) -> {
                    synchronized (told) {
                        told.add(message);
                    }
                }, steps, Cancellation.NEVER);
        assertEquals(TrainingLoop.Outcome.FINISHED, outcome);

        List<RunEvent> events = run.events();
        int firstProgress = events.indexOf(ofType(events, RunEvent.PROGRESS).get(0));
        List<RunEvent> preparing = ofType(events, RunEvent.PREPARING);
        assertFalse(preparing.isEmpty(), "the run wrote its preparation");
        assertEquals(RunEvent.STARTED, events.get(0).type());
        assertTrue(preparing.stream().allMatch(e -> events.indexOf(e) < firstProgress),
                "every preparation event comes before the first step");
        RunEvent last = preparing.get(preparing.size() - 1);
        assertEquals(1.0, last.number("fraction", Double.NaN), "the preparation ends done");
        assertTrue(preparing.stream().map(e -> e.text("stage")).anyMatch("Encoding HHA"::equals),
                "the depth images are encoded as HHA: " + preparing.stream().map(e -> e.text("message")).toList());
        assertTrue(preparing.stream().anyMatch(e -> e.text("message").matches("Encoding HHA \\d+ of \\d+ pairs")));
        for (RunEvent e : preparing) {
            double f = e.number("fraction", 0.5);
            assertTrue(f >= 0 && f <= 1, e.text("message") + " at " + f);
            assertEquals(0, e.step());
        }
        // each stage that was reported ends at 1 or gives way to the next; within one its fraction never goes back
        for (int i = 1; i < preparing.size(); i++) {
            RunEvent a = preparing.get(i - 1);
            RunEvent b = preparing.get(i);
            if (a.text("stage").equals(b.text("stage"))) {
                assertTrue(b.number("fraction", 0) >= a.number("fraction", 0), a.text("message") + " then "
                        + b.text("message"));
            }
        }
        assertTrue(told.contains(last.text("message")), "the caller's listener heard what the events say");

        RunStatus seen = atFirstStep.get();
        assertNotNull(seen);
        assertEquals(RunStatus.State.RUNNING, seen.state());
        assertTrue(seen.preparing());
        assertEquals("preparing", seen.stateName());
        assertEquals(last.text("stage"), seen.preparation().stage());
        assertEquals(last.text("message"), seen.preparation().message());
        assertEquals(1.0, seen.preparation().fraction());

        RunStatus end = run.status();
        assertEquals(RunStatus.State.FINISHED, end.state());
        assertFalse(end.preparing(), "a finished run is not preparing");
        assertEquals("finished", end.stateName());
    }

    @Test
    void reportsFromEveryPairAreThinnedToAFewEventsASecondKeepingEachStagesFirstAndLast() throws Exception {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), transfer(tmp.resolve("none")));
        run.append(RunEvent.of(RunEvent.RESUMED, 40).with("pid", ProcessHandle.current().pid())
                .with("iterations", 100));
        AtomicLong now = new AtomicLong();
        List<String> forwarded = new ArrayList<>();
        PreparationEvents p = new PreparationEvents(run, (m, f) -> forwarded.add(m), now::get);
        // 1000 pairs in one simulated second, then a second stage of 10 that ends at 0.9 (never says 1)
        for (int i = 1; i <= 1000; i++) {
            now.set(i * 1_000_000L);
            p.progress("Encoding HHA " + i + " of 1000 pairs", i / 1000.0);
        }
        now.addAndGet(1_000_000L);
        p.progress("Reading test images 1/10", 0.1);
        // a worker reporting late: its smaller count does not take the stage back
        p.progress("Reading test images 3/10", 0.3);
        p.progress("Reading test images 2/10", 0.2);
        now.addAndGet(1_000_000L);
        p.progress("Reading test images 9/10", 0.9);
        p.finish();
        p.progress("Scoring 3/50 test regions", 0.06);

        List<RunEvent> events = ofType(run.events(), RunEvent.PREPARING);
        assertEquals(1005, forwarded.size(), "every report is passed on, after the first step too");
        List<String> encoding = events.stream().filter(e -> e.text("stage").equals("Encoding HHA"))
                .map(e -> e.text("message")).toList();
        assertTrue(encoding.size() >= 2 && encoding.size() <= 6, encoding.toString());
        assertEquals("Encoding HHA 1 of 1000 pairs", encoding.get(0), "the first of a stage");
        assertEquals("Encoding HHA 1000 of 1000 pairs", encoding.get(encoding.size() - 1), "and its last");
        List<RunEvent> reading = events.stream().filter(e -> e.text("stage").equals("Reading test images")).toList();
        assertEquals(0.1, reading.get(0).number("fraction", Double.NaN));
        RunEvent closing = reading.get(reading.size() - 1);
        assertEquals("Reading test images 9/10", closing.text("message"));
        assertEquals(1.0, closing.number("fraction", Double.NaN), "training began: the stage is done");
        assertTrue(reading.stream().noneMatch(e -> e.number("fraction", 0) == 0.2
                || e.text("message").endsWith("2/10")), "never back to 2 of 10");
        assertTrue(events.stream().noneMatch(e -> e.text("message").startsWith("Scoring")),
                "after the first step nothing is preparation");
        assertTrue(events.stream().allMatch(e -> e.step() == 40), "the step the run resumed at");
    }

    @Test
    void aStageIsTheWordsBeforeTheFirstCount() {
        assertEquals("Encoding HHA", PreparationEvents.stageOf("Encoding HHA 120 of 800 pairs"));
        assertEquals("Reading NYU Depth v2 frame", PreparationEvents.stageOf("Reading NYU Depth v2 frame 3 of 90"));
        assertEquals("Proposals", PreparationEvents.stageOf("Proposals 3/40"));
        assertEquals("Decoding video", PreparationEvents.stageOf("Decoding video 2 of 3 (a.mp4)"));
        assertEquals("Checking pairs of rooms", PreparationEvents.stageOf("Checking pairs of rooms"));
        assertEquals("Encoding flow (brox)", PreparationEvents.stageOf("Encoding flow (brox) 1 of 9 pairs"));
        assertEquals("frames rendered", PreparationEvents.stageOf("12 frames rendered"));
    }
}
