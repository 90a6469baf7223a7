package org.xmodal.app.data;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.fx.Mark;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.LatestWins;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.RgbImage;

/**
 * The pair viewer's state. The selected pair is loaded off the UI thread, the latest selection winning when pairs
 * are stepped through quickly; then a layer is shown, optionally compared with a second layer by blinking between
 * them or by a swipe line, with the ground-truth boxes on top and the pixel under the cursor read out.
 */
public final class PairViewerViewModel {
    /** How two layers are compared to check that they line up. */
    public enum CompareMode {
        NONE("No comparison"), BLINK("Blink"), SWIPE("Swipe");

        private final String label;

        CompareMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private record Request(PairedDataset dataset, Pair pair) {
    }

    private final LatestWins<Request, PairContent> loader;
    private final ReadOnlyObjectWrapper<PairContent> content = new ReadOnlyObjectWrapper<>(this, "content");
    private final ObservableList<Layer> layers = FXCollections.observableArrayList();
    private final ObjectProperty<Layer> layer = new SimpleObjectProperty<>(this, "layer", Layer.RGB);
    private final ObjectProperty<Layer> compareLayer = new SimpleObjectProperty<>(this, "compareLayer", Layer.DEPTH);
    private final ObjectProperty<CompareMode> compare = new SimpleObjectProperty<>(this, "compare", CompareMode.NONE);
    private final DoubleProperty swipe = new SimpleDoubleProperty(this, "swipe", 0.5);
    private final BooleanProperty blinkPhase = new SimpleBooleanProperty(this, "blinkPhase");
    private final BooleanProperty showBoxes = new SimpleBooleanProperty(this, "showBoxes", true);
    private final ReadOnlyObjectWrapper<RgbImage> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyObjectWrapper<RgbImage> secondImage = new ReadOnlyObjectWrapper<>(this, "secondImage");
    private final ReadOnlyObjectWrapper<RgbImage> legend = new ReadOnlyObjectWrapper<>(this, "legend");
    private final ReadOnlyObjectWrapper<Layer> shownLayer = new ReadOnlyObjectWrapper<>(this, "shownLayer");
    private final ObservableList<Mark> marks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper corruption = new ReadOnlyStringWrapper(this, "corruption", "");
    private final ReadOnlyStringWrapper reading = new ReadOnlyStringWrapper(this, "reading", "");

    public PairViewerViewModel(TaskExecutor executor, DatasetSession session, ProblemReporter problems) {
        loader = new LatestWins<>(executor, "Loading a pair",
                (r, cancel) -> PairContentLoader.load(r.dataset(), r.pair(), cancel), this::show,
                e -> problems.report(Problems.describe("Could not show the pair", e)));
        session.selectedPairProperty().addListener((obs, old, pair) -> {
            // a comparison is of this pair's two layers: another pair (or dataset) starts without one, so that the
            // layer the tabs highlight is the one shown
            compare.set(CompareMode.NONE);
            if (pair == null || session.dataset() == null) {
                clear();
            } else {
                loader.request(new Request(session.dataset(), pair));
            }
        });
        layer.addListener((obs, o, n) -> {
            // choosing a layer means looking at it: a blink would show the other one half the time
            compare.set(CompareMode.NONE);
            updateShown();
        });
        compareLayer.addListener((obs, o, n) -> updateShown());
        compare.addListener((obs, o, n) -> {
            blinkPhase.set(false);
            updateShown();
        });
        blinkPhase.addListener((obs, o, n) -> updateShown());
        showBoxes.addListener((obs, o, n) -> updateShown());
        if (session.selectedPairProperty().get() != null && session.dataset() != null) {
            loader.request(new Request(session.dataset(), session.selectedPairProperty().get()));
        }
    }

    private void show(PairContent c) {
        content.set(c);
        layers.setAll(c.layers());
        if (!layers.contains(layer.get())) {
            layer.set(Layer.RGB);
        }
        if (!layers.contains(compareLayer.get()) || compareLayer.get() == Layer.RGB) {
            compareLayer.set(layers.contains(Layer.DEPTH) ? Layer.DEPTH : Layer.NEXT_FRAME);
        }
        title.set(c.description());
        corruption.set(PairText.corruption(c.pair()).orElse(""));
        reading.set("");
        updateShown();
    }

    private void clear() {
        content.set(null);
        layers.clear();
        title.set("");
        corruption.set("");
        reading.set("");
        updateShown();
    }

    private void updateShown() {
        PairContent c = content.get();
        if (c == null) {
            image.set(null);
            secondImage.set(null);
            legend.set(null);
            shownLayer.set(null);
            marks.clear();
            return;
        }
        Layer shown = compare.get() == CompareMode.BLINK && blinkPhase.get() ? compareLayer.get() : layer.get();
        if (c.image(shown) == null) {
            shown = Layer.RGB;
        }
        shownLayer.set(shown);
        image.set(c.image(shown));
        secondImage.set(compare.get() == CompareMode.SWIPE ? c.image(compareLayer.get()) : null);
        legend.set(c.legend(shown).orElse(null));
        marks.setAll(showBoxes.get() ? c.boxes() : List.of());
    }

    /** Reads the pixel at continuous image coordinates (x, y); outside the image the reading is empty. */
    public void inspect(double x, double y) {
        reading.set(PixelInspector.read(content.get(), x, y));
    }

    public void clearInspection() {
        reading.set("");
    }

    /** Shows the other layer of a blink comparison; the view calls it on a timer. */
    public void toggleBlink() {
        if (compare.get() == CompareMode.BLINK) {
            blinkPhase.set(!blinkPhase.get());
        }
    }

    public ReadOnlyObjectProperty<PairContent> contentProperty() {
        return content.getReadOnlyProperty();
    }

    public ObservableList<Layer> layers() {
        return layers;
    }

    public ObjectProperty<Layer> layerProperty() {
        return layer;
    }

    public ObjectProperty<Layer> compareLayerProperty() {
        return compareLayer;
    }

    public ObjectProperty<CompareMode> compareProperty() {
        return compare;
    }

    /** Where the swipe line is, 0 (left edge) to 1 (right edge): left of it the layer, right the compared one. */
    public DoubleProperty swipeProperty() {
        return swipe;
    }

    public BooleanProperty showBoxesProperty() {
        return showBoxes;
    }

    public ReadOnlyObjectProperty<RgbImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** The compared layer while swiping, else null. */
    public ReadOnlyObjectProperty<RgbImage> secondImageProperty() {
        return secondImage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> legendProperty() {
        return legend.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Layer> shownLayerProperty() {
        return shownLayer.getReadOnlyProperty();
    }

    public ObservableList<Mark> marks() {
        return marks;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /**
     * How the shown pair's RGB (the teacher's view) was corrupted, as a sentence, or empty for a clean pair (see
     * {@link PairText#corruption}).
     */
    public ReadOnlyStringProperty corruptionProperty() {
        return corruption.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loader.busyProperty();
    }
}
