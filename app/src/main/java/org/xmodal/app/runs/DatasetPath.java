package org.xmodal.app.runs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The run form's check of the dataset a spec names, before the run can start: a folder (of pairs, or of video frames)
 * or NYU Depth v2's labelled .mat file. Whether a folder holds pairs is the engine's to say, as reading it is the
 * engine's work.
 */
final class DatasetPath {
    private DatasetPath() {
    }

    /** @throws IllegalArgumentException naming the field by its label, the path and what is wrong with it */
    static void check(String data, String label) {
        Path p;
        try {
            p = Path.of(data.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(label + ": " + data + " is not a path (" + e.getReason() + ")");
        }
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(label + ": " + p + " does not exist");
        }
        if (Files.isRegularFile(p) && !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mat")) {
            throw new IllegalArgumentException(label + ": " + p + " is a file but not NYU Depth v2's .mat file "
                    + "(choose a dataset folder, a folder of video frames or nyu_depth_v2_labeled.mat)");
        }
    }
}
