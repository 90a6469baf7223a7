package org.xmodal.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.TinyExperiment;

class ResultsViewModelTest {
    @TempDir
    static Path shared;
    private static TinyExperiment tiny;
    @TempDir
    Path tmp;
    private TestData.Direct direct;
    private final List<Path> opened = new ArrayList<>();
    private ResultsViewModel vm;

    @BeforeAll
    static void writeExperiment() {
        tiny = TinyExperiment.write(shared);
    }

    @BeforeEach
    void openIt() {
        direct = new TestData.Direct(tmp.resolve("cache"));
        vm = new ResultsViewModel(direct.context, new RecentExperiments(tmp.resolve("config").resolve("recent.txt")),
                opened::add);
        vm.open(tiny.folder());
    }

    private Mistakes.Found found(String className, String arm) {
        vm.select(className, arm);
        return assertInstanceOf(Mistakes.Found.class, vm.mistakesProperty().get());
    }

    @Test
    void openingAnExperimentFillsTheTableAndTheChartsAndRemembersIt() throws Exception {
        assertEquals(List.of(), direct.problems);
        assertEquals(List.of("no-init", "transfer", "rgb", "rgb+transfer"), vm.arms());
        assertEquals(19 + 2, vm.rows().size(), "19 classes, mAP, gain over no init");
        ApTable.Row chair = vm.rows().stream().filter(r -> r.label().equals("chair")).findFirst().orElseThrow();
        assertEquals("37.5 \u00b1 17.7", chair.text("no-init"), "AP 25% and 50% over the two seeds");
        assertEquals(java.util.Set.of("transfer", "rgb", "rgb+transfer"), chair.best());
        assertEquals(List.of(1, 2), vm.seeds());
        assertEquals("bed", vm.selectedClassProperty().get(), "the first class with ground truth");
        assertNotNull(vm.apChartProperty().get());
        assertNotNull(vm.prChartProperty().get());
        assertTrue(vm.footnoteProperty().get().contains("bathtub"), vm.footnoteProperty().get());
        assertEquals(List.of(tiny.folder().toAbsolutePath().normalize()), vm.recent());
        assertEquals(List.of(tiny.folder().toAbsolutePath().normalize()),
                new RecentExperiments(tmp.resolve("config").resolve("recent.txt")).load());
    }

    @Test
    void theNewestRecentExperimentThatStillExistsIsOpenedAgain() throws Exception {
        RecentExperiments store = new RecentExperiments(tmp.resolve("other-config").resolve("recent.txt"));
        Path gone = tmp.resolve("deleted-experiment");
        store.save(List.of(gone, tiny.folder().toAbsolutePath().normalize()));
        TestData.Direct fresh = new TestData.Direct(tmp.resolve("cache2"));
        ResultsViewModel again = new ResultsViewModel(fresh.context, store, opened::add);
        assertEquals(tiny.folder().toAbsolutePath().normalize(), again.experimentProperty().get().folder());
        assertEquals(List.of(tiny.folder().toAbsolutePath().normalize(), gone), again.recent());
    }

    @Test
    void withoutRecentOnesTheExperimentHoldingTheFolderOfRunsIsOpened() {
        TestData.Direct inside = new TestData.Direct(new org.xmodal.app.task.DirectTaskExecutor(),
                tmp.resolve("cache3"), tiny.folder().resolve("runs"));
        ResultsViewModel vm3 = new ResultsViewModel(inside.context, new RecentExperiments(tmp.resolve("none")
                .resolve("recent.txt")), opened::add);
        assertEquals(tiny.folder().toAbsolutePath().normalize(), vm3.experimentProperty().get().folder());
        TestData.Direct elsewhere = new TestData.Direct(tmp.resolve("cache4"));
        ResultsViewModel vm4 = new ResultsViewModel(elsewhere.context, new RecentExperiments(tmp.resolve("none-yet")
                .resolve("recent.txt")), opened::add);
        assertNull(vm4.experimentProperty().get(), "no experiment anywhere: the view waits for one to be opened");
        assertEquals(List.of(), elsewhere.problems);
    }

