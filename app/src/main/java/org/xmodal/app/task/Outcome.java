package org.xmodal.app.task;

/** How a {@link Job} ended: with a value, with an error, or cancelled at the user's request. */
public sealed interface Outcome<T> {
    record Done<T>(T value) implements Outcome<T> {
    }

    record Failed<T>(Throwable error) implements Outcome<T> {
    }

    record Cancelled<T>() implements Outcome<T> {
    }
}
