package org.xmodal.app.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.xmodal.app.fx.Forms;

/** "Generate synthetic...": a form over {@code xmodal synth}'s options. Only binds to its view-model. */
public final class SynthDialog extends Dialog<ButtonType> {
    public static final ButtonType GENERATE = new ButtonType("Generate", ButtonBar.ButtonData.OK_DONE);

    public SynthDialog(SynthDialogViewModel vm, Window owner) {
        setTitle("Generate a synthetic dataset");
        setHeaderText("Furnished rooms with Kinect-like depth, boxes of the 19 NYUD2 classes and, optionally, frame "
                + "pairs with exact optical flow.\nThe same options always give the same files.");
        if (owner != null) {
            initOwner(owner);
        }
        getDialogPane().setId("synth-dialog");
        GridPane g = Forms.grid();
        TextField folder = new TextField(vm.folderProperty().get() == null ? "" : vm.folderProperty().get().toString());
        folder.setId("synth-folder");
        folder.textProperty().addListener((obs, o, text) -> vm.folderProperty().set(toPath(text)));
        Button choose = new Button("Choose...");
        choose.setId("synth-choose");
        choose.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder for the synthetic dataset");
            java.io.File picked = c.showDialog(getDialogPane().getScene().getWindow());
            if (picked != null) {
                folder.setText(picked.getAbsolutePath());
            }
        });
        HBox folderRow = new HBox(6, folder, choose);
        HBox.setHgrow(folder, Priority.ALWAYS);
        Forms.row(g, "Folder", folderRow, "A new or empty folder; the flow pairs go to its flow/ subfolder.");
        TextField seed = new TextField(Long.toString(vm.seedProperty().get()));
        seed.setId("synth-seed");
        seed.textProperty().addListener((obs, o, text) -> {
            try {
                vm.seedProperty().set(Long.parseLong(text.trim()));
                seed.getStyleClass().remove("invalid-value");
            } catch (NumberFormatException e) {
                seed.getStyleClass().add("invalid-value");
            }
        });
        Forms.row(g, "Seed", seed, "Scene i depends only on (seed, i).");
        Forms.row(g, "Scenes", Forms.intSpinner("synth-scenes", vm.scenesProperty(), 1, 999_999, 10),
                "Still RGB-D scenes.");
        HBox size = new HBox(6, Forms.intSpinner("synth-width", vm.widthProperty(), 32, 4096, 16), new Label("x"),
                Forms.intSpinner("synth-height", vm.heightProperty(), 32, 4096, 12));
        Forms.row(g, "Image size", size, "Width x height in pixels; NYU's colour camera is scaled to it.");
        Forms.row(g, "Flow sequences", Forms.intSpinner("synth-sequences", vm.flowSequencesProperty(), 0, 9_999, 1),
                "Moving-camera sequences with ground-truth flow (0 for none).");
        Forms.row(g, "Frames per sequence", Forms.intSpinner("synth-frames", vm.framesProperty(), 2, 99, 1),
                "A sequence of K frames gives K - 1 flow pairs.");
        Forms.row(g, "Labelled fraction", Forms.doubleSpinner("synth-labelled", vm.labelledFractionProperty(), 0, 1,
                0.05), "Fraction of train pairs whose boxes may be used for training; test pairs always are.");
        Forms.row(g, "Test fraction", Forms.doubleSpinner("synth-test", vm.testFractionProperty(), 0, 1, 0.05),
                "Fraction of scenes in the test split.");
        CheckBox replace = new CheckBox("Replace an earlier synthetic dataset in the folder");
        replace.setId("synth-replace");
        replace.selectedProperty().bindBidirectional(vm.replaceProperty());
        g.add(replace, 1, g.getRowCount());
        Label problem = new Label();
        problem.setId("synth-problem");
        problem.getStyleClass().add("problem-text");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        TextField command = new TextField();
        command.setId("synth-command");
        command.setEditable(false);
        command.getStyleClass().add("command-text");
        command.textProperty().bind(vm.commandProperty());
        VBox content = new VBox(10, g, problem, new Label("Same as:"), command);
        content.setPrefWidth(560);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(GENERATE, ButtonType.CANCEL);
        getDialogPane().lookupButton(GENERATE).disableProperty().bind(vm.validProperty().not());
        getDialogPane().lookupButton(GENERATE).setId("synth-generate");
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("synth-cancel");
    }

    private static Path toPath(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text.trim()).toAbsolutePath();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
