package org.xmodal.engine.synth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xmodal.engine.data.folder.DatasetManifest;
import org.xmodal.engine.json.Json;

/**
 * Decides whether a synthetic dataset may be written into a folder. A new or empty folder is fine; an earlier
 * synth output (finished, or left unfinished by an interrupted run) is replaced only when the user says
 * {@code --force}; anything else is refused, so a typo in {@code --out} never destroys someone's data. Replacing
 * removes only files named as the generator names them ({@code scene-NNNNNN}, {@code seq-NNNN-fNN},
 * {@code clip-NNNN-fNN} with its extensions, the manifests and the marker) and folders left empty by that; a file a
 * user put beside them stays.
 */
final class SynthOutputFolder {
    /** Present while a run writes, so an interrupted run is recognised as synth output. */
    static final String UNFINISHED_MARKER = ".xmodal-synth-unfinished";
    private static final List<String> GENERATED = List.of(DatasetManifest.FILE_NAME, "rgb", "depth", "depth_raw",
            "annotations", "instances", "flow", "actions", UNFINISHED_MARKER);

    /** Names of the files the generator writes inside its folders (see SynthGenerator's pair ids). */
    private static final Pattern GENERATED_FILE = Pattern.compile(
            "(scene-\\d{6}|seq-\\d{4}-f\\d{2}|clip-\\d{4,5}-f\\d{2})\\.(png|json|flo)|"
                    + Pattern.quote(DatasetManifest.FILE_NAME) + "|" + Pattern.quote(UNFINISHED_MARKER));

    private SynthOutputFolder() {
    }

    /** Makes {@code dir} ready to be written, or throws IllegalArgumentException saying why it cannot be. */
    static void prepare(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": is a file; --out must be a folder");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            boolean unfinished = Files.exists(dir.resolve(UNFINISHED_MARKER));
            Path manifest = dir.resolve(DatasetManifest.FILE_NAME);
            if (!unfinished && !isSynthManifest(manifest)) {
                throw new IllegalArgumentException(Files.exists(manifest)
                        ? dir + ": holds a dataset not made by xmodal synth; refusing to overwrite it (choose another"
                        + " --out folder)"
                        : dir + ": is not empty and holds no dataset.json; refusing to write into it (choose a new or"
                        + " empty --out folder)");
            }
            if (!force) {
                throw new IllegalArgumentException(dir + ": already holds a " + (unfinished ? "partly written " : "")
                        + "synthetic dataset; add --force to replace it");
            }
            for (String name : GENERATED) {
                deleteGenerated(dir.resolve(name));
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(UNFINISHED_MARKER), new byte[0]);
    }

    /** Marks the folder as a finished dataset. */
    static void finish(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(UNFINISHED_MARKER));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static boolean isSynthManifest(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        try {
            JsonNode generator = Json.MAPPER.readTree(manifest.toFile()).path("provenance").path("generator");
            return SynthGenerator.NAME.equals(generator.asText());
        } catch (IOException e) {
            // An unreadable manifest is not ours to overwrite.
            return false;
        }
    }

    /** Deletes the generator's files under {@code path}, then the folders that leaves empty. */
    private static void deleteGenerated(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> entries;
        // not following links: a link in rgb/ to a user's folder must not lead the deletion there
        try (Stream<Path> walk = Files.walk(path)) {
            entries = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : entries) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                if (isEmpty(p)) {
                    Files.delete(p);
                }
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    && GENERATED_FILE.matcher(p.getFileName().toString()).matches()) {
                Files.delete(p);
            }
        }
    }
}
