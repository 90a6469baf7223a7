package org.xmodal.engine.data.sequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;
import org.xmodal.engine.image.BadInputException;

/**
 * One video as a folder of frames, in natural order of their file names.
 *
 * @param name   the folder's name relative to the dataset root, or "" for frames directly in the root
 * @param folder where the frames are
 * @param frames PNG and JPEG files, naturally ordered
 */
record FrameSequence(String name, Path folder, List<Path> frames) {
    /** Subfolder of a sequence that may hold its ground-truth flow; never a sequence itself. */
    static final String FLOW_FOLDER = "flow";
    static final String FLOW_EXTENSION = ".flo";

    FrameSequence {
        frames = List.copyOf(frames);
    }

    /**
     * The sequences under {@code root}: its own frames, then each subfolder's (one level deep), in natural order
     * of folder names. Folders without frames are no sequence.
     */
    static List<FrameSequence> scan(Path root) throws BadInputException {
        return scan(root, new ArrayList<>());
    }

    /**
     * As {@link #scan(Path)}; a subfolder that is (through a symbolic link) the root or a folder already scanned, and
     * a frame that is a link to a frame already counted, are skipped with a warning in {@code issues}, so a link
     * loop never counts the same frames twice.
     */
    static List<FrameSequence> scan(Path root, List<DatasetIssue> issues) throws BadInputException {
        if (!Files.exists(root)) {
            throw new BadInputException(root, "does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root, "is not a folder of video frames");
        }
        List<FrameSequence> sequences = new ArrayList<>();
        Map<Path, Path> seenFolders = new HashMap<>();
        Map<Path, Path> seenFrames = new HashMap<>();
        seenFolders.put(realPath(root), root);
        List<Path> own = distinctFrames(frames(root), seenFrames, issues);
        if (!own.isEmpty()) {
            sequences.add(new FrameSequence("", root, own));
        }
        for (Path sub : list(root)) {
            String name = sub.getFileName().toString();
            if (Files.isDirectory(sub) && !name.equals(FLOW_FOLDER)) {
                Path earlier = seenFolders.putIfAbsent(realPath(sub), sub);
                if (earlier != null) {
                    issues.add(new DatasetIssue(Severity.WARNING, sub.toString(), null, "is a link to "
                            + (earlier.equals(root) ? "the dataset folder itself" : earlier.toString())
                            + " (a link loop or a duplicate); its frames are counted once, not again"));
                    continue;
                }
                List<Path> frames = distinctFrames(frames(sub), seenFrames, issues);
                if (!frames.isEmpty()) {
                    sequences.add(new FrameSequence(name, sub, frames));
                }
            }
        }
        if (sequences.isEmpty()) {
            throw new BadInputException(root, "contains no PNG or JPEG frames, neither directly nor in its subfolders");
        }
        return sequences;
    }

    private static List<Path> distinctFrames(List<Path> frames, Map<Path, Path> seen, List<DatasetIssue> issues)
            throws BadInputException {
        List<Path> kept = new ArrayList<>();
        for (Path f : frames) {
            Path earlier = seen.putIfAbsent(realPath(f), f);
            if (earlier == null) {
                kept.add(f);
            } else {
                issues.add(new DatasetIssue(Severity.WARNING, f.toString(), null, "is a link to " + earlier
                        + ", which is already a frame; it is counted once"));
            }
        }
        return kept;
    }

    private static Path realPath(Path p) throws BadInputException {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new BadInputException(p.toString(), "cannot be resolved (" + e.getMessage() + ")", e);
        }
    }

    /** File name without its extension; frames and their .flo files are matched by it. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The ground truth for the flow from {@code frame} to the next frame: {@code <stem>.flo} beside it or in flow/. */
    Optional<Path> groundTruthFlow(Path frame) {
        String file = stem(frame) + FLOW_EXTENSION;
        for (Path candidate : List.of(folder.resolve(file), folder.resolve(FLOW_FOLDER).resolve(file))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<Path> frames(Path folder) throws BadInputException {
        return list(folder).stream().filter(Files::isRegularFile).filter(FrameSequence::isFrame).toList();
    }

    private static boolean isFrame(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    /** Visible entries of a folder in natural order of their names. */
    private static List<Path> list(Path folder) throws BadInputException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(),
                            b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new BadInputException(folder.toString(), "cannot be listed (" + e.getMessage() + ")", e);
        }
    }
}
