package org.xmodal.app.lab;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.flow.OpenCvCuda;
import org.xmodal.viz.FlowLegend;

/** The flow encoding lab: method and parameters on the left, the estimate beside the ground truth. */
final class FlowLabPane extends BorderPane {
    private final FlowLabViewModel vm;

    FlowLabPane(FlowLabViewModel vm) {
        this.vm = vm;
        LabLayout.arrange(this, "flow-lab", form(), tiles(), LabLayout.footer("flow-summary", "flow-problem",
                LabLayout.summary(vm.previewProperty(), FlowPreview::summary), vm.busyProperty(),
                vm.problemProperty()));
    }

    private VBox form() {
        ChoiceBox<FlowMethod> method = new ChoiceBox<>();
        method.setId("flow-method");
        method.getItems().setAll(OpenCvCuda.availableMethods()); // the CUDA ones only where they can run
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
        TitledPane params = LabLayout.section("Optical flow", g);
        TitledPane whole = LabLayout.section("Whole dataset", LabLayout.applyBox("apply-flow", "applied-flow",
                vm::applyToDataset, vm.appliedProperty(), vm::useInNewRun));
        VBox box = new VBox(params, whole);
        box.getStyleClass().add("lab-form");
        return box;
    }

    private GridPane tiles() {
        var p = vm.previewProperty();
        ImageTile frame = new ImageTile("flow-frame", "Frame t").show(LabLayout.picture(p, FlowPreview::frame));
        ImageTile next = new ImageTile("flow-next", "Frame t + 1").show(LabLayout.picture(p, FlowPreview::next));
        ImageTile estimate = new ImageTile("flow-estimate", "Estimated flow")
                .show(LabLayout.picture(p, FlowPreview::estimateWheel))
                .legend(LabLayout.picture(p, FlowPreview::wheelLegend));
        ImageTile truth = new ImageTile("flow-truth", "Ground truth (same colours)")
                .show(LabLayout.picture(p, FlowPreview::truthWheel));
        truth.canvas().placeholderProperty().set("This dataset has no ground-truth flow");
        ImageTile tubes = new ImageTile("flow-tubes", "Action tubes: what the network sees")
                .show(LabLayout.picture(p, FlowPreview::actionTubes)).legend(FlowLegend.actionTubes(300));
        return LabGrid.of(3, frame, next, tubes, estimate, truth);
    }
}
