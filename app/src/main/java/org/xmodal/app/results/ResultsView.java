package org.xmodal.app.results;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.fx.DrawOnceChartViewer;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.fx.NextPulse;
import org.xmodal.app.shell.WorkbenchView;

/**
 * The Results view, one viewer for any experiment: the per-class table of its metric beside its bars per arm and
 * (detection) PR curves or (robust distillation) accuracy against corruption, and under them the chosen cell's false
 * positives and missed objects (detection) or the run of each arm and seed with its stored value (SOCKET, robust).
 * Binds to {@link ResultsViewModel}; its own work is only the file and folder choosers.
 */
public final class ResultsView implements WorkbenchView {
    private final ResultsViewModel vm;
    private final BorderPane root = new BorderPane();

    public ResultsView(WorkbenchContext context) {
        this(new ResultsViewModel(context));
    }

    ResultsView(ResultsViewModel vm) {
        this.vm = vm;
        root.setId("results-view");
        Label title = new Label();
        title.setId("experiment-title");
        title.getStyleClass().add("run-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.experimentProperty().get() == null
                ? "No experiment open: choose Open experiment... and the folder given to ./xmodal experiment table1 "
                + "(socket, robust) --out" : title(vm.experimentProperty().get()), vm.experimentProperty()));
        VBox top = new VBox(toolbar(), title);
        VBox.setMargin(title, new javafx.geometry.Insets(4, 10, 2, 10));
        root.setTop(top);

        ApTableView table = new ApTableView(vm);
        Label footnote = new Label();
        footnote.setId("results-footnote");
        footnote.setWrapText(true);
        footnote.getStyleClass().add("placeholder-text");
        footnote.textProperty().bind(vm.footnoteProperty());
        // a robust experiment's point: each objective's accuracy against the corruption of the train pairs, above
        // the table of its objectives at each level, as wide as the table
        Region corruption = (Region) chart("corruption-chart", vm.corruptionChartProperty(), new Label(), 1);
        corruption.setPrefHeight(300);
        corruption.setMinHeight(220);
        javafx.beans.binding.BooleanBinding robust = vm.corruptionChartProperty().isNotNull();
        corruption.visibleProperty().bind(robust);
        corruption.managedProperty().bind(robust);
        VBox tablePane = new VBox(4, corruption, table.node(), footnote);
        VBox.setVgrow(table.node(), Priority.ALWAYS);
        tablePane.setPadding(new javafx.geometry.Insets(4, 4, 4, 10));

        Label apMessage = new Label();
        apMessage.getStyleClass().add("placeholder-text");
        apMessage.textProperty().bind(Bindings.when(vm.chartsBusyProperty()).then("Making the charts\u2026")
                .otherwise("Open an experiment for its metric per arm"));
        Node ap = chart("ap-chart", vm.apChartProperty(), apMessage, 0);
        Label prMessage = new Label();
        prMessage.setId("pr-message");
        prMessage.setWrapText(true);
        prMessage.getStyleClass().add("placeholder-text");
        prMessage.textProperty().bind(vm.prMessageProperty());
        Node pr = chart("pr-chart", vm.prChartProperty(), prMessage, 1);
        SplitPane charts = new SplitPane(ap, pr);
        charts.setOrientation(Orientation.VERTICAL);
        charts.setDividerPositions(0.5);

