package org.xmodal.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.xmodal.engine.json.UserJson;

/** An experiment's preset by name: one of its built-in ones, or a preset file as the experiment writes it. */
final class ExperimentPresets {
    private ExperimentPresets() {
    }

    /**
     * @param builtIn the built-in presets by name, in the order to list them
     * @param what    what a preset file holds, for messages ("Table 1 preset")
     */
    static <T> T named(String name, Map<String, Supplier<T>> builtIn, Class<T> type, String what)
            throws IOException {
        Supplier<T> preset = builtIn.get(name.toLowerCase(Locale.ROOT));
        if (preset != null) {
            return preset.get();
        }
        Path file = Path.of(name);
        if (!name.endsWith(".json") || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; known: "
                    + String.join(", ", builtIn.keySet()) + ", or a preset file (.json)");
        }
        return UserJson.read(file, type, what);
    }
}