    @Test
    void choosingAClassDrawsItsApPerArmAndItsCurvesForTheChosenSeed() {
        vm.select("chair", null);
        StatisticalCategoryDataset bars = (StatisticalCategoryDataset) vm.apChartProperty().get().getCategoryPlot()
                .getDataset();
        assertEquals(37.5, bars.getMeanValue("AP", "no-init").doubleValue(), 1e-9);
        XYPlot pr = vm.prChartProperty().get().getXYPlot();
        assertEquals(4, pr.getDataset().getSeriesCount(), "one curve per arm");
        // seed 1 of no init: false positive, hit, ... -> the curve's first hit is at recall 0.5, precision 0.5
        assertEquals(0.5, pr.getDataset().getYValue(0, 1), 1e-12);
        vm.seedProperty().set(2);
        assertEquals(1.0, vm.prChartProperty().get().getXYPlot().getDataset().getYValue(0, 0), 1e-12,
                "seed 2: the first chair ranks first");
        vm.select(null, "rgb");
        assertNull(vm.prChartProperty().get(), "the mAP row has no curves");
        assertEquals(4, ((StatisticalCategoryDataset) vm.apChartProperty().get().getCategoryPlot().getDataset())
                .getColumnCount(), "mAP per arm");
    }

    @Test
    void aCellShowsTheTopFalsePositivesAndTheMissedObjectsKnownByHand() {
        Mistakes.Found m = found("chair", "no-init");
        assertEquals(0.25, m.ap(), 1e-12);
        assertEquals(0.25, m.storedAp(), 1e-12);
        assertEquals("", m.note());
        Mistakes.Example first = m.falsePositives().get(0);
        assertEquals(tiny.firstTestPair(), first.imageId());
        assertEquals(tiny.plantedFirst(), first.box());
        assertEquals(Math.exp(6) / (Math.exp(6) + 19), first.score(), 1e-6);
        assertEquals(0, first.rank());
        assertEquals(0.0, first.iou());
        Mistakes.Example second = m.falsePositives().get(1);
        assertEquals(tiny.plantedSecond(), second.box());
        assertEquals(2, second.rank(), "the first chair, a hit, ranks between them");
        assertTrue(m.falsePositives().stream().skip(2).allMatch(e -> e.score() < 0.02), "then other objects' boxes");
        assertEquals(1, m.missedCount());
        assertEquals(tiny.missed(), m.missed().get(0).box());
        assertTrue(m.missed().get(0).missed());
        assertEquals(2, m.truth());
        assertTrue(first.picture().width() > 0 && m.missed().get(0).picture().width() > 0, "drawn on their images");
        assertTrue(m.summary().contains("1 of 2 objects missed"), m.summary());
    }

    @Test
    void theChosenSeedChangesTheMistakes() {
        vm.seedProperty().set(2);
        Mistakes.Found m = found("chair", "no-init");
        assertEquals(0.5, m.ap(), 1e-12);
        assertEquals(tiny.plantedFirst(), m.falsePositives().get(0).box());
        assertEquals(1, m.falsePositives().get(0).rank(), "below the first chair now");
    }

    @Test
    void aFusedArmsMistakesComeFromTheAverageOfItsTwoRunsScores() {
        Mistakes.Found m = found("chair", "rgb+transfer");
        assertTrue(m.source().startsWith("late fusion of"), m.source());
        assertEquals(m.storedAp(), m.ap(), 1e-12, "recomputed as the experiment fused them");
        assertEquals(0, m.missedCount());
        assertEquals(1.0, m.ap(), 1e-12);
    }

