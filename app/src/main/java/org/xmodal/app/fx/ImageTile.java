package org.xmodal.app.fx;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.engine.image.RgbImage;

/** A titled picture in a grid of pictures, with zoom and pan, and an optional legend under it. */
public final class ImageTile extends VBox {
    private final ImageCanvas canvas = new ImageCanvas();
    private final ImageView legend = new ImageView();

    public ImageTile(String id, String title) {
        setId(id);
        getStyleClass().add("image-tile");
        Label caption = new Label(title);
        caption.getStyleClass().add("tile-title");
        canvas.setId(id + "-image");
        canvas.setPrefSize(260, 195);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        legend.setPreserveRatio(true);
        legend.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> legend.getImage() == null
                ? 0 : Math.min(getWidth(), legend.getImage().getWidth()), widthProperty(), legend.imageProperty()));
        // the legend shrinks with the tile instead of holding the tile (and the grid) at its own width
        javafx.scene.layout.Pane legendBox = new javafx.scene.layout.Pane(legend);
        legendBox.setMinWidth(0);
        legendBox.managedProperty().bind(legend.imageProperty().isNotNull());
        legendBox.visibleProperty().bind(legend.imageProperty().isNotNull());
        setMinWidth(0);
        caption.setMinWidth(0);
        getChildren().addAll(caption, canvas, legendBox);
    }

    /** Shows what an observable engine image holds, converted for JavaFX. */
    public ImageTile show(ObservableValue<RgbImage> picture) {
        canvas.imageProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> FxImages.toFx(picture.getValue()), picture));
        return this;
    }

    public ImageTile legend(RgbImage img) {
        legend.setImage(FxImages.toFx(img));
        return this;
    }

    public ImageTile legend(ObservableValue<RgbImage> picture) {
        legend.imageProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> FxImages.toFx(picture.getValue()), picture));
        return this;
    }

    public ImageCanvas canvas() {
        return canvas;
    }
}
