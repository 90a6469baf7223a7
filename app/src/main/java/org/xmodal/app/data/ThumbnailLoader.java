package org.xmodal.app.data;

import java.util.function.Consumer;
import javafx.scene.image.Image;
import org.xmodal.app.fx.FxImages;
import org.xmodal.app.task.Outcome;
import org.xmodal.app.task.RunningTask;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.viz.AwtImages;
import org.xmodal.viz.DepthPictures;
import org.xmodal.viz.DepthScale;
import org.xmodal.viz.Thumbnails;

/**
 * Thumbnails of pairs for the list: the RGB image beside its partner (false-colour depth, or the flow), made off
 * the UI thread, cached by dataset and pair. A list cell that scrolls away cancels its request, so fast scrolling
 * only makes the thumbnails that end up visible.
 */
public final class ThumbnailLoader {
    public static final int SIDE_WIDTH = 64;
    public static final int SIDE_HEIGHT = 48;
    private static final int CAPACITY = 2000;

    private final TaskExecutor executor;
    private final LruCache<String, Image> cache = new LruCache<>(CAPACITY);

    public ThumbnailLoader(TaskExecutor executor) {
        this.executor = executor;
    }

    /** Calls {@code whenReady} on the UI thread, at once when cached; returns the request, or null when cached. */
    public RunningTask load(PairedDataset ds, Pair pair, Consumer<Image> whenReady) {
        String key = ds.root() + "#" + pair.id();
        Image hit = cache.get(key);
        if (hit != null) {
            whenReady.accept(hit);
            return null;
        }
        return executor.submit("Thumbnail of " + pair.id(), (progress, cancel) -> {
            cancel.check();
            RgbImage rgb = Thumbnails.fit(ds.rgb(pair), SIDE_WIDTH, SIDE_HEIGHT);
            cancel.check();
            RgbImage partner = Thumbnails.fit(partner(ds, pair), SIDE_WIDTH, SIDE_HEIGHT);
            return FxImages.convert(Thumbnails.sideBySide(rgb, partner, 2, AwtImages.LEGEND_BACKGROUND));
        }, outcome -> {
            if (outcome instanceof Outcome.Done<Image> done) {
                cache.put(key, done.value());
                whenReady.accept(done.value());
            }
        });
    }

    private static RgbImage partner(PairedDataset ds, Pair pair) throws java.io.IOException {
        if (ds.modality() == Modality.DEPTH) {
            var depth = ds.depth(pair);
            return DepthPictures.colour(depth, DepthScale.of(depth));
        }
        java.util.Optional<FlowField> truth = ds.groundTruthFlow(pair);
        return truth.isPresent() ? FlowImages.colourWheel(truth.get(), 0) : ds.next(pair);
    }
}
