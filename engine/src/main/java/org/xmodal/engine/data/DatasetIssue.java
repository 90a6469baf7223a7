package org.xmodal.engine.data;

import java.util.Objects;

/**
 * One problem found while loading a dataset. An {@link Severity#ERROR} removes the pair it concerns from the
 * dataset; a {@link Severity#WARNING} keeps it.
 *
 * @param location the file (or file#entry) the problem is in
 * @param pairId   the pair concerned, or null for the dataset as a whole
 */
public record DatasetIssue(Severity severity, String location, String pairId, String problem) {
    public enum Severity { WARNING, ERROR }

    public DatasetIssue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(problem, "problem");
    }

    /** One line for people: {@code error: rgb/0001.png: does not exist}. */
    public String line() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + location + ": " + problem;
    }
}
