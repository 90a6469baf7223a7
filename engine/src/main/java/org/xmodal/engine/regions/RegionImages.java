package org.xmodal.engine.regions;

import java.util.List;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.transfer.InputNormalisation;

/**
 * The images regions are cut from (RGB, HHA or encoded flow, one per pair) and how a region becomes a network
 * input: R-CNN's warp with context to {@code side x side}, normalised. A flipped region of a flow image must also
 * have u negated, so flow sources carry the image of the mirrored field and a flipped region is cut from it at the
 * mirrored box; images of other modalities are simply mirrored.
 */
public final class RegionImages {
    private final List<RgbImage> images;
    private final List<RgbImage> mirrored;
    private final InputNormalisation normalisation;
    private final int side;
    private final int context;

    /**
     * @param mirrored for flow: the encoding of each horizontally flipped field; null for images that may simply
     *                 be mirrored
     */
    public RegionImages(List<RgbImage> images, List<RgbImage> mirrored, InputNormalisation normalisation, int side) {
        this.images = List.copyOf(images);
        this.mirrored = mirrored == null ? null : List.copyOf(mirrored);
        this.normalisation = normalisation;
        this.side = side;
        this.context = Math.max(1, Math.round(side * RegionWarp.CONTEXT_227 / 227f));
    }

    public int side() {
        return side;
    }

    public int count() {
        return images.size();
    }

    /** The size of image {@code image}. */
    public int width(int image) {
        return images.get(image).width();
    }

    public int height(int image) {
        return images.get(image).height();
    }

    /** Writes the region {@code box} of image {@code image} into sample {@code b} of a batch (NetworkInput's layout). */
    public void write(int image, Box box, boolean flip, float[] out, int b) {
        RgbImage img = images.get(image);
        if (flip && mirrored != null) {
            double w = img.width();
            Box m = new Box(w - 1 - box.x2(), box.y1(), w - 1 - box.x1(), box.y2());
            RegionWarp.write(mirrored.get(image), m, side, context, false, normalisation, out, b);
        } else {
            RegionWarp.write(img, box, side, context, flip, normalisation, out, b);
        }
    }
}
