package org.xmodal.app.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.xmodal.app.experiments.GuidedStart;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.shell.WorkbenchView;
import org.xmodal.engine.data.Pair;

/**
 * The data view: open or generate a dataset; browse its pairs (filtered, with thumbnails) and the report of what
 * was wrong with it; look at a pair in every modality and encoding.
 */
public final class DataView implements WorkbenchView {
    private final WorkbenchContext context;
    private final DataViewModel data;
    private final PairViewerViewModel viewer;
    private final BorderPane root = new BorderPane();
    private final ListView<Pair> list;

    public DataView(WorkbenchContext context) {
        this.context = context;
        this.data = new DataViewModel(context.session());
        this.viewer = new PairViewerViewModel(context.executor(), context.session(), context.problems());
        root.setId("data-view");
        ThumbnailLoader thumbnails = new ThumbnailLoader(context.executor());
        list = new ListView<>(data.pairs());
        list.setId("pair-list");
        list.setFixedCellSize(58);
        list.setCellFactory(v -> new PairListCell(thumbnails, context.session()::dataset));
        Label empty = new Label();
        empty.setId("pairs-placeholder");
        empty.setWrapText(true);
        empty.textProperty().bind(data.placeholderProperty());
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, p) -> {
            if (p != null) {
                data.selectedPairProperty().set(p);
            }
        });
        data.selectedPairProperty().addListener((obs, o, p) -> showSelected(p));
        root.setTop(toolbar());
        PairViewerView viewerView = new PairViewerView(viewer, () -> step(-1), () -> step(1));
        SplitPane split = new SplitPane(browser(), viewerView);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        root.setCenter(split);
        showSelected(data.selectedPairProperty().get());
    }

    private ToolBar toolbar() {
        MenuButton open = new MenuButton("Open");
        open.setId("open-menu");
        MenuItem folder = item("open-folder", "Dataset folder...", () -> chooseFolder("Open a dataset folder"));
        MenuItem mat = item("open-mat", "NYU Depth v2 .mat file...", this::chooseMat);
        MenuItem frames = item("open-frames", "Folder of video frames...",
                () -> chooseFolder("Open a folder of video frames (or of sequences)"));
        MenuItem generate = item("generate-synthetic", "Generate synthetic...", this::generate);
        open.getItems().addAll(folder, mat, frames, new SeparatorMenuItem(), generate);
        context.sample().ifPresent(s -> open.getItems().addAll(new SeparatorMenuItem(),
                item("open-sample-rgbd", "Sample: synthetic RGB-D rooms", () -> context.session().open(s.rgbd())),
                item("open-sample-flow", "Sample: synthetic flow sequences", () -> context.session().open(s.flow()))));
        Label summary = new Label();
        summary.setId("dataset-summary");
        summary.textProperty().bind(data.summaryProperty());
        Button guided = new Button();
        guided.setId("guided-start");
        guided.textProperty().bind(context.session().datasetProperty().map(GuidedStart::label)
                .orElse(GuidedStart.label(null)));
        guided.disableProperty().bind(Bindings.createBooleanBinding(() -> GuidedStart.draftFor(
                context.session().dataset()).isEmpty(), context.session().datasetProperty()));
        LazyTooltip.install(guided, GuidedStart.HELP);
        guided.setOnAction(e -> GuidedStart.draftFor(context.session().dataset())
                .ifPresent(context.experimentDrafts()::request));
        Button lesson = new Button("Teach a lesson");
        lesson.setId("start-lesson");
        LazyTooltip.install(lesson, "Cross-modal distillation explained in eight live screens on the bundled rooms "
                + "(about three minutes of waiting in all on a laptop's CPU), with a presenter mode for a projector");
        lesson.setOnAction(e -> context.lessons().request(0));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(open, summary, spacer, lesson, guided);
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> action.run());
        return m;
    }

    private Node browser() {
        ChoiceBox<PairFilter.SplitChoice> split = new ChoiceBox<>();
        split.setId("filter-split");
        split.getItems().setAll(PairFilter.SplitChoice.values());
        split.valueProperty().bindBidirectional(data.splitProperty());
        ComboBox<ClassChoice> cls = new ComboBox<>(data.classChoices());
        cls.setId("filter-class");
        cls.setMaxWidth(Double.MAX_VALUE);
        // a width of its own (the column stretches it): measuring its natural width, a combo box makes, styles and
        // lays out a cell for every class the dataset has, and that was half the pulse the first dataset arrived in
        cls.setPrefWidth(120);
        cls.setVisibleRowCount(16);
        cls.valueProperty().bindBidirectional(data.classChoiceProperty());
        ChoiceBox<PairFilter.Labelling> labelled = new ChoiceBox<>();
        labelled.setId("filter-labelled");
        labelled.getItems().setAll(PairFilter.Labelling.values());
        labelled.valueProperty().bindBidirectional(data.labellingProperty());
        ChoiceBox<PairFilter.TeacherView> teacherView = new ChoiceBox<>();
        teacherView.setId("filter-corruption");
        teacherView.getItems().setAll(PairFilter.TeacherView.values());
        teacherView.valueProperty().bindBidirectional(data.teacherViewProperty());
        var filters = Forms.grid();
        Forms.row(filters, "Split", split, null);
        Forms.row(filters, "Class", cls, "Pairs showing an object of the class, or of a scene class");
        Forms.row(filters, "Labels", labelled, "Labelled pairs' boxes may be used for training; unlabelled pairs "
                + "are for supervision transfer");
        int rgbRow = filters.getRowCount();
        Forms.row(filters, "RGB", teacherView, "Noisy pairs: the RGB image (the teacher's view) was corrupted on "
                + "purpose (shifted, a neighbouring view, occluded, blanked or swapped with another scene) while depth "
                + "or flow (the student's view) is clean; the list marks them \"noisy\"");
        // offered only for a dataset with noisy pairs
        filters.getChildren().stream().filter(n -> Integer.valueOf(rgbRow).equals(GridPane.getRowIndex(n)))
                .forEach(n -> {
                    n.visibleProperty().bind(data.corruptedPairsProperty().greaterThan(0));
                    n.managedProperty().bind(n.visibleProperty());
                });
        Label count = new Label();
        count.setId("pair-count");
        count.textProperty().bind(data.countTextProperty());
        ListView<String> report = new ListView<>(data.reportLines());
        report.setId("report-lines");
        report.setPrefHeight(120);
        report.setPlaceholder(new Label("Nothing wrong was found"));
        TitledPane reportPane = new TitledPane();
        reportPane.setId("report");
        reportPane.textProperty().bind(Bindings.size(data.reportLines()).asString("Report: %d problem(s)"));
        reportPane.setContent(report);
        reportPane.setExpanded(false);
        data.reportLines().addListener((javafx.collections.ListChangeListener.Change<? extends String> c) ->
                reportPane.setExpanded(!data.reportLines().isEmpty()));
        VBox box = new VBox(8, filters, count, list, reportPane);
        box.getStyleClass().add("pair-browser");
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setMinWidth(260);
        return box;
    }

    private void step(int delta) {
        data.step(delta);
    }

    private void showSelected(Pair p) {
        if (p == null) {
            list.getSelectionModel().clearSelection();
            return;
        }
        int i = data.pairs().indexOf(p);
        if (i < 0) {
            return;
        }
        if (list.getSelectionModel().getSelectedIndex() != i) {
            list.getSelectionModel().select(i);
        }
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        if (flow == null || flow.getFirstVisibleCell() == null || i < flow.getFirstVisibleCell().getIndex()
                || i > flow.getLastVisibleCell().getIndex()) {
            list.scrollTo(Math.max(0, i - 2));
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void chooseFolder(String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        startIn(c::setInitialDirectory);
        File f = c.showDialog(window());
        if (f != null) {
            context.session().open(f.toPath());
        }
    }

    private void chooseMat() {
        FileChooser c = new FileChooser();
        c.setTitle("Open NYU Depth v2 (nyu_depth_v2_labeled.mat)");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("MATLAB files", "*.mat"));
        startIn(c::setInitialDirectory);
        File f = c.showOpenDialog(window());
        if (f != null) {
            context.session().open(f.toPath());
        }
    }

    private void startIn(java.util.function.Consumer<File> setter) {
        var ds = context.session().dataset();
        if (ds != null) {
            Path parent = ds.root().toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent)) {
                setter.accept(parent.toFile());
            }
        }
    }

    /** Opens the "Generate synthetic..." dialog; generating starts when the person presses Generate. */
    public SynthDialog generate() {
        SynthDialogViewModel vm = new SynthDialogViewModel(suggestedFolder());
        SynthDialog dialog = new SynthDialog(vm, window());
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == SynthDialog.GENERATE) {
                vm.generate(context.session());
            }
        });
        dialog.show();
        return dialog;
    }

    private static Path suggestedFolder() {
        Path home = Path.of(System.getProperty("user.home"));
        Path p = home.resolve("xmodal-synth");
        for (int i = 2; Files.exists(p); i++) {
            p = home.resolve("xmodal-synth-" + i);
        }
        return p;
    }

    @Override
    public Node node() {
        return root;
    }

    public DataViewModel dataModel() {
        return data;
    }

    public PairViewerViewModel viewerModel() {
        return viewer;
    }
}
