package org.xmodal.engine.eval;

import java.util.Objects;
import org.xmodal.engine.data.Box;

/**
 * A ground-truth box of the evaluated class, and whether the evaluation found it.
 *
 * @param imageId the image it is in
 * @param index   its place among the image's ground-truth boxes of the class, in the image's order
 * @param found   whether a detection was matched to it (a true positive)
 * @param bestIou the highest IoU any ranked detection of the class in the image had with it (0 without any)
 */
public record TruthBox(String imageId, int index, Box box, boolean found, double bestIou) {
    public TruthBox {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(box, "box");
    }
}
