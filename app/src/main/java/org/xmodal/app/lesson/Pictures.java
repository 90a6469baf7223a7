package org.xmodal.app.lesson;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.fx.ImageTile;
import org.xmodal.engine.image.RgbImage;

/** A titled picture of the lesson with a line under it saying what it shows; set from any step's results. */
final class Pictures extends VBox {
    private final ObjectProperty<RgbImage> picture = new SimpleObjectProperty<>();
    private final Label note = new Label();

    Pictures(String id, String title) {
        getStyleClass().add("lesson-picture");
        ImageTile tile = new ImageTile(id, title).show(picture);
        note.getStyleClass().add("lesson-note");
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the picture shrinks, never the words
        VBox.setVgrow(tile, Priority.ALWAYS);
        setMinWidth(0);
        getChildren().addAll(tile, note);
    }

    Pictures show(RgbImage img, String what) {
        picture.set(img);
        note.setText(what);
        return this;
    }

    RgbImage picture() {
        return picture.get();
    }
}
