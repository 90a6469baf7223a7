package org.xmodal.app.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.xmodal.engine.image.BadInputException;

/** Turns an exception into a {@link Problem} a person can act on. */
public final class Problems {
    private Problems() {
    }

    /**
     * @param whatFailed what the person tried, as a title ("Could not open the dataset")
     */
    public static Problem describe(String whatFailed, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof BadInputException bad) {
            return new Problem(whatFailed, bad.location() + ": " + bad.problem(),
                    "Fix or replace that file, or choose another dataset.");
        }
        if (e instanceof NoSuchFileException missing) {
            return new Problem(whatFailed, missing.getFile() + ": does not exist", "Choose an existing file or folder.");
        }
        if (e instanceof AccessDeniedException denied) {
            return new Problem(whatFailed, denied.getFile() + ": permission denied",
                    "Choose a folder you may write to, or change its permissions.");
        }
        if (e instanceof FileSystemException fs) {
            return new Problem(whatFailed, fs.getFile() + ": " + (fs.getReason() == null ? "cannot be used"
                    : fs.getReason()), "Check the disk and the path, then try again.");
        }
        if (e instanceof IOException io) {
            return new Problem(whatFailed, text(io), "Check the disk and the path, then try again.");
        }
        if (e instanceof IllegalArgumentException arg) {
            return new Problem(whatFailed, text(arg), "Change the value it names and try again.");
        }
        if (e instanceof OutOfMemoryError) {
            return new Problem(whatFailed, "The workbench ran out of memory.",
                    "Close other programs or start it with more memory, e.g. XMODAL_JAVA_OPTS=-Xmx8g ./xmodal");
        }
        // A bug, not the user's doing: the details go to the log for a report, the dialog stays readable.
        System.err.println("xmodal: unexpected error: " + whatFailed);
        e.printStackTrace();
        return new Problem(whatFailed, "Unexpected error (" + e.getClass().getSimpleName() + ": " + text(e) + ").",
                "This is a bug in the workbench. Please report it with the steps that led here; the details are in"
                        + " the terminal's output.");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String text(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
