package org.xmodal.app.lab;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.hha.FloorReference;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.viz.HhaPictures;

/** The HHA encoding lab: the parameters on the left, the pictures of the selected pair updating live. */
final class HhaLabPane extends BorderPane {
    private final HhaLabViewModel vm;

    HhaLabPane(HhaLabViewModel vm) {
        this.vm = vm;
        LabLayout.arrange(this, "hha-lab", form(), tiles(), LabLayout.footer("hha-summary", "hha-problem",
                LabLayout.summary(vm.previewProperty(), HhaPreview::summary), vm.busyProperty(),
                vm.problemProperty()));
    }

    private VBox form() {
        ComboBox<CameraPreset> preset = new ComboBox<>(vm.presets());
        preset.setId("camera-preset");
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        GridPane camera = Forms.grid();
        Forms.row(camera, "Preset", preset, "Presets fill the intrinsics; editing one makes the camera custom.");
        Forms.row(camera, "fx", Forms.numberField("camera-fx", vm.fxProperty()), "Focal length in pixels (x)");
        Forms.row(camera, "fy", Forms.numberField("camera-fy", vm.fyProperty()), "Focal length in pixels (y)");
        Forms.row(camera, "cx", Forms.numberField("camera-cx", vm.cxProperty()),
                "Principal point, 1-based as in NYU's toolbox");
        Forms.row(camera, "cy", Forms.numberField("camera-cy", vm.cyProperty()),
                "Principal point, 1-based as in NYU's toolbox");
        HBox size = new HBox(4, Forms.intSpinner("camera-width", vm.cameraWidthProperty(), 1, 8192, 16),
                new Label("x"), Forms.intSpinner("camera-height", vm.cameraHeightProperty(), 1, 8192, 16));
        Forms.row(camera, "Size", size, "The size the intrinsics are given for; they are scaled to the "
                + "depth image.");

        GridPane depth = Forms.grid();
        Forms.row(depth, "Units per metre", Forms.numberField("depth-units", vm.unitsPerMetreProperty()),
                "How many stored units make a metre: 1000 for millimetres, 10000 for NYU's PNGs. Try a wrong value "
                        + "to see what wrong units do to HHA.");

        GridPane normals = Forms.grid();
        Forms.row(normals, "Normal radius", Forms.intSpinner("normal-radius", vm.normalRadiusProperty(), 1, 50, 1),
                "Half-size of the window of the normals that make the angle channel (3: 7x7 pixels)");
        Forms.row(normals, "Gravity radius", Forms.intSpinner("gravity-radius", vm.gravityRadiusProperty(), 1, 50, 1),
                "Half-size of the window of the normals gravity is estimated from (10: 21x21 pixels)");

        GridPane gravity = Forms.grid();
        Forms.row(gravity, "Stage 1 angle", Forms.doubleSpinner("coarse-angle", vm.coarseAngleProperty(), 1, 89, 1),
                "Normals within this angle of gravity count as floor, within it of horizontal as wall (degrees)");
        Forms.row(gravity, "Stage 2 angle", Forms.doubleSpinner("fine-angle", vm.fineAngleProperty(), 1, 89, 1),
                "The same threshold for the second, finer stage (degrees)");
        Forms.row(gravity, "Iterations", Forms.intSpinner("stage-iterations", vm.stageIterationsProperty(), 0, 100, 1),
                "Iterations of each stage");
        ChoiceBox<FloorReference> floor = new ChoiceBox<>();
        floor.setId("floor-reference");
        floor.getItems().setAll(FloorReference.values());
        floor.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FloorReference f) {
                return f == null ? "" : f.id();
            }

            @Override
            public FloorReference fromString(String s) {
                return FloorReference.parse(s);
            }
        });
        floor.valueProperty().bindBidirectional(vm.floorReferenceProperty());
        Forms.row(gravity, "Floor", floor, "Height is measured from the lowest point (the reference) or from the "
                + "floor plane (robust to sensor noise)");

        VBox applyBox = LabLayout.applyBox("apply-hha", "applied", vm::applyToDataset, vm.appliedProperty(),
                vm::useInNewRun);

        VBox box = new VBox(LabLayout.section("Camera", camera), LabLayout.section("Depth", depth),
                LabLayout.section("Normals", normals), LabLayout.section("Gravity and floor", gravity),
                LabLayout.section("Whole dataset", applyBox));
        box.getStyleClass().add("lab-form");
        return box;
    }

    private GridPane tiles() {
        var preview = vm.previewProperty();
        HhaConfig legends = HhaConfig.reference(CameraIntrinsics.nyuColour());
        ImageTile rgb = new ImageTile("hha-gravity", "Gravity: horizon (yellow), up (red)")
                .show(LabLayout.picture(preview, HhaPreview::rgb));
        preview.addListener((obs, o, p) -> rgb.canvas().marks().setAll(p == null ? java.util.List.of()
                : p.gravityMarks()));
        ImageTile masks = new ImageTile("hha-masks", "Floor (green) and wall (blue) pixels")
                .show(LabLayout.picture(preview, HhaPreview::floorAndWalls));
        ImageTile composite = new ImageTile("hha-composite", "HHA")
                .show(LabLayout.picture(preview, HhaPreview::composite));
        ImageTile disparity = new ImageTile("hha-disparity", "Horizontal disparity (R)")
                .show(LabLayout.picture(preview, HhaPreview::disparity))
                .legend(HhaPictures.legend(HhaPictures.Channel.DISPARITY, legends, 300));
        ImageTile height = new ImageTile("hha-height", "Height above the floor (G)")
                .show(LabLayout.picture(preview, HhaPreview::height))
                .legend(HhaPictures.legend(HhaPictures.Channel.HEIGHT, legends, 300));
        ImageTile angle = new ImageTile("hha-angle", "Angle with gravity (B)")
                .show(LabLayout.picture(preview, HhaPreview::angle))
                .legend(HhaPictures.legend(HhaPictures.Channel.ANGLE, legends, 300));
        return LabGrid.of(3, rgb, masks, composite, disparity, height, angle);
    }
}
