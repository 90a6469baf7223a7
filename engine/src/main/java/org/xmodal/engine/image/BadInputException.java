package org.xmodal.engine.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A user's input file that cannot be used: missing, unreadable, corrupt or of the wrong kind.
 * The message always starts with the file so that a one-line report is enough for the user to act.
 */
public class BadInputException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String location;
    private final String problem;

    public BadInputException(Path file, String problem) {
        this(String.valueOf(file), problem, null);
    }

    public BadInputException(String location, String problem) {
        this(location, problem, null);
    }

    public BadInputException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
    }

    /** The file (or file#entry) that is wrong. */
    public String location() {
        return location;
    }

    /** What is wrong with it, without the location. */
    public String problem() {
        return problem;
    }
}
