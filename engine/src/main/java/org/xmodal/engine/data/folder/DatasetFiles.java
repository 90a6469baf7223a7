package org.xmodal.engine.data.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.ProgressListener;

/** Copies of a folder dataset's files, for the datasets made from another (noisy copies, all-labelled copies). */
final class DatasetFiles {
    private DatasetFiles() {
    }

    /**
     * Copies every file of {@code in} but its manifest and the files in {@code skipped} (paths relative to {@code in},
     * with '/'), into the same places under {@code out}. With {@code link}, a file is hard-linked where the file
     * system allows it (the same disk), which costs no space, and copied where it does not.
     */
    static void copyTree(Path in, Path out, Set<String> skipped, boolean link, ProgressListener progress)
            throws IOException {
        Path root = in.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new BadInputException(loop.getFile(), "is a link back into the dataset folder (a loop); remove"
                        + " it before copying the dataset");
            }
            throw e.getCause();
        }
        Files.createDirectories(out);
        int n = 0;
        for (Path f : files) {
            String rel = root.relativize(f).normalize().toString().replace('\\', '/');
            n++;
            if (rel.equals(DatasetManifest.FILE_NAME) || skipped.contains(rel)) {
                continue;
            }
            Path target = out.resolve(rel);
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            boolean linked = false;
            if (link) {
                try {
                    Files.createLink(target, f);
                    linked = true;
                } catch (IOException | UnsupportedOperationException e) {
                    // another disk, or links not allowed: copy instead
                }
            }
            if (!linked) {
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (n % 64 == 0 || n == files.size()) {
                progress.progress("copied " + n + " of " + files.size() + " files", 0.3 + 0.2 * n / files.size());
            }
        }
    }
}