    @Test
    void aClassWithoutGroundTruthOrAFusionWithoutItsRunsSaysWhy() throws Exception {
        vm.select("bathtub", "transfer");
        Mistakes.Unavailable u = assertInstanceOf(Mistakes.Unavailable.class, vm.mistakesProperty().get());
        assertTrue(u.reason().contains("no ground truth"), u.reason());
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("results").resolve("fusion"));
        Files.copy(tiny.folder().resolve("results").resolve("summary.json"), copy.resolve("results")
                .resolve("summary.json"));
        vm.open(copy);
        vm.select("chair", "rgb+transfer");
        u = assertInstanceOf(Mistakes.Unavailable.class, vm.mistakesProperty().get());
        assertTrue(u.reason().contains("single-modality arms only"), u.reason());
        assertEquals(List.of(), direct.problems);
    }

    @Test
    void exportsNeverReplaceAFileUnlessThePersonAgreed() throws Exception {
        Path csv = tmp.resolve("table.csv");
        Files.writeString(csv, "mine");
        vm.exportTable(ResultsViewModel.TableFormat.CSV, csv, false);
        assertEquals("mine", Files.readString(csv));
        assertEquals(1, direct.problems.size());
        assertTrue(direct.problems.get(0).message().contains("already exists"), direct.problems.get(0).message());
        vm.exportTable(ResultsViewModel.TableFormat.CSV, csv, true);
        assertTrue(Files.readString(csv).startsWith("class,no-init,no-init std,transfer"));
        assertTrue(vm.noticeProperty().get().contains(csv.toString()));
    }

    @Test
    void tableAndChartsAreSavedInEachFormat() throws Exception {
        vm.sortProperty().set(new ApTable.Sort("no-init", true));
        vm.exportTable(ResultsViewModel.TableFormat.LATEX, tmp.resolve("t.tex"), false);
        String tex = Files.readString(tmp.resolve("t.tex"));
        assertTrue(tex.contains("\\toprule") && tex.contains("\\textbf{100.0 $\\pm$ 0.0}"), tex);
        assertTrue(tex.indexOf("\nchair &") < tex.indexOf("\nbed &"), "in the order shown: no init's lowest first");
        vm.select("chair", null);
        vm.exportChart(ResultsViewModel.Chart.AP, tmp.resolve("ap.png"), false);
        vm.exportChart(ResultsViewModel.Chart.PR, tmp.resolve("pr.svg"), false);
        assertEquals(List.of(), direct.problems);
        byte[] png = Files.readAllBytes(tmp.resolve("ap.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String svg = Files.readString(tmp.resolve("pr.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("chair"), "the PR curves of the chosen class");
    }

    @Test
    void theReportOpensInTheBrowserAndIsCopiedWhole() throws Exception {
        vm.openReport();
        assertEquals(List.of(tiny.folder().toAbsolutePath().normalize().resolve("results").resolve("report.html")),
                opened);
        vm.copyReport(tmp.resolve("out").resolve("report.html"), false);
        assertEquals(Files.readString(opened.get(0)), Files.readString(tmp.resolve("out").resolve("report.html")));
    }

    @Test
    void withoutABrowserTheAdviceIsToOpenTheReportByHandNotToCheckTheDisk() {
        ResultsViewModel none = new ResultsViewModel(direct.context, new RecentExperiments(tmp.resolve("config2")
                .resolve("recent.txt")), file -> {
                    throw new ReportOpener.NoBrowser("xdg-open", new java.io.IOException("No such file"));
                });
        none.open(tiny.folder());
        none.openReport();
        org.xmodal.app.shell.Problem p = direct.problems.get(direct.problems.size() - 1);
        assertTrue(p.message().contains("no program to open it was found (xdg-open did not start)"), p.message());
        assertTrue(p.advice().startsWith("Open file:") && p.advice().contains("report.html in a web browser"),
                p.advice());
        assertFalse(p.advice().contains("disk"), p.advice());
    }

    @Test
    void aBrokenExperimentIsAProblemNamingItsFileAndTheOpenOneStays() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad").resolve("results"));
        Files.writeString(bad.resolve("summary.json"), "{\"arms\": {}}");
        vm.open(bad.getParent());
        assertEquals(1, direct.problems.size());
        assertTrue(direct.problems.get(0).message().startsWith(bad.resolve("summary.json") + ": lists no arms"),
                direct.problems.get(0).message());
        assertEquals(tiny.folder().toAbsolutePath().normalize(), vm.experimentProperty().get().folder());
    }

    @Test
    void gainsAndSortingChangeTheRowsShown() {
        vm.gainsProperty().set(true);
        ApTable.Row chair = vm.rows().stream().filter(r -> r.label().equals("chair")).findFirst().orElseThrow();
        assertEquals("+62.5", chair.text("transfer"));
        vm.sortProperty().set(new ApTable.Sort(ApTable.CLASS_COLUMN, false));
        assertEquals("toilet", vm.rows().get(0).label());
        assertEquals("mAP", vm.rows().get(vm.rows().size() - 1).label());
        assertFalse(vm.rows().stream().anyMatch(r -> r.kind() == ApTable.Kind.GAIN));
    }
}
