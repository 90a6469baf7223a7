package org.xmodal.engine.experiment;

/**
 * A run of an experiment failed (its loss became NaN, its data went bad): the experiment stops there, naming the run
 * and the reason its events give, and the same command continues once the cause is fixed. Not an internal error.
 */
public final class RunFailedException extends RuntimeException {
    public RunFailedException(String message) {
        super(message);
    }
}
