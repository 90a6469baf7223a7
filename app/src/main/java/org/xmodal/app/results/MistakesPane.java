package org.xmodal.app.results;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.FxImages;

/** The chosen cell's top false positives and missed objects, as thumbnails of their test images. */
final class MistakesPane {
    static final String PLACEHOLDER = "Click a cell of the table (a class and an arm) to see that class's "
            + "highest-scoring false positives and its missed objects for the chosen seed.";
    private final VBox root = new VBox(4);
    private final Label title = new Label(PLACEHOLDER);
    private final Label note = new Label();
    private final HBox falsePositives = new HBox(6);
    private final HBox missed = new HBox(6);
    private final Label fpLabel = new Label("Top false positives");
    private final Label missedLabel = new Label("Missed objects");

    MistakesPane(ResultsViewModel vm) {
        root.setId("mistakes-pane");
        root.setPadding(new Insets(6, 10, 6, 10));
        title.setId("mistakes-title");
        title.setWrapText(true);
        title.getStyleClass().add("mistakes-title");
        note.setId("mistakes-note");
        note.setWrapText(true);
        note.getStyleClass().add("problem-text");
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        falsePositives.setId("false-positives");
        missed.setId("missed-objects");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.findingMistakesProperty());
        busy.managedProperty().bind(vm.findingMistakesProperty());
        Label legend = new Label("Shown on the RGB test image: the detection in orange, the ground-truth box of the "
                + "class it overlaps most dashed green; a missed object's box in green.");
        legend.getStyleClass().add("placeholder-text");
        legend.setWrapText(true);
        fpLabel.getStyleClass().add("tile-title");
        missedLabel.getStyleClass().add("tile-title");
        HBox head = new HBox(8, busy, title);
        VBox fpColumn = new VBox(2, fpLabel, strip(falsePositives));
        VBox missedColumn = new VBox(2, missedLabel, strip(missed));
        HBox.setHgrow(fpColumn, Priority.ALWAYS);
        HBox.setHgrow(missedColumn, Priority.ALWAYS);
        fpColumn.setMinWidth(0);
        missedColumn.setMinWidth(0);
        fpColumn.setPrefWidth(600);
        missedColumn.setPrefWidth(600);
        root.getChildren().addAll(head, note, legend, new HBox(12, fpColumn, missedColumn));
        vm.mistakesProperty().addListener((obs, o, n) -> show(n));
        show(vm.mistakesProperty().get());
    }

    private static ScrollPane strip(HBox tiles) {
        ScrollPane s = new ScrollPane(tiles);
        s.setFitToHeight(true);
        s.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        s.setMinHeight(MistakeFinder.THUMB_HEIGHT + 62);
        s.setPrefHeight(MistakeFinder.THUMB_HEIGHT + 62);
        VBox.setVgrow(s, Priority.NEVER);
        return s;
    }

    private void show(Mistakes m) {
        note.setText("");
        falsePositives.getChildren().clear();
        missed.getChildren().clear();
        fpLabel.setText("Top false positives");
        missedLabel.setText("Missed objects");
        if (m == null) {
            title.setText(PLACEHOLDER);
        } else if (m instanceof Mistakes.Unavailable u) {
            title.setText(u.className() + " \u00d7 " + u.arm() + ", seed " + u.seed() + ": " + u.reason());
        } else if (m instanceof Mistakes.Found f) {
            title.setText(f.summary());
            note.setText(f.note());
            fpLabel.setText(String.format("Top false positives (%d of %d, highest score first)",
                    f.falsePositives().size(), f.falsePositiveCount()));
            missedLabel.setText(String.format("Missed objects (%d of %d not found at IoU 0.5)", f.missed().size(),
                    f.missedCount()));
            add(falsePositives, f.falsePositives(), "fp-", "No false positives");
            add(missed, f.missed(), "missed-", "Every object of the class was found");
        }
    }

    private static void add(HBox box, List<Mistakes.Example> examples, String idPrefix, String none) {
        if (examples.isEmpty()) {
            Label l = new Label(none);
            l.getStyleClass().add("placeholder-text");
            box.getChildren().add(l);
            return;
        }
        for (int i = 0; i < examples.size(); i++) {
            Mistakes.Example e = examples.get(i);
            ImageView image = new ImageView(FxImages.convert(e.picture()));
            Label caption = new Label(e.caption());
            caption.getStyleClass().add("mistake-caption");
            VBox tile = new VBox(2, image, caption);
            tile.setId(idPrefix + i);
            tile.getStyleClass().add("mistake-tile");
            box.getChildren().add(tile);
        }
    }

    VBox node() {
        return root;
    }
}
