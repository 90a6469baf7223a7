package org.xmodal.app.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.chart.JFreeChart;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.LatestWins;
import org.xmodal.app.task.Outcome;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.eval.PrCurve;

/**
 * The Results view, one viewer for any experiment's summary.json: the per-class table of the experiment's metric
 * (Table 1: AP and mAP, gains over no init; SOCKET: accuracy, gains over source-only; sortable, best arm per row, each
 * cell's per-seed values), bars of the metric per arm, and what applies to the experiment's task: for detection the
 * precision-recall curves of the chosen class and seed and the chosen cell's false positives and missed objects; for
 * an experiment that scores whole images (SOCKET) the run of each arm and seed with its stored accuracy. Exports of
 * the table, the charts and the report. Everything read from disk is read off the UI thread; the mistakes of the
 * latest cell clicked win over earlier ones still being found.
 */
public final class ResultsViewModel {
    /** The charts: the metric per arm, the PR curves (detection), accuracy against corruption (robust). */
    public enum Chart { AP, PR, CORRUPTION }

    /** The two text forms of the table. */
    public enum TableFormat { CSV, LATEX }

    static final int AP_WIDTH = 760;
    static final int AP_HEIGHT = 420;
    static final int PR_WIDTH = 600;
    static final int PR_HEIGHT = 460;
    static final int CORRUPTION_WIDTH = 820;
    static final int CORRUPTION_HEIGHT = 440;

    private record MistakeRequest(MistakeFinder finder, String arm, int seed, String className) {
    }

    private record MistakeAnswer(MistakeRequest request, Mistakes mistakes) {
    }

    private record Start(List<Path> recent, Optional<Path> open) {
    }

