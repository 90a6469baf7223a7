package org.xmodal.app.lab;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.ImageCanvas;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.app.fx.NumberTexts;
import org.xmodal.engine.flow.FlowMethod;

/**
 * The flow encoding lab: method and parameters on the left, the estimate beside the ground truth, both in the same
 * view (same size, zoom and pan) so that a pixel of one is at the same place in the other.
 */
final class FlowLabPane extends BorderPane {
    private final FlowLabViewModel vm;
    private final NumberTexts texts = new NumberTexts();

    FlowLabPane(FlowLabViewModel vm) {
        this.vm = vm;
        LabLayout.arrange(this, "flow-lab", form(), this::tiles, LabLayout.footer("flow-summary", "flow-problem",
                LabLayout.summary(vm.previewProperty(), FlowPreview::summary), vm.busyProperty(),
                texts.before(vm.problemProperty())));
    }

    private VBox form() {
        // the CUDA methods join the list once a worker has found that they can run here (probing may load OpenCV)
        ChoiceBox<FlowMethod> method = new ChoiceBox<>(vm.methods());
        method.setId("flow-method");
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
        Spinner<Double> alpha = texts.watch("Alpha", Forms.doubleSpinner("flow-alpha", vm.alphaProperty(), 0.001,
                100, 0.01));
        alpha.disableProperty().bind(vm.alphaUsedBinding().not());
        Forms.row(g, "Alpha", alpha, "Smoothness weight: larger gives smoother flow (Brox, Horn-Schunck)");
        Spinner<Double> gamma = texts.watch("Gamma", Forms.doubleSpinner("flow-gamma", vm.gammaProperty(), 0, 100,
                0.01));
        gamma.disableProperty().bind(vm.gammaUsedBinding().not());
        Forms.row(g, "Gamma", gamma, "Weight of gradient constancy (Brox)");
        Spinner<Integer> warps = texts.watch("Warps", Forms.intSpinner("flow-warps", vm.warpsProperty(), 1, 200, 1));
        warps.disableProperty().bind(vm.alphaUsedBinding().not());
        Forms.row(g, "Warps", warps, "Outer fixed-point iterations (Brox, Horn-Schunck)");
        Spinner<Integer> radius = texts.watch("Region radius", Forms.intSpinner("flow-radius",
                vm.regionRadiusProperty(), 1, 20, 1));
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
        // the same wheel under the ground truth: it is coloured on it, and the two pictures get the same size
        ImageTile truth = new ImageTile("flow-truth", "Ground truth (same colours)")
                .show(LabLayout.picture(p, FlowPreview::truthWheel))
                .legend(LabLayout.picture(p, FlowPreview::wheelLegend));
        ImageTile tubes = new ImageTile("flow-tubes", "Action tubes: what the network sees")
                .show(LabLayout.picture(p, FlowPreview::actionTubes))
                .legend(LabLayout.picture(p, FlowPreview::tubesLegend));
        for (ImageTile t : new ImageTile[] {frame, next, tubes, estimate}) {
            LabLayout.waitsFor(t, p, vm.busyProperty(), "Estimating flow\u2026");
        }
        LabLayout.waitsFor(truth, p, vm.busyProperty(), "Estimating flow\u2026",
                "This dataset has no ground-truth flow");
        ImageCanvas.shareViewport(frame.canvas(), next.canvas(), tubes.canvas(), estimate.canvas(), truth.canvas());
        return LabGrid.of(3, frame, next, tubes, estimate, truth);
    }
}
