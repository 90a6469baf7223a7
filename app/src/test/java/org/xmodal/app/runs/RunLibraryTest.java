package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.app.task.ManualTaskExecutor;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunStatus;

class RunLibraryTest {
    @TempDir
    Path runs;

    private static final long ALIVE = ProcessHandle.current().pid();

    @Test
    void runsWrittenByAnyProcessAreListedNewestFirstWithTheirState() throws Exception {
        Path old = RunFolders.create(runs, "20250101-000000-old", RunFolders.spec("old", "/data"));
        RunFolders.started(old, ALIVE);
        RunFolders.event(old, RunEvent.of(RunEvent.FINISHED, 100));
        Path live = RunFolders.create(runs, "20250102-000000-live", RunFolders.spec("live", "/data"));
        RunFolders.started(live, ALIVE);
        RunFolders.progress(live, 5, 2.5);
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        assertEquals(List.of("20250102-000000-live", "20250101-000000-old"),
                library.runs().stream().map(RunRecord::id).toList());
        RunSummary s = library.runs().get(0).summary();
        assertEquals(RunStatus.State.RUNNING, s.status().state());
        assertEquals(5, s.status().step());
        assertEquals(2.5, s.status().lastLoss());
        assertEquals(ALIVE, s.pid());
        assertEquals(RunStatus.State.FINISHED, library.runs().get(1).summary().status().state());
        assertEquals(1, library.runningProperty().get());
    }

    @Test
    void runsOfTheExperimentsInTheFolderAreListedByTheirPathInIt() throws Exception {
        RunFolders.create(runs, "20250101-000000-own", RunFolders.spec("own", "/data"));
        Path expRuns = runs.resolve("experiments").resolve("t1").resolve("runs");
        Path teacher = RunFolders.create(expRuns, "20250103-000000-table1-rgb-teacher",
                RunFolders.spec("table1-rgb-teacher", "/data"));
        RunFolders.event(teacher, RunEvent.of(RunEvent.FINISHED, 100));
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        String id = "experiments/t1/runs/20250103-000000-table1-rgb-teacher";
        assertEquals(List.of(id, "20250101-000000-own"), library.runs().stream().map(RunRecord::id).toList(),
                "newest first across the folder and its experiments");
        assertEquals(teacher, library.find(id).orElseThrow().summary().path());
        assertEquals(teacher, runs.resolve(id), "a run's name resolves against the folder of runs");
    }

    @Test
    void switchingTheFolderShowsItsRunsAndDropsALookAtTheOldOneStillUnderWay() throws Exception {
        Path other = runs.resolve("other-folder");
        RunFolders.create(runs, "20250101-000000-here", RunFolders.spec("here", "/data"));
        RunFolders.create(other, "20250102-000000-there", RunFolders.spec("there", "/data"));
        ManualTaskExecutor executor = new ManualTaskExecutor();
        RunLibrary library = new RunLibrary(executor, runs);
        library.poll();
        library.switchTo(other);
        assertTrue(library.runs().isEmpty(), "the old folder's runs go at once");
        assertEquals(other.toAbsolutePath().normalize(), library.rootProperty().get());
        executor.runAll();
        assertEquals(List.of("20250102-000000-there"), library.runs().stream().map(RunRecord::id).toList(),
                "only the new folder's runs, though the look at the old one ended after the switch");
    }

    @Test
    void eachLookAppliesOnlyWhatWasAppendedAndCountsOneVersionPerLook() throws Exception {
        Path dir = RunFolders.create(runs, "20250102-000000-live", RunFolders.spec("live", "/data"));
        RunFolders.started(dir, ALIVE);
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        RunRecord r = library.runs().get(0);
        int v = r.versionProperty().get();
        for (int step = 1; step <= 3; step++) {
            RunFolders.metric(dir, step, "train", "loss", 4.0 / step);
            RunFolders.progress(dir, step, 4.0 / step);
        }
        library.poll();
        assertEquals(v + 1, r.versionProperty().get(), "three lines of each file, one update");
        assertEquals(3, r.series("train", "loss").orElseThrow().size());
        assertEquals(4, r.events().size());
        library.poll();
        assertEquals(v + 1, r.versionProperty().get(), "nothing new, no update");
        RunFolders.metric(dir, 4, "test", "accuracy", 0.5);
        library.poll();
        assertEquals(0.5, r.series("test", "accuracy").orElseThrow().lastValue());
        assertEquals(3, r.series(RunRecord.PROGRESS, RunRecord.IMAGES_PER_SECOND).orElseThrow().size());
    }

    @Test
    void aRunWhoseEngineDiedIsShownInterruptedWithoutAnyNewLine() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Path dir = RunFolders.create(runs, "20250102-000000-killed", RunFolders.spec("killed", "/data"));
            RunFolders.started(dir, sleeper.pid());
            RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
            library.poll();
            RunRecord r = library.runs().get(0);
            assertEquals(RunStatus.State.RUNNING, r.summary().status().state());
            sleeper.destroyForcibly().waitFor();
            library.poll();
            assertEquals(RunStatus.State.INTERRUPTED, r.summary().status().state());
            assertTrue(r.summary().status().canResume());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void progressEventsFoldedTogetherGiveTheEnginesOwnState() throws Exception {
        Path dir = RunFolders.create(runs, "20250102-000000-folded", RunFolders.spec("folded", "/data"));
        RunFolders.started(dir, ALIVE);
        RunFolders.progress(dir, 1, 3.0);
        // the first progress events have no speed yet (NaN is written as a string): the last number carries over
        RunFolders.event(dir, RunEvent.of(RunEvent.PROGRESS, 2).with("loss", 2.0).with("imagesPerSecond", "NaN"));
        RunFolders.event(dir, RunEvent.of(RunEvent.CHECKPOINT, 2).with("file", "checkpoints/step-00000002.params"));
        RunFolders.progress(dir, 3, 1.5);
        RunFolders.event(dir, RunEvent.of(RunEvent.STOPPED, 3).with("reason", "stopped by the user"));
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        RunSummary s = library.runs().get(0).summary();
        RunStatus engine = org.xmodal.engine.run.RunDirectory.open(dir).status();
        assertEquals(engine, s.status());
        assertEquals(List.of(2L), s.checkpoints());
    }

    @Test
    void aLookStillUnderWayIsNotStartedAgain() throws Exception {
        ManualTaskExecutor executor = new ManualTaskExecutor();
        RunLibrary library = new RunLibrary(executor, runs);
        library.poll();
        library.poll();
        library.poll();
        assertEquals(1, executor.waiting());
        executor.runAll();
        assertEquals(1, library.looksProperty().get());
    }

    @Test
    void aRunFolderThatGoesAwayLeavesTheList() throws Exception {
        Path dir = RunFolders.create(runs, "20250102-000000-gone", RunFolders.spec("gone", "/data"));
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        assertEquals(1, library.runs().size());
        assertEquals(RunStatus.State.CREATED, library.runs().get(0).summary().status().state());
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        library.poll();
        assertTrue(library.runs().isEmpty());
    }
}