    private final WorkbenchContext context;
    private final RecentExperiments recentStore;
    private final ResultsFiles files;
    private final ReadOnlyObjectWrapper<Experiment> experiment = new ReadOnlyObjectWrapper<>(this, "experiment");
    private final ObservableList<String> arms = FXCollections.observableArrayList();
    private final ObservableList<ApTable.Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ApTable.Sort> sort = new SimpleObjectProperty<>(this, "sort");
    private final BooleanProperty gains = new SimpleBooleanProperty(this, "gains");
    private final ReadOnlyBooleanWrapper gainsAvailable = new ReadOnlyBooleanWrapper(this, "gainsAvailable");
    private final ReadOnlyObjectWrapper<String> selectedClass = new ReadOnlyObjectWrapper<>(this, "selectedClass");
    private final ReadOnlyObjectWrapper<String> selectedArm = new ReadOnlyObjectWrapper<>(this, "selectedArm");
    private final ObservableList<Integer> seeds = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> seed = new SimpleObjectProperty<>(this, "seed");
    private final ReadOnlyObjectWrapper<JFreeChart> apChart = new ReadOnlyObjectWrapper<>(this, "apChart");
    private final ReadOnlyObjectWrapper<JFreeChart> prChart = new ReadOnlyObjectWrapper<>(this, "prChart");
    private final ReadOnlyObjectWrapper<JFreeChart> corruptionChart = new ReadOnlyObjectWrapper<>(this,
            "corruptionChart");
    private final ReadOnlyStringWrapper prMessage = new ReadOnlyStringWrapper(this, "prMessage", "");
    private final ReadOnlyObjectWrapper<Mistakes> mistakes = new ReadOnlyObjectWrapper<>(this, "mistakes");
    private final ReadOnlyStringWrapper footnote = new ReadOnlyStringWrapper(this, "footnote", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(this, "opening");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final LatestWins<MistakeRequest, MistakeAnswer> finder;
    private final ReadOnlyStringWrapper baseline = new ReadOnlyStringWrapper(this, "baseline", ApTable.BASELINE);
    private final ReadOnlyStringWrapper metric = new ReadOnlyStringWrapper(this, "metric", "mAP");
    private final ReadOnlyBooleanWrapper detection = new ReadOnlyBooleanWrapper(this, "detection", true);
    private final ObservableList<SeedRun> seedRuns = FXCollections.observableArrayList();
    private final LatestWins<ChartRequest, ChartSet> charts;
    private ApTable table;
    private MistakeFinder current;
    /** Opens asked for so far: only the latest one's experiment is shown, whichever is read first. */
    private int opens;

    /** With the user's recent experiments and the desktop's browser. */
    public ResultsViewModel(WorkbenchContext context) {
        this(context, RecentExperiments.standard(), ReportOpener.desktop());
    }

    public ResultsViewModel(WorkbenchContext context, RecentExperiments recentStore, ReportOpener opener) {
        this.context = context;
        this.recentStore = recentStore;
        this.files = new ResultsFiles(context, opener, notice::set);
        this.finder = new LatestWins<>(context.executor(), "Finding false positives and missed objects",
                (r, cancel) -> new MistakeAnswer(r, r.finder().find(r.arm(), r.seed(), r.className(), cancel)),
                a -> {
                    // an answer about an experiment closed meanwhile, or a cell no longer chosen, is dropped
                    if (a.request().equals(currentRequest())) {
                        mistakes.set(a.mistakes());
                    }
                }, e -> {
                    mistakes.set(null);
                    context.problems().report(Problems.describe("Could not find the mistakes", e));
                });
        // charts are made by a worker (the viewers still draw them on the UI thread, in a pulse of their own)
        this.charts = new LatestWins<>(context.executor(), "Making the charts", (r, cancel) -> make(r),
                this::chartsMade, e -> context.problems().report(Problems.describe("Could not make the charts", e)));
        sort.addListener((obs, o, n) -> refreshRows());
        gains.addListener((obs, o, n) -> refreshRows());
        seed.addListener((obs, o, n) -> {
            refreshCharts();
            requestMistakes();
        });
        context.experiments().handleWith(this::open);
        start();
    }

    /** Reads the recent experiments and opens the one {@link RecentExperiments#toOpenAtStart} says. */
    private void start() {
        Path runsRoot = context.runs().root();
        context.executor().submit("Reading recent experiments", (progress, cancel) -> {
            List<Path> list = recentStore.loadOrNone();
            Optional<Path> open = RecentExperiments.toOpenAtStart(list, runsRoot);
            return new Start(list, open);
        }, outcome -> {
            if (outcome instanceof Outcome.Done<Start> done) {
                if (recent.isEmpty()) {
                    recent.setAll(done.value().recent());
                }
                if (experiment.get() == null && opens == 0) {
                    done.value().open().ifPresent(this::open);
                }
            }
        });
    }

    /** Opens an experiment's folder (or its results/ folder); a problem names the file when it cannot be read. */
    public void open(Path folder) {
        int id = ++opens;
        opening.set(true);
        context.work().start("Opening experiment " + folder.getFileName(), (progress, cancel) -> {
            progress.progress("Reading " + folder, -1);
            return ExperimentReader.read(folder, cancel);
        }, outcome -> {
            if (id != opens) {
                return; // another experiment was asked for meanwhile
            }
            opening.set(false);
            if (outcome instanceof Outcome.Done<Experiment> done) {
                show(done.value());
            } else if (outcome instanceof Outcome.Failed<Experiment> failed) {
                context.problems().report(Problems.describe("Could not open the experiment", failed.error()));
            }
        });
    }

    private void show(Experiment e) {
        MistakeFinder old = current;
        if (old != null) {
            context.executor().submit("Closing " + old.experiment().folder().getFileName(), (p, c) -> {
                old.close();
                return null;
            }, o -> { });
        }
        current = new MistakeFinder(e);
        table = ApTable.of(e.summary(), e.classes());
        corruptionChart.set(null); // drawn once per experiment opened (it does not follow the chosen class)
        apChart.set(null); // another experiment's charts are not shown while this one's are made
        prChart.set(null);
        baseline.set(table.baseline());
        metric.set(e.summary().metric());
        detection.set(e.detection());
        gainsAvailable.set(table.hasBaseline());
        if (!table.hasBaseline()) {
            gains.set(false);
        }
        ApTable.Sort s = sort.get();
        if (s != null && !s.column().equals(ApTable.CLASS_COLUMN) && !table.arms().contains(s.column())) {
            sort.set(null);
        }
        arms.setAll(table.arms());
        experiment.set(e);
        selectedArm.set(null);
        mistakes.set(null);
        selectedClass.set(e.firstInformativeClass());
        seeds.setAll(IntStream.rangeClosed(1, e.seeds()).boxed().toList());
        if (seed.get() == null || seed.get() > e.seeds()) {
            seed.set(e.seeds() > 0 ? 1 : null);
        }
        refreshRows();
        refreshCharts();
        refreshSeedRuns();
        footnote.set(e.footnote());
        recent.setAll(RecentExperiments.with(recent, e.folder()));
        List<Path> toSave = List.copyOf(recent);
        context.executor().submit("Remembering " + e.folder().getFileName(), (p, c) -> {
            recentStore.save(toSave);
            return null;
        }, o -> { }); // a list of recent folders that cannot be written is not worth a dialog
    }

    private void refreshRows() {
        rows.setAll(table == null ? List.of() : table.rows(sort.get(), gains.get()));
    }

    /**
     * A click in the table: the row's class (null for the mAP and gain rows) and the column's arm (null for the
     * class column). The charts follow the class; a class and an arm together show that cell's mistakes.
     */
    public void select(String className, String arm) {
        Experiment e = experiment.get();
        boolean isClass = e != null && className != null && e.classes().contains(className);
        selectedClass.set(isClass ? className : null);
        selectedArm.set(isClass ? arm : null);
        refreshCharts();
        requestMistakes();
    }

    private void requestMistakes() {
        refreshSeedRuns();
        MistakeRequest r = detection.get() ? currentRequest() : null; // mistakes are detection's
        if (r == null) {
            mistakes.set(null);
            return;
        }
        finder.request(r);
    }

    /** What the mistakes shown should be about now, or null when no cell is chosen. */
    private MistakeRequest currentRequest() {
        String c = selectedClass.get();
        String arm = selectedArm.get();
        Integer s = seed.get();
        return current == null || c == null || arm == null || s == null ? null
                : new MistakeRequest(current, arm, s, c);
    }

    private void refreshCharts() {
        Experiment e = experiment.get();
        if (e == null) {
            apChart.set(null);
            prChart.set(null);
            corruptionChart.set(null);
            prMessage.set("");
            return;
        }
        String c = selectedClass.get();
        // a robust experiment's objectives against the corruption of the train pairs, in the curves' place
        charts.request(new ChartRequest(e, c, seed.get(), corruptionChart.get() == null && e.corruptionLevels()));
        if (!e.detection()) {
            prMessage.set("Precision-recall curves apply to detection only: this " + e.kind() + " experiment "
                    + "scores " + ("clips".equals(e.scoredUnit()) ? "clips" : "whole images") + " by " + e.summary().metric() + ". The run of each arm and seed and its "
                    + e.summary().metric() + " are listed below.");
            return;
        }
        Map<String, PrCurve> curves = ResultsCharts.curves(e, c, seed.get());
        prMessage.set(c == null ? "Click a class row for its precision-recall curves"
                : curves.isEmpty() ? "No run results of seed " + seed.get() + " in " + new ExperimentLayout(e.folder()).runs()
                + ": the curves are read from each run's results/detection.json" : "");
    }

    private record ChartRequest(Experiment experiment, String className, Integer seed, boolean corruption) {
    }

    private record ChartSet(ChartRequest request, JFreeChart ap, JFreeChart pr, JFreeChart corruption) {
    }

    private static ChartSet make(ChartRequest r) {
        Experiment e = r.experiment();
        String c = r.className();
        boolean curves = e.detection() && c != null && !ResultsCharts.curves(e, c, r.seed()).isEmpty();
        return new ChartSet(r, ResultsCharts.ap(e, c).get(), curves ? ResultsCharts.pr(e, c, r.seed()).get() : null,
                r.corruption() ? ResultsCharts.corruption(e.summary()).get() : null);
    }

    private void chartsMade(ChartSet s) {
        if (s.request().experiment() != experiment.get()) {
            return; // made for an experiment closed meanwhile
        }
        apChart.set(s.ap());
        prChart.set(s.pr());
        if (s.corruption() != null) {
            corruptionChart.set(s.corruption());
        }
    }

    /** Whether charts are being made: their places say so. */
    public ReadOnlyBooleanProperty chartsBusyProperty() {
        return charts.busyProperty();
    }

    /** Saves the table in the order shown (AP, with the mAP and gain rows) as CSV or LaTeX. */
    public void exportTable(TableFormat format, Path file, boolean replace) {
        Experiment e = experiment.get();
        if (e == null) {
            return;
        }
        List<ApTable.Row> shown = table.rows(sort.get(), false);
        String text = format == TableFormat.CSV ? TableExport.csv(table.arms(), shown)
                : TableExport.latex(table.arms(), shown,
                e.kind() + ", " + e.description());
        files.saveText("the table", file, replace, text);
    }

    /** Saves a chart as shown, as SVG when the name ends in .svg, else as PNG. */
    public void exportChart(Chart chart, Path file, boolean replace) {
        if (experiment.get() == null || (chart == Chart.PR && prChart.get() == null)
                || (chart == Chart.CORRUPTION && corruptionChart.get() == null)) {
            return;
        }
        if (chart == Chart.AP) {
            files.saveChart("the " + experiment.get().classMetric() + " chart", file, replace,
                    ResultsCharts.ap(experiment.get(), selectedClass.get()),
                    AP_WIDTH, AP_HEIGHT);
        } else if (chart == Chart.CORRUPTION) {
            files.saveChart("the chart of " + experiment.get().summary().metric() + " against corruption", file,
                    replace, ResultsCharts.corruption(experiment.get().summary()), CORRUPTION_WIDTH, CORRUPTION_HEIGHT);
        } else {
            files.saveChart("the PR curves", file, replace, ResultsCharts.pr(experiment.get(), selectedClass.get(),
                    seed.get()), PR_WIDTH, PR_HEIGHT);
        }
    }

    /** Opens the experiment's report.html in the browser. */
    public void openReport() {
        report().ifPresent(files::open);
    }

    /** Saves a copy of the experiment's report.html (one self-contained page: its charts are inside it). */
    public void copyReport(Path target, boolean replace) {
        report().ifPresent(r -> files.copy("the report", r, target, replace));
    }

    /** The open experiment's report.html; empty, with the problem reported, when it has none. */
    private Optional<Path> report() {
        Experiment e = experiment.get();
        if (e == null) {
            return Optional.empty();
        }
        if (!e.hasReport()) {
            context.problems().report(noReport(e));
            return Optional.empty();
        }
        return Optional.of(e.report());
    }

    private static Problem noReport(Experiment e) {
        return new Problem("No HTML report", e.report() + " does not exist.", "The experiment writes it when the "
                + "viz module is on its class path, as with ./xmodal; the table, charts and exports here work without"
                + " it.");
    }

    /** Each arm's runs by seed, with what each stored and its value for the chosen class (not for detection). */
    private void refreshSeedRuns() {
        Experiment e = experiment.get();
        seedRuns.setAll(e == null ? List.of() : SeedRun.of(e, selectedClass.get()));
    }

    /**
     * A cell's values at each seed, for its tooltip: the row's class (null for the main metric's row) in an arm's
     * column, as the runs stored them (the main metric's row: as the summary lists them); empty when none is known.
     */
    public String seedValues(String arm, ApTable.Row row) {
        Experiment e = experiment.get();
        return e == null ? "" : SeedRun.tooltip(e, arm, row);
    }

    /** Whether the open experiment scores detection: PR curves and mistakes apply (Table 1); not for SOCKET. */
    public ReadOnlyBooleanProperty detectionProperty() {
        return detection.getReadOnlyProperty();
    }

    /** Each arm's run at each seed and what it stored (empty for detection experiments: see the mistakes). */
    public ObservableList<SeedRun> seedRuns() {
        return seedRuns;
    }

    /** The arm the open experiment's gains are measured from (no-init, source-only). */
    public javafx.beans.property.ReadOnlyStringProperty baselineProperty() {
        return baseline.getReadOnlyProperty();
    }

    /** The open experiment's main metric (mAP, accuracy). */
    public javafx.beans.property.ReadOnlyStringProperty metricProperty() {
        return metric.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Experiment> experimentProperty() {
        return experiment.getReadOnlyProperty();
    }

    /** The arms, as columns, in the summary's order. */
    public ObservableList<String> arms() {
        return arms;
    }

    /** The table's rows as shown: classes (sorted as asked), then mAP and the gain over no init. */
    public ObservableList<ApTable.Row> rows() {
        return rows;
    }

    /** The sort of the class rows; null for the dataset's class order. */
    public ObjectProperty<ApTable.Sort> sortProperty() {
        return sort;
    }

    /** Whether cells show each arm's gain over no init instead of its AP. */
    public BooleanProperty gainsProperty() {
        return gains;
    }

    public ReadOnlyBooleanProperty gainsAvailableProperty() {
        return gainsAvailable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> selectedClassProperty() {
        return selectedClass.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> selectedArmProperty() {
        return selectedArm.getReadOnlyProperty();
    }

    /** The seeds 1..N of the experiment. */
    public ObservableList<Integer> seeds() {
        return seeds;
    }

    /** The seed whose PR curves and mistakes are shown. */
    public ObjectProperty<Integer> seedProperty() {
        return seed;
    }

    /** AP per arm of the chosen class (mAP per arm without one), mean ± std over seeds. */
    public ReadOnlyObjectProperty<JFreeChart> apChartProperty() {
        return apChart.getReadOnlyProperty();
    }

    /** The chosen class's precision-recall curves at the chosen seed, one per arm; null without a class. */
    public ReadOnlyObjectProperty<JFreeChart> prChartProperty() {
        return prChart.getReadOnlyProperty();
    }

    /**
     * A robust experiment's accuracy against the corruption of the train pairs, one line per objective (its arms
     * {@code <objective>@<level>}), mean ± std over seeds; null for other experiments.
     */
    public ReadOnlyObjectProperty<JFreeChart> corruptionChartProperty() {
        return corruptionChart.getReadOnlyProperty();
    }

    /** Why there are no PR curves, or empty. */
    public ReadOnlyStringProperty prMessageProperty() {
        return prMessage.getReadOnlyProperty();
    }

    /** The chosen cell's mistakes at the chosen seed; null when no cell is chosen. */
    public ReadOnlyObjectProperty<Mistakes> mistakesProperty() {
        return mistakes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty findingMistakesProperty() {
        return finder.busyProperty();
    }

    /** What the numbers are, classes without ground truth, and notes on the runs. */
    public ReadOnlyStringProperty footnoteProperty() {
        return footnote.getReadOnlyProperty();
    }

    /** The last file saved or opened. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    /** Experiment folders opened before, newest first. */
    public ObservableList<Path> recent() {
        return recent;
    }
}
