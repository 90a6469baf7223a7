package org.xmodal.engine.eval;

import java.util.Objects;
import org.xmodal.engine.data.Box;

/**
 * One scored detection: a box said to hold an object of a class in an image.
 *
 * @param imageId   the image's id (a {@link org.xmodal.engine.data.Pair#id()}), the key of its ground truth
 * @param className one of the evaluated classes
 * @param score     higher means more confident; any scale, only the order matters
 */
public record Detection(String imageId, String className, Box box, double score) {
    public Detection {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(box, "box");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("detection of " + className + " in " + imageId + " has a NaN score");
        }
    }
}
