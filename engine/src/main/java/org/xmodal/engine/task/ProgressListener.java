package org.xmodal.engine.task;

/**
 * Reports how far long work has come. Called from worker threads; implementations must be cheap and
 * thread-safe (the GUI samples the latest value on its own clock rather than reacting to every call).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (message, fraction) -> { };

    /**
     * @param message  what is being done, for people
     * @param fraction 0..1, or a negative value when the amount of work is not known
     */
    void progress(String message, double fraction);
}
