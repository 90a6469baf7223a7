package org.xmodal.app.fx;

import java.util.Map;
import java.util.WeakHashMap;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.xmodal.engine.image.RgbImage;

/** The engine's images as JavaFX images, each converted once while it is in use. */
public final class FxImages {
    // RgbImage is a record over an array, so equal keys are the same pixels: identity caching is exact.
    private static final Map<RgbImage, Image> CACHE = new WeakHashMap<>();

    private FxImages() {
    }

    public static synchronized Image toFx(RgbImage img) {
        if (img == null) {
            return null;
        }
        return CACHE.computeIfAbsent(img, FxImages::convert);
    }

    /** A new JavaFX image of the pixels, not cached (for images with their own cache, e.g. thumbnails). */
    public static Image convert(RgbImage img) {
        WritableImage out = new WritableImage(img.width(), img.height());
        out.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getByteRgbInstance(), img.rgb(), 0,
                img.width() * 3);
        return out;
    }
}
