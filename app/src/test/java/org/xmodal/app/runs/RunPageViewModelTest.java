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
}
