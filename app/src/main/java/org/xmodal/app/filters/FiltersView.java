package org.xmodal.app.filters;

import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.app.fx.LazyTooltip;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunWatchTimer;
import org.xmodal.app.shell.WorkbenchView;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.viz.AwtImages;

/** The filters view: a run's conv1 over its checkpoints, and the paper's Figure 2; both can be saved as PNG. */
public final class FiltersView implements WorkbenchView {
    private final FiltersViewModel vm;
    private final TabPane root = new TabPane();

    public FiltersView(WorkbenchContext context) {
        this.vm = new FiltersViewModel(context);
        root.setId("filters-view");
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab grid = new Tab("Filters of a run", gridPane());
        grid.setId("filters-tab");
        Tab figure = new Tab("Figure 2: four initialisations", figurePane());
        figure.setId("figure-tab");
        vm.figureWantedProperty().bind(figure.selectedProperty());
        root.getTabs().addAll(grid, figure);
        RunWatchTimer.start(context.runs());
    }

    private Node gridPane() {
        ComboBox<RunRecord> run = RunChoice.picker(new ComboBox<>(vm.runs()));
        run.setId("filters-run");
        run.setPromptText("No run with a checkpoint yet");
        run.valueProperty().bindBidirectional(vm.runProperty());
        ToggleGroup group = new ToggleGroup();
        ToggleButton composite = new ToggleButton("Composite");
        composite.setId("display-composite");
        LazyTooltip.install(composite, "The three input planes as one colour picture");
        ToggleButton channels = new ToggleButton("Per channel");
        channels.setId("display-channels");
        LazyTooltip.install(channels, "Each input plane as a grey grid (for HHA: disparity, height, angle; for "
                + "flow: u, v, magnitude)");
        composite.setToggleGroup(group);
        channels.setToggleGroup(group);
        composite.setSelected(vm.displayProperty().get() == FiltersViewModel.Display.COMPOSITE);
        channels.setSelected(!composite.isSelected());
        vm.displayProperty().addListener((obs, o, n) -> (n == FiltersViewModel.Display.COMPOSITE ? composite
                : channels).setSelected(true));
        group.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null) {
                o.setSelected(true);
            } else {
                vm.displayProperty().set(n == composite ? FiltersViewModel.Display.COMPOSITE
                        : FiltersViewModel.Display.CHANNELS);
            }
        });
        Slider slider = new Slider(0, 0, 0);
        slider.setId("checkpoint-slider");
        slider.setPrefWidth(260);
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.maxProperty().bind(Bindings.createDoubleBinding(() -> Math.max(0, vm.steps().size() - 1.0),
                vm.steps()));
        slider.disableProperty().bind(Bindings.size(vm.steps()).lessThan(2));
        slider.setValue(vm.stepIndexProperty().get());
        slider.valueProperty().addListener((obs, o, n) -> vm.stepIndexProperty().set((int) Math.round(n.doubleValue())));
        vm.stepIndexProperty().addListener((obs, o, n) -> slider.setValue(n.intValue()));
        Label step = new Label();
        step.setId("checkpoint-label");
        step.setMinWidth(90);
        step.textProperty().bind(Bindings.createStringBinding(() -> vm.step().map(s -> "step " + s + " ("
                + (vm.stepIndexProperty().get() + 1) + " of " + vm.steps().size() + ")").orElse(""),
                vm.steps(), vm.stepIndexProperty()));
        Button export = new Button("Export PNG...");
        export.setId("export-filters");
        export.disableProperty().bind(vm.gridProperty().isNull());
        export.setOnAction(e -> save("conv1.png", vm::exportGrid));
        Button gif = new Button("Export GIF...");
        gif.setId("export-filters-gif");
        LazyTooltip.install(gif, "conv1 at every checkpoint of the run, step 0 included, as a looping animation "
                + "for slides, each frame with its step and structure score");
        gif.disableProperty().bind(vm.gridProperty().isNull());
        gif.setOnAction(e -> save("conv1-evolution.gif", "GIF animations", "*.gif", vm::exportEvolution));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(new Label("Run"), run, composite, channels, new Label("Checkpoint"), slider, step,
                spacer, export, gif);
        ImageTile tile = new ImageTile("filters-grid", "conv1");
        tile.show(Bindings.createObjectBinding(() -> picture(vm.gridProperty().get()), vm.gridProperty()));
        tile.canvas().placeholderProperty().set("Runs with checkpoints show here; start one in the Runs view");
        asPage(tile);
        BorderPane pane = new BorderPane(tile, bar, null, caption("filters-caption", vm.gridProperty()), null);
        BorderPane.setMargin(tile, new javafx.geometry.Insets(8));
        return pane;
    }

    private Node figurePane() {
        // each picker as wide as its runs' names, wrapping to a second line rather than cutting a name off
        FlowPane pickers = new FlowPane(12, 6);
        pickers.setAlignment(Pos.BOTTOM_LEFT);
        pickers.setMinWidth(0);
        for (FiltersViewModel.Slot s : FiltersViewModel.Slot.values()) {
            if (s.kind() == null) {
                continue;
            }
            ComboBox<RunRecord> c = RunChoice.picker(new ComboBox<>(vm.candidates(s)));
            c.setId("figure-" + s.kind());
            c.setPromptText("no " + s.kind() + " run");
            c.valueProperty().bindBidirectional(vm.chosen(s));
            pickers.getChildren().add(new VBox(2, new Label(s.title()), c));
        }
        Label random = new Label("the transfer student's network and seed");
        random.setId("figure-random");
        random.getStyleClass().add("placeholder-text");
        pickers.getChildren().add(new VBox(2, new Label(FiltersViewModel.Slot.RANDOM.title()), random));
        Button export = new Button("Export PNG...");
        export.setId("export-figure");
        export.disableProperty().bind(vm.figureProperty().isNull());
        export.setOnAction(e -> save("figure2-conv1.png", vm::exportFigure));
        BorderPane choosers = new BorderPane(pickers, null, export, null, null);
        BorderPane.setAlignment(export, Pos.BOTTOM_RIGHT);
        choosers.setPadding(new javafx.geometry.Insets(4, 8, 4, 8));
        choosers.getStyleClass().add("figure-choosers");
        ImageTile tile = new ImageTile("figure-grid", "conv1: RGB teacher, copy from RGB after fine-tuning, "
                + "supervision transfer, random init");
        tile.show(Bindings.createObjectBinding(() -> picture(vm.figureProperty().get()), vm.figureProperty()));
        asPage(tile);
        BorderPane pane = new BorderPane(tile, choosers, null, caption("figure-caption", vm.figureProperty()), null);
        BorderPane.setMargin(tile, new javafx.geometry.Insets(8));
        return pane;
    }

    /**
     * Filter pictures are pages (grids and captions on the legend background): surrounded by the same colour rather
     * than by the dark bands that frame photographs.
     */
    private static void asPage(ImageTile tile) {
        int rgb = AwtImages.LEGEND_BACKGROUND;
        tile.canvas().surroundProperty().set(Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff,
                rgb & 0xff));
    }

    private Label caption(String id, javafx.beans.value.ObservableValue<FiltersViewModel.Picture> picture) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("viewer-footer");
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            FiltersViewModel.Picture p = picture.getValue();
            String saved = vm.noticeProperty().get();
            return (p == null ? "" : p.caption()) + (saved.isEmpty() ? "" : "   \u2014 " + saved);
        }, picture, vm.noticeProperty()));
        return l;
    }

    private static RgbImage picture(FiltersViewModel.Picture p) {
        return p == null ? null : p.image();
    }

    private void save(String name, java.util.function.Consumer<Path> export) {
        save(name, "PNG images", "*.png", export);
    }

    private void save(String name, String kind, String pattern, java.util.function.Consumer<Path> export) {
        FileChooser c = new FileChooser();
        c.setTitle("Save as " + pattern.substring(2).toUpperCase(java.util.Locale.ROOT));
        c.setInitialFileName(name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = c.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f != null) {
            export.accept(f.toPath());
        }
    }

    @Override
    public Node node() {
        return root;
    }

    public FiltersViewModel model() {
        return vm;
    }
}
