package org.xmodal.app.task;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.xmodal.engine.task.Cancellation;

/**
 * Coalesces rapid requests (a slider dragged, a spinner held down, pairs stepped through quickly) so that only the
 * latest is computed (MZmine's lesson). At most one computation runs at a time; a request that arrives meanwhile
 * replaces any earlier waiting one and asks the running one to stop; when the running one ends, its result is
 * dropped if a newer request is waiting, and the newest request is computed next. Only the result of the latest
 * request is ever delivered.
 *
 * <p>Used from the UI thread only (requests, and outcomes delivered by the {@link TaskExecutor}), so it needs no
 * locks.
 */
public final class LatestWins<I, R> {
    /** The computation; it may check {@code cancel} between stages to give up early when superseded. */
    @FunctionalInterface
    public interface Computation<I, R> {
        R compute(I input, Cancellation cancel) throws Exception;
    }

    private final TaskExecutor executor;
    private final String title;
    private final Computation<I, R> computation;
    private final Consumer<R> onResult;
    private final Consumer<Throwable> onFailure;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private I waiting;
    private boolean hasWaiting;
    private RunningTask running;
    private int started;

    public LatestWins(TaskExecutor executor, String title, Computation<I, R> computation, Consumer<R> onResult,
                      Consumer<Throwable> onFailure) {
        this.executor = executor;
        this.title = title;
        this.computation = computation;
        this.onResult = onResult;
        this.onFailure = onFailure;
    }

    public void request(I input) {
        waiting = input;
        hasWaiting = true;
        if (running != null) {
            running.cancel();
            return;
        }
        startWaiting();
    }

    /** Whether a computation is running (the UI shows that the picture is being updated). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** How many computations were started, for tests of the coalescing. */
    public int computationsStarted() {
        return started;
    }

    private void startWaiting() {
        I input = waiting;
        waiting = null;
        hasWaiting = false;
        started++;
        busy.set(true);
        boolean[] finished = {false};
        RunningTask task = executor.submit(title, (progress, cancel) -> computation.compute(input, cancel), outcome -> {
            finished[0] = true;
            running = null;
            if (hasWaiting) {
                startWaiting();
                return;
            }
            busy.set(false);
            if (outcome instanceof Outcome.Done<R> done) {
                onResult.accept(done.value());
            } else if (outcome instanceof Outcome.Failed<R> failed) {
                onFailure.accept(failed.error());
            }
        });
        if (!finished[0]) {
            running = task;
        }
    }
}
