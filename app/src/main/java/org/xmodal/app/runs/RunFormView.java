package org.xmodal.app.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.xmodal.app.fx.PacedSteps;

/** The form of a new run: a preset, the devices the engine found, every field of the spec, and Start. */
final class RunFormView extends BorderPane {
    /** The fields that apply to the form's kind of run (SpecForm.appliesTo); the others keep their values. */
    private static void showFieldsOf(RunFormViewModel vm, FieldSheet first, FieldSheet second) {
        String kind = String.valueOf(vm.value("kind").get());
        String modality = String.valueOf(vm.value("modality").get());
        // a sheet makes its rows again whenever its items change: only when the kind or the modality, which decide
        // the fields shown and their labels, did
        String shownFor = kind + "/" + modality;
        if (shownFor.equals(first.getProperties().put(SHOWN_FOR, shownFor))) {
            return;
        }
        List<PropertySheet.Item> left = new ArrayList<>();
        List<PropertySheet.Item> right = new ArrayList<>();
        for (SpecField f : vm.fields()) {
            if (SpecForm.appliesTo(f, kind, modality)) {
                (SpecForm.FIRST_COLUMN.contains(f.category()) ? left : right)
                        .add(new SpecEditors.Item(f, vm.value(f.key()), vm));
            }
        }
        first.getItems().setAll(left);
        second.getItems().setAll(right);
    }

    private static final String SHOWN_FOR = "xmodal.form.shownFor";

    RunFormView(RunsViewModel runs) {
        RunFormViewModel vm = runs.form();
        setId("run-form");
        getStyleClass().add("run-form");
        Label title = new Label();
        title.setId("form-title");
        title.getStyleClass().add("run-title");
        title.textProperty().bind(vm.titleProperty());
        ComboBox<Presets.Preset> preset = new ComboBox<>(vm.presets());
        preset.setId("preset");
        preset.setPromptText("Fill from a preset...");
        preset.setTooltip(SpecEditors.tooltip("Fills every field from a preset of " + Presets.FOLDER + " (a CPU demo "
                + "of each kind of run, and the paper's settings); choosing a kind of run below fills what you have "
                + "not typed from that kind's preset"));
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        Label devices = new Label();
        devices.setId("devices");
        devices.setWrapText(true);
        devices.textProperty().bind(vm.devicesProperty());
        HBox top = new HBox(10, new Label("Preset"), preset, devices);
        top.setAlignment(Pos.CENTER_LEFT);
        setTop(new VBox(6, title, top));

        // two columns of fields side by side, scrolled together
        PacedSteps rows = new PacedSteps(FieldSheet.ROW_BUDGET_MILLIS);
        FieldSheet first = new FieldSheet("spec-sheet", rows);
        FieldSheet second = new FieldSheet("spec-sheet-2", rows);
        showFieldsOf(vm, first, second);
        // after the kind's own editor has finished reporting the change: that editor is one of the items replaced
        vm.value("kind").addListener((obs, o, n) -> Platform.runLater(
                () -> showFieldsOf(vm, first, second)));
        vm.value("modality").addListener((obs, o, n) -> Platform.runLater(
                () -> showFieldsOf(vm, first, second)));
        HBox sheets = new HBox(12, first, second);
        HBox.setHgrow(first, Priority.ALWAYS);
        HBox.setHgrow(second, Priority.ALWAYS);
        first.setMaxWidth(Double.MAX_VALUE);
        second.setMaxWidth(Double.MAX_VALUE);
        first.setPrefWidth(500);
        second.setPrefWidth(500);
        sheets.setPadding(new javafx.geometry.Insets(6, 4, 6, 0));
        ScrollPane scroll = new ScrollPane(sheets);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("run-form-fields");
        setCenter(scroll);

        Label problem = new Label();
        problem.setId("form-problem");
        problem.getStyleClass().add("problem-text");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        Button start = new Button("Start run");
        start.setId("start-run");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.specProperty().isNull());
        start.setOnAction(e -> runs.start());
        javafx.scene.control.ComboBox<String> runOn = org.xmodal.app.fx.Forms.runOnChoice("run-on",
                runs.onSlurmProperty());
        runOn.setTooltip(new javafx.scene.control.Tooltip("Where the run trains: in an engine process on this machine, "
                + "or as a Slurm batch job (xmodal submit) with the cluster profile's options "
                + "(~/.config/xmodal/cluster.json); the folder of runs must be on a filesystem the nodes share"));
        Label runOnLabel = new Label("Run on");
        runOnLabel.setLabelFor(runOn);
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-form");
        cancel.setOnAction(e -> runs.modeProperty().set(RunsViewModel.Mode.PAGE));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(problem, Priority.ALWAYS);
        HBox bottom = new HBox(10, problem, spacer, runOnLabel, runOn, cancel, start);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("form-buttons");
        setBottom(bottom);
    }
}
