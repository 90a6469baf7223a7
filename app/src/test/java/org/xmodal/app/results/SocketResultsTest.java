package org.xmodal.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.HandWrittenSocketExperiment;
import org.xmodal.app.TestData;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.Cancellation;

/**
 * The Results view's reader and view-model on a SOCKET experiment written by hand ({@link
 * HandWrittenSocketExperiment}): the same viewer as Table 1's, showing accuracy, gains over source-only, the run of
 * each arm and seed with its accuracy.json, and saying that detection's curves and mistakes do not apply.
 */
class SocketResultsTest {
    @TempDir
    Path tmp;
    private HandWrittenSocketExperiment socket;
    private TestData.Direct direct;
    private ResultsViewModel vm;

    @BeforeEach
    void writeAndOpen() {
        socket = HandWrittenSocketExperiment.write(tmp);
        direct = new TestData.Direct(tmp.resolve("cache"));
        vm = new ResultsViewModel(direct.context, new RecentExperiments(tmp.resolve("config").resolve("recent.txt")),
                p -> { });
    }

    private ApTable.Row row(String label) {
        return vm.rows().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void theReaderFindsEachArmsRunsByTheIndexWithTheirAccuracy() throws Exception {
        Experiment e = ExperimentReader.read(socket.folder(), new Cancellation());
        assertEquals(HandWrittenSocketExperiment.ARMS, e.armNames());
        assertFalse(e.detection());
        assertEquals("SOCKET", e.kind());
        assertEquals("accuracy", e.classMetric());
        assertEquals(2, e.seeds());
        assertEquals(List.of("bedroom", "kitchen"), e.classes());
        assertEquals(List.of(), e.withoutTruth());
        Experiment.ArmSeed s2 = e.armSeed("socket", 2).orElseThrow();
        assertEquals(socket.run("socket", 2).toAbsolutePath().normalize(), s2.runs().get(0));
        assertEquals("/data/rooms10", s2.data());
        assertEquals(0.54, s2.accuracy().orElseThrow().accuracy(), 1e-12);
        assertEquals(20, s2.accuracy().orElseThrow().images());
        assertEquals(0.54, s2.value(null).orElseThrow(), 1e-12);
        assertEquals(0.58, s2.value("kitchen").orElseThrow(), 1e-12);
        assertFalse(s2.result().isPresent(), "no detection.json in a SOCKET run");
        assertEquals(List.of(), e.notes());
    }

    @Test
    void theTableShowsAccuracyWithGainsOverSourceOnlyAndEachCellsSeeds() {
        vm.open(socket.folder());
        assertEquals(List.of(), direct.problems);
        assertEquals(HandWrittenSocketExperiment.ARMS, vm.arms());
        assertEquals("accuracy", vm.metricProperty().get());
        assertEquals("source-only", vm.baselineProperty().get());
        assertFalse(vm.detectionProperty().get());
        assertEquals(List.of("bedroom", "kitchen", "accuracy", "gain over source-only"),
                vm.rows().stream().map(ApTable.Row::label).toList());
        assertEquals("52.0 \u00b1 2.8", row("accuracy").text("socket"));
        assertEquals("30.0 \u00b1 7.1", row("accuracy").text("source-only"));
        assertEquals(Set.of("socket"), row("accuracy").best());
        assertEquals("+22.0", row("gain over source-only").text("socket"));
        assertEquals("+12.0", row("gain over source-only").text("im+pl"));
        assertEquals(Set.of("socket-no-ti", "socket"), row("bedroom").best(), "a tie: both bold");
        assertEquals("49.0 \u00b1 12.7", row("kitchen").text("socket"));
        // per-seed values: the main row from the summary, a class's from each run's accuracy.json
        assertEquals("socket, accuracy at each seed: seed 1: 50.0, seed 2: 54.0",
                vm.seedValues("socket", row("accuracy")));
        assertEquals("socket, accuracy of kitchen at each seed: seed 1: 40.0, seed 2: 58.0",
                vm.seedValues("socket", row("kitchen")));
        assertEquals("", vm.seedValues("socket", row("gain over source-only")));

        vm.gainsProperty().set(true);
        assertEquals("+19.0", row("kitchen").text("socket"), "49.0 - 30.0 points");
        assertEquals("30.0 \u00b1 0.0", row("kitchen").text("source-only"), "the baseline keeps its value");

        String foot = vm.footnoteProperty().get();
        assertTrue(foot.startsWith("Top-1 accuracy on the test images in percent"), foot);
        assertTrue(foot.contains("over 2 seeds") && foot.contains("gains in points over source-only"), foot);
        assertFalse(foot.contains("AP") || foot.contains("ground truth"), foot);
        for (String label : List.of("source-only: source model applied directly",
                "im+pl: information maximisation + pseudo-labels (SHOT without source data)",
                "socket-no-ti: SOCKET without the task-irrelevant term",
                "socket-no-bn: SOCKET without the BN-statistics term", "socket: SOCKET (all four terms)")) {
            assertTrue(foot.contains(label), label + " in " + foot);
        }
    }

    @Test
    void theChartsAreOfAccuracyAndDetectionsCurvesAndMistakesSayTheyDoNotApply() {
        vm.open(socket.folder());
        assertEquals("bedroom", vm.selectedClassProperty().get(), "the first class, as for Table 1");
        vm.select(null, "socket"); // the accuracy row
        StatisticalCategoryDataset bars = (StatisticalCategoryDataset) vm.apChartProperty().get().getCategoryPlot()
                .getDataset();
        assertEquals(52.0, bars.getMeanValue("accuracy", "socket").doubleValue(), 1e-9);
        assertEquals("accuracy (%)", vm.apChartProperty().get().getCategoryPlot().getRangeAxis().getLabel());
        assertEquals("accuracy per arm (mean \u00b1 std over seeds)", vm.apChartProperty().get().getTitle().getText());
        assertNull(vm.prChartProperty().get());
        assertTrue(vm.prMessageProperty().get().contains("apply to detection only"), vm.prMessageProperty().get());

        vm.select("kitchen", "socket");
        assertNull(vm.mistakesProperty().get(), "no false positives to look for in a classification");
        assertNull(vm.prChartProperty().get());
        assertEquals("accuracy of kitchen per arm (mean \u00b1 std over seeds)",
                vm.apChartProperty().get().getTitle().getText());
        assertEquals(49.0, ((StatisticalCategoryDataset) vm.apChartProperty().get().getCategoryPlot().getDataset())
                .getMeanValue("accuracy", "socket").doubleValue(), 1e-9);

        // the run of every arm and seed, its accuracy and its kitchen accuracy
        assertEquals(10, vm.seedRuns().size());
        SeedRun first = vm.seedRuns().get(0);
        assertEquals("source-only", first.arm());
        assertEquals(1, first.seed());
        assertEquals(HandWrittenSocketExperiment.runId("source-only", 1), first.run());
        assertEquals("25.0", first.valueText());
        assertEquals("30.0", first.classText());
        assertEquals(20, first.images());
        assertEquals("", first.note());
        SeedRun last = vm.seedRuns().get(9);
        assertEquals(List.of("socket", "2", "54.0", "58.0"), List.of(last.arm(), String.valueOf(last.seed()),
                last.valueText(), last.classText()));
        assertEquals(List.of(), direct.problems);
    }

    @Test
    void theTableIsExportedUnderItsOwnNames() throws Exception {
        vm.open(socket.folder());
        vm.exportTable(ResultsViewModel.TableFormat.CSV, tmp.resolve("socket.csv"), false);
        String csv = Files.readString(tmp.resolve("socket.csv"));
        assertTrue(csv.startsWith("class,source-only,source-only std,im+pl"), csv);
        assertTrue(csv.contains("\naccuracy,"), csv);
        vm.exportTable(ResultsViewModel.TableFormat.LATEX, tmp.resolve("socket.tex"), false);
        assertTrue(Files.readString(tmp.resolve("socket.tex")).contains("SOCKET, socket-experiment"));
        vm.exportChart(ResultsViewModel.Chart.AP, tmp.resolve("accuracy.svg"), false);
        assertTrue(Files.readString(tmp.resolve("accuracy.svg")).contains("accuracy"));
        assertEquals(List.of(), direct.problems);
    }

    @Test
    void missingAndCorruptRunFilesAreNotesNamingTheirFile() throws Exception {
        Path corrupt = socket.run("socket", 1).resolve("results").resolve("accuracy.json");
        Files.writeString(corrupt, "{\"accuracy\": [0.5");
        Path missing = socket.run("im+pl", 2).resolve("results").resolve("accuracy.json");
        Files.delete(missing);
        Path percent = socket.run("socket-no-bn", 1).resolve("results").resolve("accuracy.json");
        Files.writeString(percent, "{\"accuracy\": 38.0, \"perClass\": {}, \"images\": 20}");
        Path other = socket.run("socket-no-ti", 2).resolve("results").resolve("accuracy.json");
        Files.writeString(other, "{\"accuracy\": 0.5, \"perClass\": {\"bedroom\": 0.6, \"kitchen\": 0.4}, "
                + "\"images\": 20}");
        Path gone = socket.run("source-only", 2);
        Files.delete(gone.resolve("results").resolve("accuracy.json"));
        Files.delete(gone.resolve("results"));
        Files.delete(gone.resolve("spec.json"));
        Files.delete(gone);

        Experiment e = ExperimentReader.read(socket.folder(), new Cancellation());
        String notes = String.join("\n", e.notes());
        assertTrue(notes.contains(corrupt.toAbsolutePath().normalize() + " (socket, seed 1) is not a run's accuracy"),
                notes);
        assertTrue(notes.contains(missing.toAbsolutePath().normalize() + " (im+pl, seed 2) is missing: that run has "
                + "not finished"), notes);
        assertTrue(notes.contains(percent.toAbsolutePath().normalize() + " (socket-no-bn, seed 1) holds accuracy "
                + "38.0, not a fraction"), notes);
        assertTrue(notes.contains("socket-no-ti, seed 2: " + HandWrittenSocketExperiment.runId("socket-no-ti", 2)
                + " holds accuracy 50.0% but summary.json 47.0%"), notes);
        assertTrue(notes.contains(gone.toAbsolutePath().normalize() + " (source-only, seed 2) is missing"), notes);
        assertEquals(5, e.notes().size(), notes);

        vm.open(socket.folder());
        assertEquals(List.of(), direct.problems, "the table still opens");
        assertEquals("52.0 \u00b1 2.8", row("accuracy").text("socket"), "from summary.json");
        assertTrue(vm.footnoteProperty().get().contains("is not a run's accuracy"), vm.footnoteProperty().get());
        SeedRun noRun = vm.seedRuns().get(1);
        assertNull(noRun.run());
        assertTrue(noRun.note().startsWith("no run in "), noRun.note());
        SeedRun unfinished = vm.seedRuns().get(3);
        assertEquals("im+pl", unfinished.arm());
        assertEquals(ApTable.MISSING, unfinished.valueText());
        assertEquals("no results/accuracy.json (not finished)", unfinished.note());
    }

    @Test
    void aBrokenSummaryOrRunIndexIsAProblemNamingTheFile() throws Exception {
        Path index = socket.results().resolve("runs.json");
        Files.writeString(index, "{\"seeds\": \"one\"}");
        BadInputException i = assertThrows(BadInputException.class, () -> ExperimentReader.read(socket.folder(),
                new Cancellation()));
        assertEquals(index.toAbsolutePath().normalize().toString(), i.location());
        assertTrue(i.problem().startsWith("is not an experiment's run index"), i.problem());

        Path summary = socket.results().resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"kitchen\": {\"mean\": 0.49",
                "\"kitchen\": {\"mean\": 49.0"));
        vm.open(socket.folder());
        assertEquals(1, direct.problems.size());
        String message = direct.problems.get(0).message();
        assertTrue(message.startsWith(summary.toAbsolutePath().normalize() + ": socket's accuracy of kitchen is 49.0, "
                + "not a fraction"), message);
        Files.writeString(summary, "{\"experiment\": \"socket\", \"metric\": \"accuracy\", \"arms\": {\"socket\": "
                + "{\"perClass\": {}}}}");
        BadInputException s = assertThrows(BadInputException.class, () -> ExperimentReader.read(socket.folder(),
                new Cancellation()));
        assertEquals(summary.toAbsolutePath().normalize().toString(), s.location());
        assertNotNull(s.problem());
    }
}
