package org.xmodal.app.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.TinyRuns;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.app.task.ManualTaskExecutor;
import org.xmodal.engine.image.RgbImage;

class FeaturesViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void aPairOfTheTransferRunsDatasetShowsBothFeatureMapsAndTheirDistance() {
        TinyRuns runs = TinyRuns.get();
        TestData.Direct env = new TestData.Direct(new DirectTaskExecutor(), runs.home().resolve("cache"),
                runs.runs());
        env.context.runs().poll();
        FeaturesViewModel vm = new FeaturesViewModel(env.context);
        assertEquals(1, vm.runs().size(), "only transfer runs");
        assertEquals(12, vm.pairs().size());
        FeatureComparison c = vm.comparisonProperty().get();
        assertNotNull(c, env.problems.toString());
        assertEquals(64, c.channels(), "alexnet-small pool5");
        assertTrue(c.width() >= 1 && c.height() >= 1);
        assertEquals(c.rgb().width(), vm.overlayProperty().get().width());
        assertEquals(c.mostActiveChannel(), vm.channelProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("Mean L2 error"), vm.summaryProperty().get());

        RgbImage teacher = vm.teacherMapProperty().get();
        vm.channelProperty().set((vm.channelProperty().get() + 1) % c.channels());
        assertNotSame(teacher, vm.teacherMapProperty().get(), "another channel is drawn");

        RgbImage overlay = vm.overlayProperty().get();
        vm.pairProperty().set(vm.pairs().get(5));
        assertFalse(Arrays.equals(overlay.rgb(), vm.overlayProperty().get().rgb()), "another pair, another picture");
        assertTrue(env.problems.isEmpty(), env.problems.toString());
    }

    @Test
    void anotherChannelIsDrawnByABackgroundJobWhileTheViewSaysItIsBusy() {
        TinyRuns runs = TinyRuns.get();
        ManualTaskExecutor executor = new ManualTaskExecutor();
        TestData.Direct env = new TestData.Direct(executor, runs.home().resolve("cache"), runs.runs());
        env.context.runs().poll();
        executor.runAll();
        FeaturesViewModel vm = new FeaturesViewModel(env.context);
        executor.runAll();
        RgbImage teacher = vm.teacherMapProperty().get();
        assertNotNull(teacher, env.problems.toString());
        assertFalse(vm.busy());

        vm.channelProperty().set((vm.channelProperty().get() + 1) % vm.channelsProperty().get());
        // the heat maps and legends (Java2D text) are drawn by a job, never by the caller: the UI thread
        assertSame(teacher, vm.teacherMapProperty().get(), "nothing is drawn before the job runs");
        assertTrue(vm.busy(), "the view says the pictures are on their way");
        executor.runAll();
        assertNotSame(teacher, vm.teacherMapProperty().get(), "the job drew the other channel");
        assertFalse(vm.busy());
        assertTrue(env.problems.isEmpty(), env.problems.toString());
    }

    @Test
    void theErrorIsTheL2DistanceOfTheFeatureVectorsAtEachLocation() {
        // two channels, two locations: (3, 4) against (0, 0) is 5 apart, (1, 1) against (1, 1) is 0
        float[] teacher = {3, 1, 4, 1};
        float[] student = {0, 1, 0, 1};
        var e = FeatureComparison.l2(teacher, student, 2, 2, 1);
        assertEquals(5, e.values()[0], 1e-6);
        assertEquals(0, e.values()[1], 1e-6);
    }
}
