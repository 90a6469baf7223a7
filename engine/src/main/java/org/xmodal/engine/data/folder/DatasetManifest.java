package org.xmodal.engine.data.folder;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code dataset.json}, the manifest of the project's folder format. Paths are relative to the folder, with '/'.
 * See sample-data/README.md for the format as a Python user reads it.
 */
@JsonPropertyOrder({"format", "version", "name", "modality", "camera", "depthUnitsPerMetre", "classes",
        "sceneClasses", "taskIrrelevantScenes", "provenance", "pairs"})
public record DatasetManifest(String format, int version, String name, String modality, Camera camera,
                              Double depthUnitsPerMetre, List<String> classes, List<String> sceneClasses,
                              List<String> taskIrrelevantScenes, Map<String, Object> provenance, List<Entry> pairs) {
    /**
     * Without task-irrelevant scene classes (written as before: the field is left out).
     */
    public DatasetManifest(String format, int version, String name, String modality, Camera camera,
                           Double depthUnitsPerMetre, List<String> classes, List<String> sceneClasses,
                           Map<String, Object> provenance, List<Entry> pairs) {
        this(format, version, name, modality, camera, depthUnitsPerMetre, classes, sceneClasses, null, provenance,
                pairs);
    }

    public static final String FORMAT = "xmodal-paired-dataset";
    public static final int VERSION = 1;
    public static final String FILE_NAME = "dataset.json";

    /** Intrinsics in pixels; cx, cy in 1-based pixel coordinates (NYU toolbox convention). */
    @JsonPropertyOrder({"fx", "fy", "cx", "cy", "width", "height"})
    public record Camera(double fx, double fy, double cx, double cy, int width, int height) {
    }

    /**
     * One pair. {@code depth} and {@code depthRaw} for the depth modality, {@code next} for flow; {@code flow} is
     * ground truth (.flo) when known, {@code instances} a 16-bit PNG of instance ids matching the annotation's
     * objects.
     */
    @JsonPropertyOrder({"id", "split", "labelled", "rgb", "depth", "depthRaw", "next", "flow", "annotations",
            "instances"})
    public record Entry(String id, String split, Boolean labelled, String rgb, String depth, String depthRaw,
                        String next, String flow, String annotations, String instances) {
    }
}
