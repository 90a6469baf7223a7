package org.xmodal.app.lesson;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.xmodal.app.data.Layer;
import org.xmodal.app.data.PairContent;
import org.xmodal.app.data.PairContentLoader;
import org.xmodal.app.fx.FxImages;
import org.xmodal.app.fx.ImageCanvas;

/** Step 1: the RGB image and the depth map of the same room, one over the other, swiped with a slider. */
final class PairsStep extends LessonStep {
    private final LessonMaterial material;
    private final ImageCanvas canvas = new ImageCanvas();
    private final Slider swipe = new Slider(0, 1, 0.5);
    private final Label note = new Label();

    PairsStep(LessonMaterial material) {
        super("pairs", "Paired images", "A colour camera and a depth sensor see the same room at the same moment, "
                + "pixel for pixel. Nobody labelled these pairs: the pairing itself will be the supervision. Drag the "
                + "slider to swipe between colour and depth.");
        this.material = material;
    }

    @Override
    protected Node build() {
        canvas.setId("lesson-pairs-canvas");
        canvas.placeholderProperty().set("Loading the room ...");
        canvas.splitProperty().bind(swipe.valueProperty());
        swipe.setId("lesson-pairs-swipe");
        note.getStyleClass().add("lesson-note");
        note.setWrapText(true);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        VBox box = new VBox(8, canvas, swipe, note);
        box.getStyleClass().add("lesson-artefact");
        return box;
    }

    @Override
    protected void start() {
        work(material, "Loading the room", (progress, cancel) -> PairContentLoader.load(
                material.dataset(progress, cancel), material.pair(progress, cancel), cancel), this::show);
    }

    private void show(PairContent c) {
        canvas.imageProperty().set(FxImages.toFx(c.images().get(Layer.RGB)));
        canvas.secondImageProperty().set(FxImages.toFx(c.images().get(Layer.DEPTH)));
        note.setText("Left of the line: the colour image. Right: depth, near in dark purple, far in yellow ("
                + c.description() + ").");
        ready(true);
    }

    /** Where the swipe line is, 0 to 1 (for tests and the keyboard). */
    Slider swipe() {
        return swipe;
    }
}
