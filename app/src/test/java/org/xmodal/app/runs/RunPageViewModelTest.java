package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.viz.CurveChart;

class RunPageViewModelTest {
    @TempDir
    Path runs;

    @Test
    void thePageFollowsItsRunAsItStreams() throws Exception {
        Path dir = RunFolders.create(runs, "20250102-000000-live", RunFolders.spec("live", "/data"));
        RunFolders.started(dir, ProcessHandle.current().pid());
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        RunPageViewModel page = new RunPageViewModel();
        page.runProperty().set(library.runs().get(0));
        assertTrue(page.lossProperty().get().isEmpty());
        assertTrue(page.stateProperty().get().startsWith("running"), page.stateProperty().get());
        for (int step = 1; step <= 20; step++) {
            RunFolders.metric(dir, step, "train", "loss", 10.0 / step);
            RunFolders.metric(dir, step, "train", "lr", 1e-4);
        }
        RunFolders.progress(dir, 20, 0.5);
        RunFolders.metric(dir, 20, "test", "loss", 0.7);
        library.poll();
        List<CurveChart.Curve> loss = page.lossProperty().get();
        assertEquals(List.of("train loss", "train loss, smoothed", "test loss"),
                loss.stream().map(CurveChart.Curve::label).toList());
        assertEquals(20, loss.get(0).size());
        assertEquals(CurveChart.Style.POINTS, loss.get(2).style());
        assertEquals(1, page.rateProperty().get().size());
        assertEquals(1, page.speedProperty().get().size());
        assertTrue(page.metricsProperty().get().isEmpty());
        assertEquals(2, page.events().size());
        assertTrue(page.events().get(1).contains("progress") && page.events().get(1).contains("loss 0.5"),
                page.events().get(1));
        assertTrue(page.figuresProperty().get().startsWith("step 20 / 100"), page.figuresProperty().get());

        page.smoothingProperty().set(0);
        assertEquals(List.of("train loss", "test loss"),
                page.lossProperty().get().stream().map(CurveChart.Curve::label).toList());
        page.runProperty().set(null);
        assertTrue(page.events().isEmpty() && page.lossProperty().get().isEmpty());
    }

    /** A SOCKET run logs each term of its objective as objective/<term>: a curve each, named by the term. */
    @Test
    void eachTermOfTheObjectiveIsACurveOfItsOwnNamedByTheTerm() throws Exception {
        Path dir = RunFolders.create(runs, "20250102-000000-socket", RunFolders.spec("socket", "/data"));
        RunFolders.started(dir, ProcessHandle.current().pid());
        List<String> terms = org.xmodal.engine.objective.Objective.SOCKET_TERMS;
        for (int step = 1; step <= 12; step++) {
            RunFolders.metric(dir, step, "train", "loss", 3.0 / step);
            RunFolders.metric(dir, step, "train", "lr", 1e-2);
            for (int t = 0; t < terms.size(); t++) {
                // information maximisation is negative: mean entropy less the entropy of the mean prediction
                RunFolders.metric(dir, step, "train", "objective/" + terms.get(t), (t == 1 ? -1 : 1) * (t + 1.0)
                        / step);
            }
        }
        RunFolders.metric(dir, 12, "test", "accuracy", 0.4);
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        RunPageViewModel page = new RunPageViewModel();
        page.runProperty().set(library.runs().get(0));

        List<CurveChart.Curve> curves = page.termsProperty().get();
        assertEquals(List.of("pseudo-labels", "information-maximisation", "bn-statistics", "task-irrelevant"),
                curves.stream().map(CurveChart.Curve::label).toList());
        assertTrue(curves.stream().allMatch(c -> c.size() == 12 && c.style() == CurveChart.Style.LINE));
        assertEquals(4, curves.stream().mapToInt(CurveChart.Curve::colour).distinct().count(), "a colour each");
        assertEquals(-2.0, curves.get(1).y()[0], 1e-12, "the term's value as logged");
        assertEquals(3.0 / 12, curves.get(2).y()[11], 1e-12);
        assertEquals(List.of("test accuracy"), page.metricsProperty().get().stream().map(CurveChart.Curve::label)
                .toList(), "the terms are not among the other metrics");
        assertEquals(List.of("train loss", "train loss, smoothed"), page.lossProperty().get().stream()
                .map(CurveChart.Curve::label).toList());

        // a run without terms draws none
        page.runProperty().set(null);
        assertTrue(page.termsProperty().get().isEmpty());
    }

