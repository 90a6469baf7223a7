package org.xmodal.engine.data.folder;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.json.Identified;

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
     * objects; {@code corruption}, when present, says how the pair's RGB image was spoiled (a noisy pair; left out of
     * the file for a clean one).
     */
    @JsonPropertyOrder({"id", "split", "labelled", "rgb", "depth", "depthRaw", "next", "flow", "annotations",
            "instances", "corruption"})
    public record Entry(String id, String split, Boolean labelled, String rgb, String depth, String depthRaw,
                        String next, String flow, String annotations, String instances,
                        CorruptionJson corruption) {
        /** A clean pair. */
        public Entry(String id, String split, Boolean labelled, String rgb, String depth, String depthRaw,
                     String next, String flow, String annotations, String instances) {
            this(id, split, labelled, rgb, depth, depthRaw, next, flow, annotations, instances, null);
        }

        /** The same entry with another RGB file and a corruption (null: clean). */
        public Entry withCorruptedRgb(String newRgb, Corruption c) {
            return new Entry(id, split, labelled, newRgb, depth, depthRaw, next, flow, annotations, instances,
                    c == null ? null : CorruptionJson.of(c));
        }
    }

    /**
     * An entry's {@code corruption}: {@code kind} is one of shift, neighbour, occlusion, blank or swap (read as text so
     * that a wrong one is reported with the pair it belongs to), {@code detail} a sentence for people, {@code from}
     * the pair whose RGB image was taken (neighbour, swap).
     */
    @JsonPropertyOrder({"kind", "detail", "from"})
    public record CorruptionJson(String kind, String detail, String from) {
        public static CorruptionJson of(Corruption c) {
            return new CorruptionJson(c.kind().id(), c.detail(), c.from());
        }

        /** The engine's type; throws IllegalArgumentException saying what is wrong with {@code kind}. */
        public Corruption toCorruption() {
            if (kind == null || kind.isBlank()) {
                throw new IllegalArgumentException("corruption has no \"kind\" (shift, neighbour, occlusion, blank or "
                        + "swap)");
            }
            try {
                return new Corruption(Corruption.Kind.parse(kind), detail, from);
            } catch (Identified.UnknownId e) {
                throw new IllegalArgumentException(e.forField("corruption.kind"), e);
            }
        }
    }
}
