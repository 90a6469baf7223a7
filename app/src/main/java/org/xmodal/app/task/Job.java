package org.xmodal.app.task;

import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * Work to do off the UI thread. It reports through the engine's plain-Java progress callback and checks the
 * engine's cancellation flag, so engine code runs in it unchanged.
 */
@FunctionalInterface
public interface Job<T> {
    T run(ProgressListener progress, Cancellation cancel) throws Exception;
}
