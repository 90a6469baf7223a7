package org.xmodal.engine.data;

import java.util.Objects;

/**
 * One annotated object: its class name, its box, and the instance id in the pair's instance mask
 * (0 when the dataset has no masks).
 */
public record ObjectAnnotation(String className, Box box, int instance) {
    public ObjectAnnotation {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(box, "box");
    }
}
