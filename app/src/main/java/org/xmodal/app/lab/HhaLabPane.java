package org.xmodal.app.lab;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.ImageCanvas;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.app.fx.NumberTexts;
import org.xmodal.engine.hha.FloorReference;

/**
 * The HHA encoding lab: the parameters on the left, the pictures of the selected pair updating live. The problem
 * line under the pictures names a field whose text is not a number before any problem with the values.
 */
final class HhaLabPane extends BorderPane {
    private final HhaLabViewModel vm;
    private final NumberTexts texts = new NumberTexts();

    HhaLabPane(HhaLabViewModel vm) {
        this.vm = vm;
        LabLayout.arrange(this, "hha-lab", form(), this::tiles, LabLayout.footer("hha-summary", "hha-problem",
                LabLayout.summary(vm.previewProperty(), HhaPreview::summary), vm.busyProperty(),
                texts.before(vm.problemProperty())));
    }

    private VBox form() {
        ComboBox<CameraPreset> preset = new ComboBox<>(vm.presets());
        preset.setId("camera-preset");
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        GridPane camera = Forms.grid();
        Forms.row(camera, "Preset", preset, "Presets fill the intrinsics; editing one makes the camera custom.");
        Forms.row(camera, "fx", texts.watch("fx", Forms.numberField("camera-fx", vm.fxProperty())),
                "Focal length in pixels (x)");
        Forms.row(camera, "fy", texts.watch("fy", Forms.numberField("camera-fy", vm.fyProperty())),
                "Focal length in pixels (y)");
        Forms.row(camera, "cx", texts.watch("cx", Forms.numberField("camera-cx", vm.cxProperty())),
                "Principal point, 1-based as in NYU's toolbox");
        Forms.row(camera, "cy", texts.watch("cy", Forms.numberField("camera-cy", vm.cyProperty())),
                "Principal point, 1-based as in NYU's toolbox");
        HBox size = new HBox(4, texts.watch("Width", Forms.intSpinner("camera-width", vm.cameraWidthProperty(), 1,
                8192, 16)), new Label("x"), texts.watch("Height", Forms.intSpinner("camera-height",
                vm.cameraHeightProperty(), 1, 8192, 16)));
        Forms.row(camera, "Size", size, "The image size the intrinsics are for. A preset's are shown scaled to the "
                + "depth image, as HHA uses them; custom ones for another size are scaled by HHA.");
        Label note = new Label();
        note.setId("camera-note");
        note.setWrapText(true);
        note.getStyleClass().add("placeholder-text");
        note.textProperty().bind(vm.cameraNoteProperty());
        note.managedProperty().bind(vm.cameraNoteProperty().isNotEmpty());
        note.visibleProperty().bind(note.managedProperty());
        camera.add(note, 0, camera.getRowCount(), 2, 1);

        GridPane depth = Forms.grid();
        Forms.row(depth, "Units per metre", texts.watch("Units per metre", Forms.numberField("depth-units",
                vm.unitsPerMetreProperty())), "How many stored units make a metre: 1000 for millimetres, 10000 for "
                + "NYU's PNGs. Try a wrong value to see what wrong units do to HHA.");

        GridPane normals = Forms.grid();
        Forms.row(normals, "Normal radius", texts.watch("Normal radius", Forms.intSpinner("normal-radius",
                vm.normalRadiusProperty(), 1, 50, 1)),
                "Half-size of the window of the normals that make the angle channel (3: 7x7 pixels)");
        Forms.row(normals, "Gravity radius", texts.watch("Gravity radius", Forms.intSpinner("gravity-radius",
                vm.gravityRadiusProperty(), 1, 50, 1)),
                "Half-size of the window of the normals gravity is estimated from (10: 21x21 pixels)");

        GridPane gravity = Forms.grid();
        Forms.row(gravity, "Stage 1 angle", texts.watch("Stage 1 angle", Forms.doubleSpinner("coarse-angle",
                vm.coarseAngleProperty(), 1, 89, 1)),
                "Normals within this angle of gravity count as floor, within it of horizontal as wall (degrees)");
        Forms.row(gravity, "Stage 2 angle", texts.watch("Stage 2 angle", Forms.doubleSpinner("fine-angle",
                vm.fineAngleProperty(), 1, 89, 1)), "The same threshold for the second, finer stage (degrees)");
        Forms.row(gravity, "Iterations", texts.watch("Iterations", Forms.intSpinner("stage-iterations",
                vm.stageIterationsProperty(), 0, 100, 1)), "Iterations of each stage");
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
                .legend(LabLayout.picture(preview, p -> p.legends().disparity()));
        ImageTile height = new ImageTile("hha-height", "Height above the floor (G)")
                .show(LabLayout.picture(preview, HhaPreview::height))
                .legend(LabLayout.picture(preview, p -> p.legends().height()));
        ImageTile angle = new ImageTile("hha-angle", "Angle with gravity (B)")
                .show(LabLayout.picture(preview, HhaPreview::angle))
                .legend(LabLayout.picture(preview, p -> p.legends().angle()));
        for (ImageTile t : new ImageTile[] {rgb, masks, composite, disparity, height, angle}) {
            LabLayout.waitsFor(t, preview, vm.busyProperty(), "Computing HHA\u2026");
        }
        // one pixel of the depth image is at the same place in every picture, zoomed or panned in any of them
        ImageCanvas.shareViewport(rgb.canvas(), masks.canvas(), composite.canvas(), disparity.canvas(),
                height.canvas(), angle.canvas());
        return LabGrid.of(3, rgb, masks, composite, disparity, height, angle);
    }
}
