package org.xmodal.engine.data;

import java.util.List;
import java.util.Optional;

/** What is known about a pair beyond its pixels: objects, the scene class and (for synthetic data) the camera pose. */
public record PairAnnotation(String sceneClass, List<ObjectAnnotation> objects, CameraPose cameraPose) {
    public static final PairAnnotation NONE = new PairAnnotation(null, List.of(), null);

    public PairAnnotation {
        objects = List.copyOf(objects);
    }

    public Optional<String> scene() {
        return Optional.ofNullable(sceneClass);
    }

    public Optional<CameraPose> pose() {
        return Optional.ofNullable(cameraPose);
    }
}
