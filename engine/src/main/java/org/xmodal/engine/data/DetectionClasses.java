package org.xmodal.engine.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The 19 object classes of the NYUD2 detection benchmark (Gupta et al.), and how NYU's label names map to them. */
public final class DetectionClasses {
    public static final List<String> NYUD2_19 = List.of("bathtub", "bed", "bookshelf", "box", "chair", "counter",
            "desk", "door", "dresser", "garbage-bin", "lamp", "monitor", "night-stand", "pillow", "sink", "sofa",
            "table", "television", "toilet");

    /** NYU Depth v2 label names (from the .mat file's {@code names}) that differ from the benchmark's spelling. */
    private static final Map<String, String> NYU_ALIASES = Map.ofEntries(
            Map.entry("garbage bin", "garbage-bin"),
            Map.entry("night stand", "night-stand"),
            Map.entry("nightstand", "night-stand"),
            Map.entry("bookshelves", "bookshelf"),
            Map.entry("books shelf", "bookshelf"),
            Map.entry("book shelf", "bookshelf"),
            Map.entry("bath tub", "bathtub"),
            Map.entry("tv", "television"),
            Map.entry("computer monitor", "monitor"),
            Map.entry("trash can", "garbage-bin"));

    private DetectionClasses() {
    }

    /** The benchmark class for a NYU label name, or empty when the label is not one of the 19. */
    public static Optional<String> fromNyuName(String nyuName) {
        if (nyuName == null) {
            return Optional.empty();
        }
        String n = nyuName.trim().toLowerCase(Locale.ROOT);
        String mapped = NYU_ALIASES.getOrDefault(n, n.replace(' ', '-'));
        return NYUD2_19.contains(mapped) ? Optional.of(mapped) : Optional.empty();
    }
}
