package org.xmodal.app.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.ExperimentStages;
import org.xmodal.engine.experiment.ExperimentStages.Stage;
import org.xmodal.engine.experiment.ExperimentStages.State;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunDirectory;

class ExperimentsViewModelTest {
    @TempDir
    Path tmp;

    private TestData.Direct direct() {
        return new TestData.Direct(new DirectTaskExecutor(), tmp.resolve("cache"), tmp.resolve("runs"));
    }

    /** An experiment stopped in its transfer: the teacher done, the transfer's run at step 40 of 100. */
    private Path stoppedExperiment(Path runs, boolean startedHere) throws Exception {
        ExperimentLayout layout = new ExperimentLayout(runs.resolve("experiments").resolve("t1"));
        Path teacher = run(layout, "20260101-000000-table1-rgb-teacher");
        append(teacher, RunEvent.of(RunEvent.FINISHED, 100));
        Path transfer = run(layout, "20260101-000100-table1-transfer");
        append(transfer, RunEvent.of(RunEvent.STARTED, 0).with("pid", 999_999_999L).with("iterations", 100));
        append(transfer, RunEvent.of(RunEvent.PROGRESS, 40).with("loss", 1.0).with("etaSeconds", 10.0));
        append(transfer, RunEvent.of(RunEvent.STOPPED, 40).with("reason", "stopped by the user"));
        Files.createDirectories(layout.results());
        Json.writeAtomically(new ExperimentStages("table1", List.of(
                new Stage("RGB teacher", State.FINISHED, teacher.getFileName().toString()),
                new Stage("supervision transfer", State.STOPPED, transfer.getFileName().toString()),
                new Stage("no-init, seed 1", State.WAITING, null))), layout.results().resolve(ExperimentStages.FILE));
        if (startedHere) {
            new ExperimentLaunch("table1", "/data", "quick", 1, null).write(layout.folder());
        }
        return layout.folder();
    }