    /**
     * A distill run's terms (every one a distill run computes, weighted or not, and one this build does not know) are
     * curves of their own, each in a colour of its own; a term keeps its colour from run to run.
     */
    @Test
    void everyDistillTermIsACurveInAColourOfItsOwn() throws Exception {
        Path dir = RunFolders.create(runs, "20250102-000000-distill", RunFolders.spec("distill", "/data"));
        RunFolders.started(dir, ProcessHandle.current().pid());
        List<String> terms = new java.util.ArrayList<>(org.xmodal.engine.objective.Objective.DISTILL_TERMS);
        terms.add("some-future-term");
        for (int step = 1; step <= 5; step++) {
            RunFolders.metric(dir, step, "train", "loss", 3.0 / step);
            for (int t = 0; t < terms.size(); t++) {
                RunFolders.metric(dir, step, "train", "objective/" + terms.get(t), (t + 1.0) / step);
            }
        }
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        RunPageViewModel page = new RunPageViewModel();
        page.runProperty().set(library.runs().get(0));
        List<CurveChart.Curve> curves = page.termsProperty().get();
        assertEquals(terms, curves.stream().map(CurveChart.Curve::label).toList());
        assertTrue(curves.stream().allMatch(c -> c.size() == 5), "every step of every term");
        assertEquals(terms.size(), curves.stream().mapToInt(CurveChart.Curve::colour).distinct().count(),
                "a colour each: " + curves.stream().map(c -> Integer.toHexString(c.colour())).toList());
        assertEquals(RunPageViewModel.TERM_COLOURS.get("csc"), curves.get(terms.indexOf("csc")).colour());
        assertTrue(page.metricsProperty().get().isEmpty(), "the terms are not among the other metrics");
        // every term any kind computes has a colour, distinct within its kind
        for (List<String> kind : List.of(org.xmodal.engine.objective.Objective.SOCKET_TERMS,
                org.xmodal.engine.objective.Objective.DISTILL_TERMS)) {
            assertTrue(RunPageViewModel.TERM_COLOURS.keySet().containsAll(kind), kind.toString());
            assertEquals(kind.size(), kind.stream().map(RunPageViewModel.TERM_COLOURS::get).distinct().count(),
                    kind.toString());
        }
    }

    /**
     * A finished run's figures end with its test results: a clips fine-tuning run's accuracy and mAP are over clips
     * and say so; a detection run has mAP only; a run without test results shows none.
     */
    @Test
    void theFiguresOfAFinishedRunEndWithItsTestResults() throws Exception {
        RunSpec clips = RunSpec.builder().name("clips").kind("finetune").data("/data/ucf").modality("flow")
                .student(new RunSpec.Student("alexnet-small", null, null))
                .optimizer(new RunSpec.Optimizer("sgd", 1e-3, 0.9, 5e-4)).batchSize(16).iterations(100)
                .inputSize(113).seed(1).device("cpu").threads(1).checkpointEvery(50).logEvery(10)
                .finetune(new RunSpec.Finetune("paired", "random", null, "clips", null, null)).build();
        Path clipsRun = RunFolders.create(runs, "20250103-000000-clips", clips);
        RunFolders.started(clipsRun, ProcessHandle.current().pid());
        RunFolders.metric(clipsRun, 100, "train", "loss", 0.4);
        RunFolders.metric(clipsRun, 100, "test", "AP/walk", 0.5);
        RunFolders.metric(clipsRun, 100, "test", "mAP", 11 / 12.0);
        RunFolders.metric(clipsRun, 100, "test", "accuracy", 2 / 3.0);
        RunFolders.event(clipsRun, RunEvent.of(RunEvent.FINISHED, 100));
        RunSpec detection = clips.withFinetune(RunSpec.Finetune.defaults()).withName("det");
        Path detectionRun = RunFolders.create(runs, "20250103-000001-det", detection);
        RunFolders.started(detectionRun, ProcessHandle.current().pid());
        RunFolders.metric(detectionRun, 100, "test", "mAP", 0.25);
        Path plain = RunFolders.create(runs, "20250103-000002-plain", RunFolders.spec("plain", "/data"));
        RunFolders.started(plain, ProcessHandle.current().pid());
        RunFolders.progress(plain, 20, 0.5);

        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        RunPageViewModel page = new RunPageViewModel();
        page.runProperty().set(library.runs().stream().filter(r -> r.id().endsWith("clips")).findFirst()
                .orElseThrow());
        String figures = page.figuresProperty().get();
        assertTrue(figures.startsWith("step 100 / 100"), figures);
        assertTrue(figures.endsWith("clip accuracy 66.7% \u00b7 clip mAP 91.7%"), figures);
        page.runProperty().set(library.runs().stream().filter(r -> r.id().endsWith("det")).findFirst()
                .orElseThrow());
        assertTrue(page.figuresProperty().get().endsWith(" \u00b7 test mAP 25.0%"), page.figuresProperty().get());
        page.runProperty().set(library.runs().stream().filter(r -> r.id().endsWith("plain")).findFirst()
                .orElseThrow());
        assertFalse(page.figuresProperty().get().contains("mAP") || page.figuresProperty().get().contains("accuracy"),
                page.figuresProperty().get());
    }

