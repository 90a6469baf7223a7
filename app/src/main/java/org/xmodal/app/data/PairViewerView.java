package org.xmodal.app.data;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.xmodal.app.fx.FxImages;
import org.xmodal.app.fx.ImageCanvas;
import org.xmodal.app.fx.LazyTooltip;

/**
 * The pair viewer: layer buttons, blink/swipe comparison, boxes, zoom; the picture; its legend and the pixel
 * inspector underneath. Only binds to {@link PairViewerViewModel}.
 */
public final class PairViewerView extends BorderPane {
    private static final Duration BLINK_PERIOD = Duration.millis(600);

    private final PairViewerViewModel vm;
    private final ImageCanvas canvas = new ImageCanvas();
    private final HBox layerButtons = new HBox(2);
    private final ToggleGroup layerGroup = new ToggleGroup();
    private boolean rebuilding;

    public PairViewerView(PairViewerViewModel vm, Runnable previous, Runnable next) {
        this.vm = vm;
        getStyleClass().add("pair-viewer");
        canvas.setId("pair-canvas");
        canvas.placeholderProperty().bind(Bindings.when(vm.loadingProperty()).then("Loading...")
                .otherwise("Open a dataset and choose a pair"));
        canvas.imageProperty().bind(Bindings.createObjectBinding(() -> FxImages.toFx(vm.imageProperty().get()),
                vm.imageProperty()));
        canvas.secondImageProperty().bind(Bindings.createObjectBinding(
                () -> FxImages.toFx(vm.secondImageProperty().get()), vm.secondImageProperty()));
        canvas.splitProperty().bind(vm.swipeProperty());
        vm.marks().addListener((ListChangeListener.Change<?> c) -> canvas.marks().setAll(vm.marks()));
        canvas.pointedProperty().addListener((obs, o, p) -> {
            if (p == null) {
                vm.clearInspection();
            } else {
                vm.inspect(p.getX(), p.getY());
            }
        });
        setTop(toolbar(previous, next));
        setCenter(canvas);
        setBottom(footer());
        vm.layers().addListener((ListChangeListener.Change<? extends Layer> c) -> rebuildLayerButtons());
        vm.layerProperty().addListener((obs, o, n) -> selectLayerButton());
        layerGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (rebuilding) {
                return;
            }
            if (now == null && old != null) {
                old.setSelected(true);
            } else if (now != null) {
                vm.layerProperty().set((Layer) now.getUserData());
            }
        });
        rebuildLayerButtons();
        Timeline blink = new Timeline(new KeyFrame(BLINK_PERIOD, e -> vm.toggleBlink()));
        blink.setCycleCount(Timeline.INDEFINITE);
        blink.play();
    }

    private VBox toolbar(Runnable previous, Runnable next) {
        Button prev = new Button("\u25c0");
        prev.setId("previous-pair");
        LazyTooltip.install(prev, "Previous pair (Up in the list)");
        prev.setOnAction(e -> previous.run());
        Button nxt = new Button("\u25b6");
        nxt.setId("next-pair");
        LazyTooltip.install(nxt, "Next pair (Down in the list)");
        nxt.setOnAction(e -> next.run());
        CheckBox boxes = new CheckBox("Boxes");
        boxes.setId("show-boxes");
        boxes.selectedProperty().bindBidirectional(vm.showBoxesProperty());
        ChoiceBox<PairViewerViewModel.CompareMode> mode = new ChoiceBox<>();
        mode.setId("compare-mode");
        mode.getItems().setAll(PairViewerViewModel.CompareMode.values());
        mode.valueProperty().bindBidirectional(vm.compareProperty());
        LazyTooltip.install(mode, "Blink between, or swipe across, two layers to check that they line up");
        ChoiceBox<Layer> with = new ChoiceBox<>(vm.layers());
        with.setId("compare-layer");
        with.valueProperty().bindBidirectional(vm.compareLayerProperty());
        Label withLabel = new Label("with");
        Slider swipe = new Slider(0, 1, 0.5);
        swipe.setId("swipe");
        swipe.setPrefWidth(120);
        swipe.valueProperty().bindBidirectional(vm.swipeProperty());
        var comparing = vm.compareProperty().isNotEqualTo(PairViewerViewModel.CompareMode.NONE);
        for (var n : new javafx.scene.Node[] {with, withLabel}) {
            n.visibleProperty().bind(comparing);
            n.managedProperty().bind(comparing);
        }
        var swiping = vm.compareProperty().isEqualTo(PairViewerViewModel.CompareMode.SWIPE);
        swipe.visibleProperty().bind(swiping);
        swipe.managedProperty().bind(swiping);
        Button fit = new Button("Fit");
        fit.setId("zoom-fit");
        LazyTooltip.install(fit, "Whole image (or double-click it); wheel zooms, drag pans");
        fit.setOnAction(e -> canvas.fit());
        Button actual = new Button("1:1");
        actual.setOnAction(e -> canvas.actualSize());
        Button in = new Button("+");
        in.setId("zoom-in");
        in.setOnAction(e -> canvas.zoomIn());
        Button out = new Button("\u2212");
        out.setOnAction(e -> canvas.zoomOut());
        ToolBar layers = new ToolBar(prev, nxt, new Separator(), layerButtons);
        ToolBar tools = new ToolBar(boxes, new Separator(), mode, withLabel, with, swipe, new Separator(), fit, actual,
                in, out);
        return new VBox(layers, tools);
    }

    private VBox footer() {
        Label title = new Label();
        title.setId("pair-title");
        title.getStyleClass().add("pair-title");
        title.textProperty().bind(vm.titleProperty());
        Label corruption = new Label();
        corruption.setId("pair-corruption");
        corruption.getStyleClass().add("pair-corruption");
        corruption.textProperty().bind(vm.corruptionProperty());
        corruption.visibleProperty().bind(vm.corruptionProperty().isNotEmpty());
        corruption.managedProperty().bind(corruption.visibleProperty());
        ImageView legend = new ImageView();
        legend.setId("layer-legend");
        legend.imageProperty().bind(Bindings.createObjectBinding(() -> FxImages.toFx(vm.legendProperty().get()),
                vm.legendProperty()));
        Label reading = new Label();
        reading.setId("pixel-reading");
        reading.getStyleClass().add("pixel-reading");
        reading.textProperty().bind(Bindings.when(vm.readingProperty().isEmpty())
                .then("Point at the picture to read its pixels").otherwise(vm.readingProperty()));
        HBox row = new HBox(16, legend, reading);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, title, corruption, row);
        box.getStyleClass().add("viewer-footer");
        return box;
    }

    private void rebuildLayerButtons() {
        rebuilding = true;
        try {
            layerButtons.getChildren().clear();
            layerGroup.getToggles().clear();
            for (Layer l : vm.layers()) {
                ToggleButton b = new ToggleButton(l.label());
                b.setId("layer-" + l.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                b.setUserData(l);
                b.setToggleGroup(layerGroup);
                layerButtons.getChildren().add(b);
            }
            selectLayerButton();
        } finally {
            rebuilding = false;
        }
    }

    private void selectLayerButton() {
        layerGroup.getToggles().stream().filter(t -> t.getUserData() == vm.layerProperty().get()).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    public ImageCanvas canvas() {
        return canvas;
    }
}
