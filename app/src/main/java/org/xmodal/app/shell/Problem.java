package org.xmodal.app.shell;

import java.util.Objects;

/**
 * Something that went wrong, told to a person: what failed, why (naming the file or value), and what to do about
 * it. Never a stack trace.
 */
public record Problem(String title, String message, String advice) {
    public Problem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(advice, "advice");
    }
}
