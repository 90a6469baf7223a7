package org.xmodal.engine.data.folder;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.CameraPose;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.PairAnnotation;

/**
 * {@code annotations/<id>.json}: scene class, objects with boxes as {@code [x1, y1, x2, y2]} in 0-based inclusive
 * pixel coordinates, and the camera pose when it is known.
 */
@JsonPropertyOrder({"scene", "objects", "camera"})
public record AnnotationJson(String scene, List<ObjectJson> objects, PoseJson camera) {

    @JsonPropertyOrder({"class", "box", "instance"})
    public record ObjectJson(@JsonProperty("class") String className, double[] box, Integer instance) {
    }

    @JsonPropertyOrder({"heightMetres", "pitchDegrees", "rollDegrees", "up"})
    public record PoseJson(double heightMetres, double pitchDegrees, double rollDegrees, double[] up) {
    }

    public static AnnotationJson of(PairAnnotation a) {
        List<ObjectJson> objs = a.objects().stream()
                .map(o -> new ObjectJson(o.className(), o.box().toArray(), o.instance() == 0 ? null : o.instance()))
                .toList();
        PoseJson pose = a.pose().map(p -> new PoseJson(p.heightMetres(), p.pitchDegrees(), p.rollDegrees(), p.up()))
                .orElse(null);
        return new AnnotationJson(a.sceneClass(), objs, pose);
    }

    /** Converts to the engine's type; throws IllegalArgumentException with what is wrong. */
    public PairAnnotation toAnnotation() {
        List<ObjectAnnotation> objs = objects == null ? List.of() : objects.stream().map(o -> {
            if (o.className() == null || o.className().isBlank()) {
                throw new IllegalArgumentException("an object has no class");
            }
            if (o.box() == null || o.box().length != 4) {
                throw new IllegalArgumentException("object '" + o.className() + "' needs a box [x1, y1, x2, y2]");
            }
            double[] b = o.box();
            return new ObjectAnnotation(o.className(), new Box(b[0], b[1], b[2], b[3]),
                    o.instance() == null ? 0 : o.instance());
        }).toList();
        CameraPose pose = camera == null ? null
                : new CameraPose(camera.heightMetres(), camera.pitchDegrees(), camera.rollDegrees(), camera.up());
        return new PairAnnotation(scene, objs, pose);
    }
}
