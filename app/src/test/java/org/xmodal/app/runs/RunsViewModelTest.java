package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.run.RunStatus;

class RunsViewModelTest {
    @TempDir
    Path tmp;

    private final List<Problem> problems = new ArrayList<>();

    private RunsViewModel runs() {
        EngineProcesses engine = EngineProcesses.likeThisJvm()
                .withEnvironment("XDG_CACHE_HOME", tmp.resolve("engine-cache").toString())
                .withEnvironment("XDG_CONFIG_HOME", tmp.resolve("config").toString()) // no cluster profile
                .withJvmOption("-Dxmodal.log.level=WARN");
        WorkbenchContext context = WorkbenchContext.create(new DirectTaskExecutor(), problems::add,
                new EncodingCache(tmp.resolve("cache")), Optional.of(TestData.sample()), new RunsSetup(
                        tmp.resolve("runs"), engine, () -> new EngineInfo("PyTorch", "2.5.1", "0.32.0", "cpu", 2,
                        List.of())));
        return new RunsViewModel(context);
    }

    @Test
    void aRunWhoseEngineFailsIsExplainedInADialogNamingWhatIsWrong() throws Exception {
        RunsViewModel vm = runs();
        Path notADataset = Files.createDirectories(tmp.resolve("empty-folder"));
        vm.form().fill(RunFolders.spec("doomed", notADataset.toString()));
        assertEquals("", vm.form().problemProperty().get(), "the form cannot know the folder holds no pairs");
        vm.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            vm.library().poll();
        }
        assertEquals(1, problems.size(), "one dialog");
        Problem p = problems.get(0);
        assertTrue(p.title().startsWith("The run ") && p.title().endsWith("-doomed failed"), p.title());
        assertTrue(p.message().contains(notADataset.toString()), p.message());
        assertTrue(p.advice().startsWith("It failed before its first checkpoint") && !p.advice().contains("last "
                + "checkpoint"), "no advice to resume from a checkpoint that does not exist: " + p.advice());
        assertEquals(RunStatus.State.FAILED, vm.library().runs().get(0).summary().status().state());
        assertEquals(vm.library().runs().get(0), vm.selectedProperty().get(), "the new run was chosen");
        assertTrue(vm.canResumeProperty().get() && vm.canCloneProperty().get() && !vm.canStopProperty().get());
    }

    @Test
    void resumingRunsTheEnginesResumeCommandOnTheRunsFolder() {
        List<String> cmd = EngineProcesses.likeThisJvm().command(List.of("resume", "/runs/x"));
        assertEquals(List.of(EngineProcesses.MAIN_CLASS, "resume", "/runs/x"), cmd.subList(cmd.size() - 3,
                cmd.size()));
        assertTrue(cmd.contains("-Dai.djl.offline=true"));
    }

    private static RunRecord waitFor(RunsViewModel vm, String what, java.util.function.Predicate<RunSummary> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            vm.library().poll();
            Optional<RunRecord> r = vm.library().runs().stream().findFirst();
            if (r.isPresent() && done.test(r.get().summary())) {
                return r.get();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("not within 3 minutes: " + what + "; runs: " + vm.library().runs().stream()
                .map(r -> r.summary().status() + " " + r.summary().job()).toList());
    }

    @Test
    void aRunSentToSlurmShowsItsJobStopCancelsItAndResumeSubmitsItAgain() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.xmodal.engine.cluster.Slurm.onPath().available()
                && new ProcessBuilder("sinfo", "-h").start().waitFor() == 0, "no Slurm cluster answers here; "
                + ".ci/slurm-up starts a one-node one as root");
        RunsViewModel vm = runs();
        vm.onSlurmProperty().set(true);
        vm.form().fill(RunFolders.spec("on-slurm", TestData.sample().rgbd().toString()).toBuilder().iterations(100000)
                .build());
        vm.start();
        assertTrue(problems.isEmpty(), problems.toString());
        assertTrue(vm.noticeProperty().get().contains(": Slurm job "), vm.noticeProperty().get());

        RunRecord run = waitFor(vm, "the job trains", s -> s.job() != null && s.job().isActive()
                && s.isRunning() && s.status().step() >= 2);
        String first = run.summary().job().id();
        assertTrue(RunText.job(run.summary().job()).startsWith(" (Slurm: RUNNING on "), RunText.job(run.summary()
                .job()));
        vm.selectedProperty().set(run);
        assertTrue(vm.canStopProperty().get() && !vm.canResumeProperty().get());

        vm.stopSelected(); // scancel: the engine checkpoints on SIGTERM
        run = waitFor(vm, "the cancelled job's run stops", s -> s.status().state() == RunStatus.State.STOPPED
                && s.job() != null && !s.job().isActive() && s.job().state() != null);
        assertTrue(vm.canResumeProperty().get(), "a stopped run on Slurm can be resumed");
        assertTrue(problems.isEmpty(), problems.toString());

        vm.resumeSelected(); // a new job resumes it
        assertTrue(vm.noticeProperty().get().startsWith("Slurm job "), vm.noticeProperty().get());
        run = waitFor(vm, "the resubmitted job trains", s -> s.job() != null && !s.job().id().equals(first)
                && s.isRunning());
        vm.selectedProperty().set(run);
        vm.stopSelected();
        waitFor(vm, "the second job stops", s -> s.status().state() == RunStatus.State.STOPPED && s.job() != null
                && !s.job().isActive() && s.job().state() != null);
        assertTrue(problems.isEmpty(), problems.toString());
    }
}
