package org.xmodal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's state read from its events, with and without the preparation events of newer engines. */
class RunStatusTest {
    private static final long ALIVE = ProcessHandle.current().pid();

    private static RunEvent started(long step) {
        return RunEvent.of(step == 0 ? RunEvent.STARTED : RunEvent.RESUMED, step).with("pid", ALIVE)
                .with("iterations", 100);
    }

    private static RunEvent preparing(String message, double fraction) {
        // the engine's stage: the words before the first count
        return RunEvent.of(RunEvent.PREPARING, 0).with("stage", message.replaceFirst("\\s*\\d.*$", ""))
                .with("message", message).with("fraction", fraction);
    }

    private static RunEvent progress(long step) {
        return RunEvent.of(RunEvent.PROGRESS, step).with("loss", 0.5).with("imagesPerSecond", 20.0)
                .with("etaSeconds", 9.0);
    }

    @Test
    void aRunBeforeItsFirstStepIsPreparingWithTheLatestStage() {
        RunStatus s = RunStatus.of(List.of(started(0), preparing("Checking pairs of rooms", 1),
                preparing("Encoding HHA 120 of 800 pairs", 0.15)));
        assertEquals(RunStatus.State.RUNNING, s.state());
        assertTrue(s.preparing());
        assertEquals("preparing", s.stateName());
        assertEquals(new RunStatus.Preparation("Encoding HHA", "Encoding HHA 120 of 800 pairs", 0.15),
                s.preparation());
    }

    @Test
    void theFirstStepEndsThePreparation() {
        RunStatus s = RunStatus.of(List.of(started(0), preparing("Encoding HHA 800 of 800 pairs", 1), progress(1)));
        assertFalse(s.preparing());
        assertEquals("running", s.stateName());
        assertEquals(1, s.step());
        assertEquals(0.5, s.lastLoss());
        // an event named so after the first step (no engine writes one) is not preparation
        assertFalse(RunStatus.of(List.of(started(0), progress(1), preparing("Scoring 3/50", 0.1))).preparing());
    }

    @Test
    void aResumedRunPreparesAgainFromTheStepItResumedAt() {
        RunStatus s = RunStatus.of(List.of(started(0), progress(10), RunEvent.of(RunEvent.STOPPED, 10),
                started(10), preparing("Reading train images 4/40", 0.1)));
        assertTrue(s.preparing());
        assertEquals(10, s.step());
        assertEquals("Reading train images 4/40", s.preparation().message());
    }

    @Test
    void aRunThatEndedWhilePreparingIsNotPreparing() {
        RunStatus failed = RunStatus.of(List.of(started(0), preparing("Encoding HHA 3 of 800 pairs", 0),
                RunEvent.of(RunEvent.FAILED, 0).with("reason", "rooms/depth/3.png: cannot be read")));
        assertEquals(RunStatus.State.FAILED, failed.state());
        assertEquals("rooms/depth/3.png: cannot be read", failed.message());
        assertNull(failed.preparation());
        RunStatus killed = RunStatus.of(List.of(RunEvent.of(RunEvent.STARTED, 0).with("pid", Long.MAX_VALUE)
                .with("iterations", 100), preparing("Encoding HHA 3 of 800 pairs", 0)));
        assertEquals(RunStatus.State.INTERRUPTED, killed.state());
        assertEquals("interrupted", killed.stateName());
        assertFalse(killed.preparing());
    }

    @Test
    void aStageOfUnknownSizeHasNoFraction() {
        RunStatus s = RunStatus.of(List.of(started(0), RunEvent.of(RunEvent.PREPARING, 0)
                .with("stage", "Opening nyu.mat").with("message", "Opening nyu.mat")));
        assertTrue(Double.isNaN(s.preparation().fraction()));
    }

    @Test
    void runsFromBeforePreparationEventsReadAsTheyDid() {
        List<RunEvent> old = List.of(started(0), progress(5), RunEvent.of(RunEvent.CHECKPOINT, 5));
        assertEquals(new RunStatus(RunStatus.State.RUNNING, 5, 100, 0.5, 20.0, 9.0, null), RunStatus.of(old));
        assertEquals("running", RunStatus.of(old).stateName());
        assertEquals("running", RunStatus.of(List.of(started(0))).stateName(), "no step yet, no preparation told");
        assertEquals("created", RunStatus.of(List.of()).stateName());
    }
}
