package org.xmodal.app.lab;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.viz.FlowLegend;

/** The flow encoding lab: method and parameters on the left, the estimate beside the ground truth. */
final class FlowLabPane extends BorderPane {
    private final FlowLabViewModel vm;

    FlowLabPane(FlowLabViewModel vm) {
        this.vm = vm;
        setId("flow-lab");
        ScrollPane form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.setPrefWidth(330);
        form.setMinWidth(300);
        setLeft(form);
        setCenter(tiles());
        setBottom(footer());
    }

    private VBox form() {
        ChoiceBox<FlowMethod> method = new ChoiceBox<>();
        method.setId("flow-method");
        method.getItems().setAll(FlowMethod.values());
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FlowMethod m) {
                return m == null ? "" : m.id();
            }

            @Override
            public FlowMethod fromString(String s) {
                return FlowMethod.parse(s);
            }
        });
        method.valueProperty().bindBidirectional(vm.methodProperty());
        GridPane g = Forms.grid();
        Forms.row(g, "Method", method, "brox: variational with warping (the papers' method); horn-schunck; klt: "
                + "dense Lucas-Kanade; region: block matching. Choosing one loads its defaults.");
        Spinner<Double> alpha = Forms.doubleSpinner("flow-alpha", vm.alphaProperty(), 0.001, 100, 0.01);
        alpha.disableProperty().bind(vm.alphaUsedBinding().not());
        Forms.row(g, "Alpha", alpha, "Smoothness weight: larger gives smoother flow (Brox, Horn-Schunck)");
        Spinner<Double> gamma = Forms.doubleSpinner("flow-gamma", vm.gammaProperty(), 0, 100, 0.01);
        gamma.disableProperty().bind(vm.gammaUsedBinding().not());
        Forms.row(g, "Gamma", gamma, "Weight of gradient constancy (Brox)");
        Spinner<Integer> warps = Forms.intSpinner("flow-warps", vm.warpsProperty(), 1, 200, 1);
        warps.disableProperty().bind(vm.alphaUsedBinding().not());
        Forms.row(g, "Warps", warps, "Outer fixed-point iterations (Brox, Horn-Schunck)");
        Spinner<Integer> radius = Forms.intSpinner("flow-radius", vm.regionRadiusProperty(), 1, 20, 1);
        radius.disableProperty().bind(vm.regionUsedBinding().not());
        Forms.row(g, "Region radius", radius, "Half-size of the matched window (KLT, region)");
        Button apply = new Button("Apply to dataset");
        apply.setId("apply-flow");
        apply.setMaxWidth(Double.MAX_VALUE);
        apply.setOnAction(e -> vm.applyToDataset());
        Label applied = new Label();
        applied.setId("applied-flow");
        applied.setWrapText(true);
        applied.textProperty().bind(vm.appliedProperty());
        TitledPane params = new TitledPane("Optical flow", g);
        params.setCollapsible(false);
        TitledPane whole = new TitledPane("Whole dataset", new VBox(6, apply, applied));
        whole.setCollapsible(false);
        VBox box = new VBox(params, whole);
        box.getStyleClass().add("lab-form");
        return box;
    }

    private GridPane tiles() {
        var p = vm.previewProperty();
        ImageTile frame = new ImageTile("flow-frame", "Frame t").show(picture(p, FlowPreview::frame));
        ImageTile next = new ImageTile("flow-next", "Frame t + 1").show(picture(p, FlowPreview::next));
        ImageTile estimate = new ImageTile("flow-estimate", "Estimated flow").show(picture(p, FlowPreview::estimateWheel))
                .legend(picture(p, FlowPreview::wheelLegend));
        ImageTile truth = new ImageTile("flow-truth", "Ground truth (same colours)")
                .show(picture(p, FlowPreview::truthWheel));
        truth.canvas().placeholderProperty().set("This dataset has no ground-truth flow");
        ImageTile tubes = new ImageTile("flow-tubes", "Action tubes: what the network sees")
                .show(picture(p, FlowPreview::actionTubes)).legend(FlowLegend.actionTubes(300));
        return LabGrid.of(3, frame, next, tubes, estimate, truth);
    }

    private static ObjectBinding<RgbImage> picture(ObservableValue<FlowPreview> preview,
                                                   Function<FlowPreview, RgbImage> f) {
        return Bindings.createObjectBinding(() -> preview.getValue() == null ? null : f.apply(preview.getValue()),
                preview);
    }

    private VBox footer() {
        Label summary = new Label();
        summary.setId("flow-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> vm.previewProperty().get() == null ? ""
                : vm.previewProperty().get().summary(), vm.previewProperty()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        Label problem = new Label();
        problem.getStyleClass().add("problem-text");
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(vm.problemProperty().isNotEmpty());
        VBox box = new VBox(4, new HBox(8, busy, summary), problem);
        box.getStyleClass().add("lab-footer");
        return box;
    }
}