    private static Path run(ExperimentLayout layout, String id) throws Exception {
        Path dir = layout.run(id);
        Files.createDirectories(dir);
        RunSpec spec = RunSpec.builder().name(id).kind("teacher").data("/data").modality("depth")
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 0.0005)).batchSize(4).iterations(100)
                .inputSize(64).seed(1).device("cpu").threads(1).checkpointEvery(10).logEvery(1).build();
        Json.writeAtomically(spec, dir.resolve(RunDirectory.SPEC));
        return dir;
    }

    private static void append(Path dir, RunEvent e) throws Exception {
        Files.writeString(dir.resolve(RunDirectory.EVENTS), Json.compact(e) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void anExperimentInTheFolderIsShownStageByStageWithItsRunsProgress() throws Exception {
        TestData.Direct d = direct();
        stoppedExperiment(d.context.runs().root(), true);
        ExperimentsViewModel vm = new ExperimentsViewModel(d.context);
        d.context.runs().poll();
        assertEquals(List.of("t1"), vm.experiments().stream().map(ExperimentFolder::name).toList());
        vm.selectedProperty().set(vm.experiments().get(0));
        assertEquals(List.of("RGB teacher", "supervision transfer", "no-init, seed 1"),
                vm.stages().stream().map(ExperimentsViewModel.StageRow::label).toList());
        assertEquals(List.of("finished", "stopped", "waiting"),
                vm.stages().stream().map(ExperimentsViewModel.StageRow::state).toList());
        assertEquals(0.4, vm.stages().get(1).fraction(), 1e-9, "the stopped transfer's run got to step 40 of 100");
        assertEquals((1 + 0.4) / 3, vm.overallProperty().get(), 1e-9);
        assertTrue(vm.statusProperty().get().startsWith("Stopped in supervision transfer (1 of 3 stages done)"),
                vm.statusProperty().get());
        assertTrue(vm.canContinueProperty().get(), "started from the window: Continue starts its command again");
        assertFalse(vm.canStopProperty().get());
        assertFalse(vm.canOpenProperty().get(), "no summary yet");
        assertTrue(d.context.runs().find("experiments/t1/runs/20260101-000100-table1-transfer").isPresent(),
                "its runs are in the window's list of runs (Runs, Filters, Features)");
    }

    @Test
    void anExperimentStartedElsewhereSaysHowToGoOnAndAFinishedOneOpensInResults() throws Exception {
        TestData.Direct d = direct();
        Path folder = stoppedExperiment(d.context.runs().root(), false);
        ExperimentsViewModel vm = new ExperimentsViewModel(d.context);
        d.context.runs().poll();
        vm.selectedProperty().set(vm.experiments().get(0));
        assertFalse(vm.canContinueProperty().get());
        assertTrue(vm.statusProperty().get().contains("run its ./xmodal experiment command again"),
                vm.statusProperty().get());

        Files.writeString(new ExperimentLayout(folder).summary(), "{}");
        List<Path> opened = new java.util.ArrayList<>();
        List<String> shown = new java.util.ArrayList<>();
        d.context.navigateWith(shown::add);
        d.context.experiments().handleWith(opened::add);
        d.context.runs().poll();
        assertTrue(vm.canOpenProperty().get());
        vm.openSelected();
        assertEquals(List.of("Results"), shown);
        assertEquals(List.of(folder), opened);
    }

    @Test
    void switchingTheFolderOfRunsShowsItsExperimentsOnly() throws Exception {
        TestData.Direct d = direct();
        stoppedExperiment(d.context.runs().root(), true);
        ExperimentsViewModel vm = new ExperimentsViewModel(d.context);
        d.context.runs().poll();
        assertEquals(1, vm.experiments().size());
        Path other = tmp.resolve("elsewhere");
        Files.createDirectories(other.resolve("experiments").resolve("flow-a"));
        d.context.runs().switchTo(other);
        assertEquals(List.of("flow-a"), vm.experiments().stream().map(ExperimentFolder::name).toList());
        vm.form().dataProperty().set(TestData.sample().rgbd().toString());
        assertTrue(vm.form().validated().orElseThrow().folder().startsWith(other),
                "a new experiment goes to the folder shown");
    }

    @Test
    void theFormNamesTheFieldThatStopsStartAndTakesADraftFromAnotherView() throws Exception {
        TestData.Direct d = direct();
        ExperimentsViewModel vm = new ExperimentsViewModel(d.context);
        ExperimentForm form = vm.form();
        form.dataProperty().set(tmp.resolve("nowhere").toString());
        assertEquals("Dataset: " + tmp.resolve("nowhere") + " does not exist", form.problemProperty().get());
        form.dataProperty().set(TestData.sample().rgbd().toString());
        assertEquals("", form.problemProperty().get());
        assertTrue(form.nameProperty().get().startsWith("table1-cpu-demo-"), form.nameProperty().get());
        form.nameProperty().set("my run/1");
        assertTrue(form.problemProperty().get().startsWith("Name: use letters"), form.problemProperty().get());
        Files.createDirectories(d.context.runs().root().resolve("experiments").resolve("taken"));
        form.nameProperty().set("taken");
        assertTrue(form.problemProperty().get().contains("exists already"), form.problemProperty().get());

        d.context.experimentDrafts().request(new ExperimentDraft(ExperimentKind.TABLE1,
                TestData.sample().rgbd().toString(), "quick", 1, "the Data view"));
        assertEquals("quick", form.presetProperty().get());
        assertEquals(1, form.seedsProperty().get());
        assertTrue(form.nameProperty().get().startsWith("table1-quick-"), "a draft gets a fresh name");
        assertEquals("", form.problemProperty().get());
        ExperimentForm.Start start = form.validated().orElseThrow();
        assertEquals(List.of("experiment", "table1", "--data", TestData.sample().rgbd().toAbsolutePath().normalize()
                .toString(), "--out", start.folder().toString(), "--seeds", "1", "--preset", "quick"),
                start.launch().arguments(start.folder()));
    }

    @Test
    void runOnSlurmSubmitsTheExperimentAndItsQueuedStagesShowTheirRunsAndJobs() throws Exception {
        TestData.Direct d = direct();
        ExperimentsViewModel vm = new ExperimentsViewModel(d.context);
        ExperimentForm form = vm.form();
        form.dataProperty().set(TestData.sample().rgbd().toString());
        form.onSlurmProperty().set(true);
        ExperimentForm.Start start = form.validated().orElseThrow();
        List<String> args = start.launch().arguments(start.folder());
        assertEquals(List.of("submit", "experiment", "table1", "--data"), args.subList(0, 4),
                "Slurm's options come from the cluster profile, the experiment's after its name");
        start.launch().write(tmp.resolve("launched"));
        assertTrue(ExperimentLaunch.read(tmp.resolve("launched")).orElseThrow().slurm(), "Continue submits again");

        // an experiment whose runs were queued: the teacher's job finished, the transfer's job waits
        ExperimentLayout layout = new ExperimentLayout(d.context.runs().root().resolve("experiments").resolve("s1"));
        Path teacher = run(layout, "20260101-000000-table1-rgb-teacher");
        append(teacher, RunEvent.of(RunEvent.FINISHED, 100));
        Path transfer = run(layout, "20260101-000000-table1-transfer");
        Files.createDirectories(layout.results());
        Json.writeAtomically(new ExperimentStages("table1", List.of(
                new Stage("RGB teacher", State.QUEUED, teacher.getFileName().toString()),
                new Stage("supervision transfer", State.QUEUED, transfer.getFileName().toString()))),
                layout.results().resolve(ExperimentStages.FILE));
        d.context.runs().poll();
        vm.experiments().stream().filter(x -> x.name().equals("s1")).findFirst().ifPresent(vm.selectedProperty()::set);
        assertEquals("finished (on Slurm)", vm.stages().get(0).state());
        assertEquals(1.0, vm.stages().get(0).fraction());
        assertEquals("queued on Slurm", vm.stages().get(1).state(), "no job state known (no slurm.json)");
        assertEquals(StageText.state(State.QUEUED), "queued on Slurm");
    }
}
