package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.task.DirectTaskExecutor;
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
}
