package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.run.RunLock;
import org.xmodal.engine.run.RunStatus;

class RunControlTest {
    @TempDir
    Path runs;

    /** A process whose command line names xmodal, as an engine's does, that ends on SIGTERM. */
    private static Process fakeEngine() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "trap 'kill $!; exit 0' TERM; sleep 30 & wait",
                "xmodal-engine").start();
        Thread.sleep(300); // let bash set its trap
        return p;
    }

    private static RunSummary running(long pid, Instant started) {
        return new RunSummary("20250101-000000-x", Path.of("/runs/x"), SpecSummary.unreadable("test"),
                new RunStatus(RunStatus.State.RUNNING, 5, 10, 1, 1, 1, null), pid, started.toString(), List.of());
    }

    @Test
    void aRunStartedElsewhereIsStoppedThroughThePidItsEventsName() throws Exception {
        // an engine as a terminal would have started it: its command line names xmodal
        Process engine = fakeEngine();
        try {
            new RunControl(EngineProcesses.likeThisJvm(), () -> runs).stop(running(engine.pid(), Instant.now()));
            assertTrue(engine.waitFor(10, TimeUnit.SECONDS), "SIGTERM ended it");
        } finally {
            engine.destroyForcibly();
        }
    }

    @Test
    void aPidNowHeldByAnotherProgramIsNeverSignalled() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            RunControl control = new RunControl(EngineProcesses.likeThisJvm(), () -> runs);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> control.stop(running(other.pid(), Instant.now())));
            assertTrue(e.getMessage().contains("is now another program"), e.getMessage());
            assertFalse(other.waitFor(300, TimeUnit.MILLISECONDS), "still running");
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aPidThatStartedAfterTheRunIsAReusedOne() throws Exception {
        Process engine = fakeEngine();
        try {
            RunControl control = new RunControl(EngineProcesses.likeThisJvm(), () -> runs);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> control.stop(running(engine.pid(), Instant.now().minusSeconds(3600))));
            assertTrue(e.getMessage().contains("pid was reused"), e.getMessage());
        } finally {
            engine.destroyForcibly();
        }
    }

    @Test
    void aRunWithoutALiveEngineCannotBeStopped() {
        RunControl control = new RunControl(EngineProcesses.likeThisJvm(), () -> runs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> control.stop(running(Integer.MAX_VALUE - 7, Instant.now())));
        assertTrue(e.getMessage().contains("has no live engine process"), e.getMessage());
    }

    @Test
    void aRunAnotherEngineHoldsIsNotResumedFromTheWindow() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(runs.resolve("20250101-000000-x"));
        RunSummary stopped = new RunSummary("20250101-000000-x", dir, SpecSummary.unreadable("test"),
                new RunStatus(RunStatus.State.STOPPED, 5, 10, 1, 1, 1, null), -1, Instant.now().toString(), List.of());
        RunControl control = new RunControl(EngineProcesses.likeThisJvm(), () -> runs);
        try (RunLock held = RunLock.acquire(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> control.resume(stopped));
            assertTrue(e.getMessage().contains("is being trained by another engine (pid "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
        }
        assertTrue(control.children().isEmpty(), "no second engine was started");
    }
}
