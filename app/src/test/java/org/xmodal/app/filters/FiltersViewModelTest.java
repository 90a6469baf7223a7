package org.xmodal.app.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.TinyRuns;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.task.DirectTaskExecutor;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.json.Json;

class FiltersViewModelTest {
    @TempDir
    Path tmp;

    private FiltersViewModel filters(TestData.Direct env) {
        env.context.runs().poll();
        return new FiltersViewModel(env.context);
    }

    @Test
    void theNewestRunIsDrawnAtItsLastCheckpointAndTheSliderStepsBack() throws IOException {
        TinyRuns runs = TinyRuns.get();
        TestData.Direct env = new TestData.Direct(new DirectTaskExecutor(), tmp.resolve("cache"), runs.runs());
        FiltersViewModel vm = filters(env);
        assertEquals(2, vm.runs().size());
        assertEquals(runs.transfer().id(), vm.runProperty().get().id());
        assertEquals(List.of(2L, 4L, 6L), vm.steps());
        assertEquals(6L, vm.step().orElseThrow());
        FiltersViewModel.Picture last = vm.gridProperty().get();
        assertNotNull(last);
        assertTrue(last.caption().contains("step 6 \u00b7 24 filters 11x11 on HHA input"), last.caption());
        assertTrue(last.caption().matches(".*structure 0\\.\\d\\d \\(noise 0\\.17\\)"), last.caption());
        vm.stepIndexProperty().set(0);
        FiltersViewModel.Picture first = vm.gridProperty().get();
        assertTrue(first.caption().contains("step 2"), first.caption());
        assertFalse(Arrays.equals(last.image().rgb(), first.image().rgb()), "the filters changed in training");
        // the run's evolution as a GIF for slides: step 0's snapshot and each checkpoint a frame
        Path gif = tmp.resolve("evolution.gif");
        vm.exportEvolution(gif);
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true), "step 0 and the checkpoints 2, 4, 6");
        }
        assertEquals("Saved " + gif + " (4 frames)", vm.noticeProperty().get());
        assertTrue(env.problems.isEmpty(), env.problems.toString());
    }

    @Test
    void perChannelShowsThreeGreyGridsSideBySide() {
        TestData.Direct env = new TestData.Direct(new DirectTaskExecutor(), tmp.resolve("cache"),
                TinyRuns.get().runs());
        FiltersViewModel vm = filters(env);
        RgbImage composite = vm.gridProperty().get().image();
        vm.displayProperty().set(FiltersViewModel.Display.CHANNELS);
        RgbImage channels = vm.gridProperty().get().image();
        assertTrue(channels.width() > 3 * composite.width(), channels.width() + " vs " + composite.width());
        assertEquals(channels.get(40, 60, 0), channels.get(40, 60, 2), "grey");
    }

    @Test
    void figureTwoPutsTheTeacherTheTransferAndARandomInitSideBySideAndSaysWhatIsMissing() throws Exception {
        TinyRuns runs = TinyRuns.get();
        TestData.Direct env = new TestData.Direct(new DirectTaskExecutor(), tmp.resolve("cache"), runs.runs());
        FiltersViewModel vm = filters(env);
        assertEquals(runs.teacher().id(), vm.chosen(FiltersViewModel.Slot.TEACHER).get().id());
        assertEquals(runs.transfer().id(), vm.chosen(FiltersViewModel.Slot.TRANSFER).get().id());
        assertEquals(null, vm.chosen(FiltersViewModel.Slot.FINETUNE).get(), "no fine-tuning run yet");
        assertEquals(null, vm.figureProperty().get(), "not drawn until wanted");
        vm.figureWantedProperty().set(true);
        RgbImage figure = vm.figureProperty().get().image();
        assertTrue(figure.width() > 4 * 100, "four panels: " + figure.width());
        Path png = tmp.resolve("figure2.png");
        vm.exportFigure(png);
        assertTrue(Files.isRegularFile(png));
        assertEquals(figure.width(), ImageFiles.readRgb(png).width());
        assertTrue(vm.noticeProperty().get().startsWith("Saved"));
        assertTrue(env.problems.isEmpty(), env.problems.toString());
    }

    /** A copy of the teacher's run folder as a fine-tuning run starting from {@code init}. */
    private static Path fineTuning(Path teacher, Path runs, String id, String init, String freezeUpTo)
            throws IOException {
        Path dir = runs.resolve(id);
        try (Stream<Path> files = Files.walk(teacher)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(teacher.relativize(f).toString()));
            }
        }
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree(dir.resolve("spec.json").toFile());
        spec.put("kind", "finetune").put("name", id);
        ObjectNode ft = spec.putObject("finetune").put("input", "paired").put("init", init);
        if (freezeUpTo != null) {
            ft.put("freezeUpTo", freezeUpTo);
        }
        Json.MAPPER.writeValue(dir.resolve("spec.json").toFile(), spec);
        return dir;
    }

    @Test
    void theFineTunedCopyIsAFineTuningRunThatStartedFromAnRgbTeacher() throws Exception {
        TinyRuns tiny = TinyRuns.get();
        Path runs = tmp.resolve("runs");
        Files.createDirectories(runs);
        Path teacher = runs.resolve(tiny.teacher().path().getFileName().toString());
        Path transfer = runs.resolve(tiny.transfer().path().getFileName().toString());
        for (Path run : List.of(tiny.teacher().path(), tiny.transfer().path())) {
            try (Stream<Path> files = Files.walk(run)) {
                for (Path f : files.toList()) {
                    Files.copy(f, runs.resolve(run.getFileName().toString()).resolve(run.relativize(f).toString()));
                }
            }
        }
        Path copy = fineTuning(teacher, runs, "20990101-000001-copy-rgb", teacher.toString(), null);
        // newer, but not copies of the RGB network: from scratch, from the transfer student, frozen up to pool5
        fineTuning(teacher, runs, "20990101-000002-no-init", "random", null);
        fineTuning(teacher, runs, "20990101-000003-transfer", transfer.toString(), null);
        fineTuning(teacher, runs, "20990101-000004-frozen", teacher.resolve("results").toString(), "pool5");
        TestData.Direct env = new TestData.Direct(new DirectTaskExecutor(), tmp.resolve("cache"), runs);
        FiltersViewModel vm = filters(env);
        assertEquals(List.of("20990101-000001-copy-rgb"), vm.candidates(FiltersViewModel.Slot.FINETUNE).stream()
                .map(RunRecord::id).toList());
        assertEquals(copy.getFileName().toString(), vm.chosen(FiltersViewModel.Slot.FINETUNE).get().id());
        assertTrue(env.problems.isEmpty(), env.problems.toString());
    }

    @Test
    void aRandomInitIsTheSeedsOwnFilters() throws Exception {
        var a = FirstLayer.random(TestData.inspection(), "alexnet-small", 5, WeightInit.KAIMING);
        var b = FirstLayer.random(TestData.inspection(), "alexnet-small", 5, WeightInit.KAIMING);
        var c = FirstLayer.random(TestData.inspection(), "alexnet-small", 6, WeightInit.KAIMING);
        var caffe = FirstLayer.random(TestData.inspection(), "alexnet-small", 5, WeightInit.CAFFE);
        assertTrue(Arrays.equals(a.weights(), b.weights()));
        assertFalse(Arrays.equals(a.weights(), c.weights()));
        assertFalse(Arrays.equals(a.weights(), caffe.weights()), "a run's weight init is the one drawn");
        assertEquals(24, a.count());
        assertEquals(11, a.k());
    }
}
