package org.xmodal.app.lab;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.Forms;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.hha.FloorReference;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.viz.HhaPictures;

/** The HHA encoding lab: the parameters on the left, the pictures of the selected pair updating live. */
final class HhaLabPane extends BorderPane {
    private final HhaLabViewModel vm;

    HhaLabPane(HhaLabViewModel vm) {
        this.vm = vm;
        setId("hha-lab");
        ScrollPane form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.setPrefWidth(330);
        form.setMinWidth(300);
        setLeft(form);
        setCenter(tiles());
        setBottom(footer());
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

        Button apply = new Button("Apply to dataset");
        apply.setId("apply-hha");
        apply.setMaxWidth(Double.MAX_VALUE);
        apply.setOnAction(e -> vm.applyToDataset());
        Label applied = new Label();
        applied.setId("applied");
        applied.setWrapText(true);
        applied.textProperty().bind(vm.appliedProperty());
        VBox applyBox = new VBox(6, apply, applied);

        VBox box = new VBox(section("Camera", camera), section("Depth", depth), section("Normals", normals),
                section("Gravity and floor", gravity), section("Whole dataset", applyBox));
        box.getStyleClass().add("lab-form");
        return box;
    }

    private static TitledPane section(String title, Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(false);
        return p;
    }

    private GridPane tiles() {
        var preview = vm.previewProperty();
        HhaConfig legends = HhaConfig.reference(CameraIntrinsics.nyuColour());
        ImageTile rgb = new ImageTile("hha-gravity", "Gravity: horizon (yellow), up (red)")
                .show(picture(preview, HhaPreview::rgb));
        preview.addListener((obs, o, p) -> rgb.canvas().marks().setAll(p == null ? java.util.List.of()
                : p.gravityMarks()));
        ImageTile masks = new ImageTile("hha-masks", "Floor (green) and wall (blue) pixels")
                .show(picture(preview, HhaPreview::floorAndWalls));
        ImageTile composite = new ImageTile("hha-composite", "HHA").show(picture(preview, HhaPreview::composite));
        ImageTile disparity = new ImageTile("hha-disparity", "Horizontal disparity (R)")
                .show(picture(preview, HhaPreview::disparity))
                .legend(HhaPictures.legend(HhaPictures.Channel.DISPARITY, legends, 300));
        ImageTile height = new ImageTile("hha-height", "Height above the floor (G)")
                .show(picture(preview, HhaPreview::height))
                .legend(HhaPictures.legend(HhaPictures.Channel.HEIGHT, legends, 300));
        ImageTile angle = new ImageTile("hha-angle", "Angle with gravity (B)").show(picture(preview, HhaPreview::angle))
                .legend(HhaPictures.legend(HhaPictures.Channel.ANGLE, legends, 300));
        return LabGrid.of(3, rgb, masks, composite, disparity, height, angle);
    }

    private static javafx.beans.binding.ObjectBinding<RgbImage> picture(
            javafx.beans.value.ObservableValue<HhaPreview> preview, java.util.function.Function<HhaPreview, RgbImage> f) {
        return Bindings.createObjectBinding(() -> preview.getValue() == null ? null : f.apply(preview.getValue()),
                preview);
    }

    private VBox footer() {
        Label summary = new Label();
        summary.setId("hha-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> vm.previewProperty().get() == null ? ""
                : vm.previewProperty().get().summary(), vm.previewProperty()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        Label problem = new Label();
        problem.setId("hha-problem");
        problem.getStyleClass().add("problem-text");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(vm.problemProperty().isNotEmpty());
        VBox box = new VBox(4, new HBox(8, busy, summary), problem);
        box.getStyleClass().add("lab-footer");
        return box;
    }
}
