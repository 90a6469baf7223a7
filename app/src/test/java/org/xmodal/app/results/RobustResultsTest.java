package org.xmodal.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.HandWrittenRobustExperiment;
import org.xmodal.app.HandWrittenSocketExperiment;
import org.xmodal.app.TestData;
import org.xmodal.engine.task.Cancellation;

/**
 * The Results view's reader and view-model on a robust-distillation experiment written by hand ({@link
 * HandWrittenRobustExperiment}): its fifteen {@code <objective>@<level>} arms in the same table as SOCKET's, each
 * compared with the objectives at its own corruption level (the best of a level in bold, gains over ce at that level),
 * the arms explained, the run of every arm and seed, and the chart of accuracy against corruption, one line per
 * objective over the levels.
 */
class RobustResultsTest {
    @TempDir
    Path tmp;
    private HandWrittenRobustExperiment robust;
    private TestData.Direct direct;
    private ResultsViewModel vm;

    @BeforeEach
    void writeAndOpen() {
        robust = HandWrittenRobustExperiment.write(tmp);
        direct = new TestData.Direct(tmp.resolve("cache"));
        vm = new ResultsViewModel(direct.context, new RecentExperiments(tmp.resolve("config").resolve("recent.txt")),
                p -> { });
    }

    private ApTable.Row row(String label) {
        return vm.rows().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void theReaderFindsEveryObjectiveAtEveryLevelWithItsRuns() throws Exception {
        Experiment e = ExperimentReader.read(robust.folder(), new Cancellation());
        assertEquals(HandWrittenRobustExperiment.arms(), e.armNames());
        assertEquals(15, e.armNames().size());
        assertEquals("Robust distillation", e.kind());
        assertTrue(e.corruptionLevels());
        assertFalse(e.detection());
        assertEquals(2, e.seeds());
        assertEquals(List.of("bedroom", "kitchen"), e.classes());
        Experiment.ArmSeed s2 = e.armSeed("mnf-csc@0.4", 2).orElseThrow();
        assertEquals(robust.run("mnf-csc@0.4", 2).toAbsolutePath().normalize(), s2.runs().get(0));
        assertEquals(0.55, s2.value(null).orElseThrow(), 1e-12);
        assertEquals(0.45, s2.value("kitchen").orElseThrow(), 1e-12);
        assertEquals(List.of(), e.notes());
    }

    @Test
    void eachArmIsComparedWithTheObjectivesAtItsOwnCorruptionLevel() {
        vm.open(robust.folder());
        assertEquals(List.of(), direct.problems);
        assertEquals(HandWrittenRobustExperiment.arms(), vm.arms());
        assertEquals("accuracy", vm.metricProperty().get());
        assertEquals("ce at the same level", vm.baselineProperty().get());
        assertTrue(vm.gainsAvailableProperty().get());
        assertEquals(List.of("bedroom", "kitchen", "accuracy", "gain over ce at the same level"),
                vm.rows().stream().map(ApTable.Row::label).toList());
        assertEquals("53.0 \u00b1 2.8", row("accuracy").text("mnf-csc@0.4"));
        assertEquals("40.0 \u00b1 2.8", row("accuracy").text("ce@0.4"));
        // the best objective of each level, not mnf-csc@0 alone
        assertEquals(Set.of("mnf-csc@0", "mnf-csc@0.2", "mnf-csc@0.4"), row("accuracy").best());
        assertEquals(Set.of("mnf-csc@0", "mnf-csc@0.2", "mnf-csc@0.4"), row("kitchen").best());
        // gains over ce at the same level; ce itself has none
        assertEquals("+13.0", row("gain over ce at the same level").text("mnf-csc@0.4"));
        assertEquals("+5.0", row("gain over ce at the same level").text("mnf-csc@0"));
        assertEquals("0.0", row("gain over ce at the same level").text("hint@0.4"));
        assertEquals(ApTable.MISSING, row("gain over ce at the same level").text("ce@0.2"));
        vm.gainsProperty().set(true);
        assertEquals("+4.0", row("kitchen").text("kd@0.4"), "34.0 - 30.0 points");
        assertEquals("30.0 \u00b1 2.8", row("kitchen").text("ce@0.4"), "the baseline keeps its value");
        vm.gainsProperty().set(false);
        // per-seed values in the cells' tooltips
        assertEquals("mnf-csc@0.4, accuracy at each seed: seed 1: 51.0, seed 2: 55.0",
                vm.seedValues("mnf-csc@0.4", row("accuracy")));

        String foot = vm.footnoteProperty().get();
        assertTrue(foot.startsWith("Top-1 accuracy on the test images in percent"), foot);
        assertTrue(foot.contains("of the arms at the same corruption level")
                && foot.contains("gains in points over ce at the same level"), foot);
        assertTrue(foot.contains("mnf-csc: + modality noise filter and contrastive semantic calibration (Xia et al.)"),
                foot);
        assertEquals(1, foot.split("mnf-csc: ", -1).length - 1, "each objective explained once: " + foot);
        assertTrue(foot.contains("@level: the fraction of the train pairs whose teacher view was corrupted"), foot);
        assertEquals(java.util.Optional.of("+ modality noise filter and contrastive semantic calibration (Xia et al.); "
                + "40% of the train pairs' teacher views corrupted"), ArmLabels.of("mnf-csc@0.4"));
        assertEquals(java.util.Optional.of("cross-entropy on the labels alone (no teacher); no train pair's teacher "
                + "view corrupted"), ArmLabels.of("ce@0"));
    }

    @Test
    void theChartOfAccuracyAgainstCorruptionHasALinePerObjectiveOverTheLevels() throws Exception {
        vm.open(robust.folder());
        assertNotNull(vm.corruptionChartProperty().get());
        IntervalXYDataset d = (IntervalXYDataset) vm.corruptionChartProperty().get().getXYPlot().getDataset();
        List<String> series = new ArrayList<>();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            series.add(String.valueOf(d.getSeriesKey(i)));
            assertEquals(3, d.getItemCount(i), "a point per level");
            for (int j = 0; j < 3; j++) {
                assertEquals(100 * HandWrittenRobustExperiment.LEVELS.get(j), d.getXValue(i, j), 1e-9);
                assertEquals(100 * HandWrittenRobustExperiment.mean(series.get(i),
                        HandWrittenRobustExperiment.LEVELS.get(j)), d.getYValue(i, j), 1e-9);
            }
        }
        assertEquals(HandWrittenRobustExperiment.OBJECTIVES, series);
        assertEquals(53.0 - 2.828, d.getStartYValue(4, 2), 1e-2, "mnf-csc@0.4 less one std");
        // the chart follows no class: a class chosen leaves it as it is
        var chart = vm.corruptionChartProperty().get();
        vm.select("kitchen", "kd@0.4");
        assertEquals(chart, vm.corruptionChartProperty().get());
        assertNull(vm.prChartProperty().get());
        assertTrue(vm.prMessageProperty().get().contains("this Robust distillation experiment"),
                vm.prMessageProperty().get());
        assertEquals(30, vm.seedRuns().size(), "15 arms, 2 seeds");
        SeedRun last = vm.seedRuns().get(29);
        assertEquals(List.of("mnf-csc@0.4", "2", HandWrittenRobustExperiment.runId("mnf-csc@0.4", 2), "55.0",
                "45.0"), List.of(last.arm(), String.valueOf(last.seed()), last.run(), last.valueText(),
                last.classText()));

        vm.exportChart(ResultsViewModel.Chart.CORRUPTION, tmp.resolve("corruption.svg"), false);
        assertTrue(Files.readString(tmp.resolve("corruption.svg")).contains("mnf-csc"));
        vm.exportTable(ResultsViewModel.TableFormat.LATEX, tmp.resolve("robust.tex"), false);
        assertTrue(Files.readString(tmp.resolve("robust.tex")).contains("Robust distillation, robust-experiment"));

        // an experiment without corruption levels has no such chart
        vm.open(HandWrittenSocketExperiment.write(tmp.resolve("socket")).folder());
        assertNull(vm.corruptionChartProperty().get());
        assertEquals(List.of(), direct.problems);
    }
}
