package org.xmodal.app.runs;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * The page of one run: its state, progress (the preparation's, then the steps') and figures, live loss curves with
 * log scale and smoothing, rate, throughput, log.
 */
final class RunPageView extends BorderPane {
    RunPageView(RunPageViewModel vm) {
        setId("run-page");
        getStyleClass().add("run-page");
        Label title = new Label();
        title.setId("run-title");
        title.getStyleClass().add("run-title");
        title.textProperty().bind(vm.titleProperty());
        Label state = new Label();
        state.setId("run-state");
        state.setWrapText(true);
        state.textProperty().bind(vm.stateProperty());
        Label figures = new Label();
        figures.setId("run-figures");
        figures.textProperty().bind(vm.figuresProperty());
        CheckBox log = new CheckBox("Log scale");
        log.setId("log-scale");
        log.selectedProperty().bindBidirectional(vm.logScaleProperty());
        Slider smoothing = new Slider(0, 0.99, vm.smoothingProperty().get());
        smoothing.setId("smoothing");
        smoothing.setPrefWidth(140);
        smoothing.valueProperty().bindBidirectional(vm.smoothingProperty());
        Label smoothingValue = new Label();
        smoothingValue.textProperty().bind(Bindings.format("%.2f", vm.smoothingProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // two bars, one shown at a time: the preparation's stage before the first step, then the steps done
        ProgressBar preparation = new ProgressBar();
        preparation.setId("run-preparation");
        preparation.getStyleClass().add("run-preparation");
        preparation.setPrefWidth(160);
        preparation.progressProperty().bind(vm.preparationProperty());
        preparation.visibleProperty().bind(vm.preparingProperty());
        preparation.managedProperty().bind(preparation.visibleProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("run-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runProperty().isNotNull().and(vm.preparingProperty().not()));
        progress.managedProperty().bind(progress.visibleProperty());
        HBox controls = new HBox(10, preparation, progress, figures, spacer, log, new Label("Smoothing"), smoothing,
                smoothingValue);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(2, title, state, controls);
        header.getStyleClass().add("run-header");
        setTop(header);
        setPlaceholderWhenEmpty(vm);

        ChartTile loss = new ChartTile("loss-chart", "Loss", "loss", vm.lossProperty());
        loss.logScale(vm.logScaleProperty());
        ListView<String> events = new ListView<>(vm.events());
        events.setId("run-events");
        events.getStyleClass().add("run-events");
        events.setPlaceholder(new Label("No events yet"));
        vm.events().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!vm.events().isEmpty()) {
                events.scrollTo(vm.events().size() - 1);
            }
        });
        // the side's four charts are made a pulse each after the loss chart: five chart viewers made, styled and
        // drawn in one pulse were most of the Runs view's first visit (bench fx)
        VBox side = new VBox(6);
        org.xmodal.app.fx.NextPulse.inTurn(java.util.List.of(
                () -> addTo(side, shownWhenAny(new ChartTile("terms-chart", "Objective terms (each unweighted; the "
                        + "loss is their weighted sum)", "term value", vm.termsProperty()), vm.termsProperty())),
                () -> addTo(side, new ChartTile("lr-chart", "Learning rate", "learning rate", vm.rateProperty())),
                () -> addTo(side, new ChartTile("speed-chart", "Throughput", "images/s", vm.speedProperty())),
                () -> addTo(side, shownWhenAny(new ChartTile("metrics-chart", "Other metrics", "value",
                        vm.metricsProperty()), vm.metricsProperty()))));
        GridPane grid = new GridPane();
        grid.getStyleClass().add("run-grid");
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints wide = new ColumnConstraints();
        wide.setPercentWidth(64);
        ColumnConstraints narrow = new ColumnConstraints();
        narrow.setPercentWidth(36);
        grid.getColumnConstraints().addAll(wide, narrow);
        RowConstraints charts = new RowConstraints();
        charts.setPercentHeight(70);
        charts.setVgrow(Priority.ALWAYS);
        RowConstraints log2 = new RowConstraints();
        log2.setPercentHeight(30);
        grid.getRowConstraints().addAll(charts, log2);
        grid.add(loss, 0, 0);
        grid.add(side, 1, 0, 1, 2);
        grid.add(events, 0, 1);
        setCenter(grid);
    }

    private static void addTo(VBox side, ChartTile tile) {
        VBox.setVgrow(tile, Priority.ALWAYS);
        side.getChildren().add(tile);
    }

    /** The tile shown (and taking room) only while its curves are not empty. */
    private static ChartTile shownWhenAny(ChartTile tile,
                                          javafx.beans.value.ObservableValue<? extends java.util.List<?>> curves) {
        tile.visibleProperty().bind(Bindings.createBooleanBinding(() -> !curves.getValue().isEmpty(), curves));
        tile.managedProperty().bind(tile.visibleProperty());
        return tile;
    }

    private void setPlaceholderWhenEmpty(RunPageViewModel vm) {
        Label none = new Label("Choose a run in the table, or start one with New run");
        none.getStyleClass().add("placeholder-text");
        var empty = vm.runProperty().isNull();
        none.visibleProperty().bind(empty);
        none.managedProperty().bind(empty);
        ((VBox) getTop()).getChildren().add(0, none);
    }
}