        SplitPane upper = new SplitPane(tablePane, charts);
        upper.setDividerPositions(0.7);
        MistakesPane mistakes = new MistakesPane(vm);
        SeedRunsPane seedRuns = new SeedRunsPane(vm);
        // detection's mistakes, or for an experiment that scores whole images the runs of each arm and seed
        mistakes.node().visibleProperty().bind(vm.detectionProperty());
        mistakes.node().managedProperty().bind(vm.detectionProperty());
        seedRuns.node().visibleProperty().bind(vm.detectionProperty().not());
        seedRuns.node().managedProperty().bind(vm.detectionProperty().not());
        StackPane lower = new StackPane(mistakes.node(), seedRuns.node());
        lower.setMinHeight(0);
        SplitPane all = new SplitPane(upper, lower);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.62);
        SplitPane.setResizableWithParent(lower, false);
        root.setCenter(all);

        Label notice = new Label();
        notice.setId("results-notice");
        notice.getStyleClass().add("viewer-footer");
        notice.textProperty().bind(vm.noticeProperty());
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        root.setBottom(notice);
    }

    /** The experiment's description, named by its kind when it is not Table 1 (whose title is its description). */
    private static String title(Experiment e) {
        return e.detection() && "Table 1".equals(e.kind()) ? e.description() : e.kind() + " \u00b7 " + e.description();
    }

    private ToolBar toolbar() {
        Button open = new Button("Open experiment...");
        open.setId("open-experiment");
        LazyTooltip.install(open, "The folder given to ./xmodal experiment table1, socket or robust --out (with "
                + "results/summary.json)");
        open.setOnAction(e -> chooseFolder());
        MenuButton recent = new MenuButton("Recent");
        recent.setId("recent-experiments");
        recent.disableProperty().bind(Bindings.isEmpty(vm.recent()));
        Runnable fill = () -> recent.getItems().setAll(vm.recent().stream().map(p -> {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.open(p));
            return item;
        }).toList());
        fill.run();
        vm.recent().addListener((ListChangeListener<Path>) c -> fill.run());
        ProgressIndicator opening = new ProgressIndicator();
        opening.setPrefSize(18, 18);
        opening.visibleProperty().bind(vm.openingProperty());
        opening.managedProperty().bind(vm.openingProperty());

        ComboBox<Integer> seed = new ComboBox<>(vm.seeds());
        seed.setId("seed-choice");
        LazyTooltip.install(seed, "The seed whose PR curves and mistakes are shown");
        seed.valueProperty().bindBidirectional(vm.seedProperty());
        // every seed's run is listed for an experiment that is not detection: there is no seed to choose
        seed.disableProperty().bind(vm.detectionProperty().not());
        ToggleButton gains = new ToggleButton();
        gains.textProperty().bind(javafx.beans.binding.Bindings.concat("Gain over ", vm.baselineProperty()));
        gains.setId("show-gains");
        Tooltip gainsTip = new Tooltip();
        gainsTip.textProperty().bind(javafx.beans.binding.Bindings.format("Show each arm's value minus that of %s, "
                + "in points (%s keeps its value)", vm.baselineProperty(), vm.baselineProperty()));
        gains.setTooltip(gainsTip);
        gains.selectedProperty().bindBidirectional(vm.gainsProperty());
        gains.disableProperty().bind(vm.gainsAvailableProperty().not());

        MenuButton export = new MenuButton("Export");
        export.setId("export-menu");
        export.disableProperty().bind(vm.experimentProperty().isNull());
        export.getItems().addAll(
                item("export-csv", "Table as CSV...", () -> save("Save the table as CSV", experimentName() + ".csv",
                        "CSV", "csv", (f, r) -> vm.exportTable(ResultsViewModel.TableFormat.CSV, f, r))),
                item("export-latex", "Table as LaTeX...", () -> save("Save the table as LaTeX", experimentName()
                        + ".tex", "LaTeX", "tex", (f, r) -> vm.exportTable(ResultsViewModel.TableFormat.LATEX, f, r))),
                item("export-ap-png", "AP chart as PNG...", () -> save("Save the " + classMetric() + " chart",
                        classMetric().toLowerCase(Locale.ROOT) + ".png", "PNG images", "png",
                        (f, r) -> vm.exportChart(ResultsViewModel.Chart.AP, f, r))),
                item("export-ap-svg", "AP chart as SVG...", () -> save("Save the " + classMetric() + " chart",
                        classMetric().toLowerCase(Locale.ROOT) + ".svg", "SVG images", "svg",
                        (f, r) -> vm.exportChart(ResultsViewModel.Chart.AP, f, r))),
                item("export-pr-png", "PR curves as PNG...", () -> save("Save the PR curves", prName("png"),
                        "PNG images", "png", (f, r) -> vm.exportChart(ResultsViewModel.Chart.PR, f, r))),
                item("export-pr-svg", "PR curves as SVG...", () -> save("Save the PR curves", prName("svg"),
                        "SVG images", "svg", (f, r) -> vm.exportChart(ResultsViewModel.Chart.PR, f, r))),
                item("export-corruption-png", "Accuracy against corruption as PNG...", () -> save("Save the chart "
                        + "of accuracy against corruption", "accuracy-against-corruption.png", "PNG images", "png",
                        (f, r) -> vm.exportChart(ResultsViewModel.Chart.CORRUPTION, f, r))),
                item("export-corruption-svg", "Accuracy against corruption as SVG...", () -> save("Save the chart "
                        + "of accuracy against corruption", "accuracy-against-corruption.svg", "SVG images", "svg",
                        (f, r) -> vm.exportChart(ResultsViewModel.Chart.CORRUPTION, f, r))));
        export.setOnShowing(e -> {
            export.getItems().stream().filter(i -> i.getId().startsWith("export-pr"))
                    .forEach(i -> i.setDisable(vm.prChartProperty().get() == null));
            export.getItems().stream().filter(i -> i.getId().startsWith("export-corruption"))
                    .forEach(i -> i.setVisible(vm.corruptionChartProperty().get() != null));
            export.getItems().stream().filter(i -> i.getId().startsWith("export-ap")).forEach(i -> i.setText(
                    classMetric() + " chart as " + (i.getId().endsWith("png") ? "PNG..." : "SVG...")));
        });
        Button report = new Button("Open HTML report");
        report.setId("open-report");
        report.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.experimentProperty().get() == null
                || !vm.experimentProperty().get().hasReport(), vm.experimentProperty()));
        report.setOnAction(e -> vm.openReport());
        Button copy = new Button("Save report as...");
        copy.setId("save-report");
        copy.disableProperty().bind(report.disableProperty());
        copy.setOnAction(e -> save("Save a copy of the report", "report.html", "HTML pages", "html",
                vm::copyReport));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(open, recent, opening, new Label("Seed"), seed, gains, spacer, export, report, copy);
    }

    /** The open experiment's name as its engine names its files: table1, socket, robust. */
    private String experimentName() {
        Experiment e = vm.experimentProperty().get();
        return e == null ? "table1" : e.summary().experiment();
    }

    /** What the bars show: AP (Table 1), accuracy (SOCKET). */
    private String classMetric() {
        Experiment e = vm.experimentProperty().get();
        return e == null ? "AP" : e.classMetric();
    }

    private String prName(String extension) {
        String c = vm.selectedClassProperty().get();
        return "pr-" + (c == null ? "class" : c.replaceAll("[^A-Za-z0-9-]", "_")) + "." + extension;
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
    }

    /**
     * A chart that appears when the view-model has one, and a message in its place when not (jfreechart-fx's viewer
     * takes no empty chart). A new chart is drawn at the start of a later pulse ({@code skipped} pulses after the
     * next), not in the one that lays out the rows that came with it: the two together were the longest the window
     * froze when an experiment opened.
     */
    private static Node chart(String id, ObservableValue<JFreeChart> chart, Label placeholder, int skipped) {
        StackPane pane = new StackPane(placeholder);
        pane.setId(id);
        pane.setMinSize(0, 0);
        ChartViewer[] viewer = {null};
        java.util.function.Consumer<JFreeChart> show = c -> {
            placeholder.setVisible(c == null);
            if (c == null) {
                if (viewer[0] != null) {
                    viewer[0].setVisible(false);
                }
                return;
            }
            if (viewer[0] == null) {
                viewer[0] = new DrawOnceChartViewer(c);
                viewer[0].setId(id + "-viewer");
                viewer[0].setMinSize(0, 0);
                pane.getChildren().add(viewer[0]);
            } else {
                viewer[0].setChart(c);
            }
            viewer[0].setVisible(true);
        };
        show.accept(chart.getValue());
        chart.addListener((obs, o, n) -> NextPulse.after(skipped, () -> {
            if (chart.getValue() == n) { // a newer chart will be drawn in its own turn
                show.accept(n);
            }
        }));
        return pane;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void chooseFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Open an experiment: Table 1, SOCKET, robust distillation (the folder given to --out)");
        if (vm.experimentProperty().get() != null) {
            File parent = vm.experimentProperty().get().folder().getParent() == null ? null
                    : vm.experimentProperty().get().folder().getParent().toFile();
            if (parent != null && parent.isDirectory()) {
                c.setInitialDirectory(parent);
            }
        }
        File dir = c.showDialog(window());
        if (dir != null) {
            vm.open(dir.toPath());
        }
    }

    /**
     * A save chooser; the extension is added when missing. The platform's chooser has asked before replacing the
     * file it returns; a different existing file (the name with the extension added) is asked about here.
     */
    private void save(String title, String initialName, String filterName, String extension,
                      BiConsumer<Path, Boolean> action) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(initialName);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterName, "*." + extension));
        if (vm.experimentProperty().get() != null && Files.isDirectory(vm.experimentProperty().get().results())) {
            c.setInitialDirectory(vm.experimentProperty().get().results().toFile());
        }
        File f = c.showSaveDialog(window());
        if (f == null) {
            return;
        }
        Path chosen = f.toPath();
        boolean hasExtension = chosen.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + extension);
        Path file = hasExtension ? chosen : chosen.resolveSibling(chosen.getFileName() + "." + extension);
        boolean replace = hasExtension;
        if (!hasExtension && Files.exists(file)) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, file + " already exists. Replace it?",
                    ButtonType.YES, ButtonType.NO);
            ask.setHeaderText("Replace " + file.getFileName() + "?");
            if (window() != null) {
                ask.initOwner(window());
            }
            replace = ask.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
            if (!replace) {
                return;
            }
        }
        action.accept(file, replace);
    }

    @Override
    public Node node() {
        return root;
    }

    public ResultsViewModel model() {
        return vm;
    }
}