    private static RunEvent preparing(String stage, String message, double fraction) {
        RunEvent e = RunEvent.of(RunEvent.PREPARING, 0).with("stage", stage).with("message", message);
        return Double.isNaN(fraction) ? e : e.with("fraction", fraction);
    }

    /**
     * Before its first step a run says what it prepares (checking pairs, encoding HHA) with a bar of its own, and the
     * step bar takes over at the first step.
     */
    @Test
    void beforeItsFirstStepThePageSaysWhatTheRunPreparesAndThenShowsItsSteps() throws Exception {
        Path dir = RunFolders.create(runs, "20250104-000000-encoding", RunFolders.spec("encoding", "/data"));
        RunFolders.started(dir, ProcessHandle.current().pid());
        RunFolders.event(dir, preparing("Opening nyu.mat", "Opening nyu.mat", Double.NaN));
        RunLibrary library = new RunLibrary(new DirectTaskExecutor(), runs);
        library.poll();
        RunPageViewModel page = new RunPageViewModel();
        page.runProperty().set(library.runs().get(0));
        assertEquals("Preparing: Opening nyu.mat", page.stateProperty().get());
        assertTrue(page.preparingProperty().get());
        assertEquals(-1, page.preparationProperty().get(), "a stage of unknown size: an indeterminate bar");

        RunFolders.event(dir, preparing("Checking pairs of rooms", "Checking pairs of rooms", 1));
        for (int n = 40; n <= 120; n += 40) {
            RunFolders.event(dir, preparing("Encoding HHA", "Encoding HHA " + n + " of 800 pairs", n / 800.0));
        }
        library.poll();
        assertEquals("Preparing: Encoding HHA 120 of 800 pairs", page.stateProperty().get());
        assertEquals(0.15, page.preparationProperty().get(), 1e-12);
        assertEquals(0, page.progressProperty().get());
        assertTrue(page.events().get(page.events().size() - 1).matches(
                ".*preparing +Encoding HHA 120 of 800 pairs, 15%"), page.events().get(page.events().size() - 1));
        assertEquals(org.xmodal.engine.run.RunStatus.of(org.xmodal.engine.run.RunDirectory.open(dir).events()),
                library.runs().get(0).summary().status(), "the library reads the state the engine's way");

        RunFolders.event(dir, preparing("Encoding HHA", "Encoding HHA 800 of 800 pairs", 1));
        library.poll();
        assertEquals(1, page.preparationProperty().get());
        RunFolders.progress(dir, 1, 0.9);
        library.poll();
        assertFalse(page.preparingProperty().get(), "the first step ends the preparation");
        assertEquals(0, page.preparationProperty().get());
        assertEquals(0.01, page.progressProperty().get(), 1e-12);
        assertTrue(page.stateProperty().get().startsWith("running"), page.stateProperty().get());
        assertTrue(page.figuresProperty().get().startsWith("step 1 / 100"), page.figuresProperty().get());

        // a run from before preparation events: running, the step bar from the start
        Path old = RunFolders.create(runs, "20250104-000001-older", RunFolders.spec("older", "/data"));
        RunFolders.started(old, ProcessHandle.current().pid());
        library.poll();
        page.runProperty().set(library.runs().stream().filter(r -> r.id().endsWith("older")).findFirst()
                .orElseThrow());
        assertEquals("running", page.stateProperty().get());
        assertFalse(page.preparingProperty().get());
    }
}
