package org.xmodal.engine.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing the engine's output files: atomically (a temporary file beside the target, renamed over it once complete,
 * so a kill never leaves half a file), and with failures that name the file and say why in one line (a folder where
 * a file should go, a read-only or full disk) instead of a stack trace.
 */
public final class OutputFiles {
    /** Writes the content of a file into the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private OutputFiles() {
    }

    /**
     * Replaces {@code file} with what {@code content} writes.
     *
     * @throws BadInputException naming the file when it is a folder or cannot be written
     */
    public static void replace(Path file, Content content) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file, "is a folder; give the name of a file to write");
        }
        Path tmp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw cannotWrite(file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the write failed already, or the folder went read-only: the leftover is cleaned on resume
                }
            }
        }
    }

    /** {@code e}, a failure to write {@code file}, as one line that names the file and the reason. */
    public static BadInputException cannotWrite(Path file, IOException e) {
        if (e instanceof BadInputException b) {
            return b;
        }
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied (a read-only or protected folder?)";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new BadInputException(file.toString(), "cannot be written (" + reason + ")", e);
    }

    /** Deletes a folder with everything in it (one this program made); nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
