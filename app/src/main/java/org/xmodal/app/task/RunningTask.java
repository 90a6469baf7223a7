package org.xmodal.app.task;

import java.util.concurrent.CancellationException;
import org.xmodal.engine.task.Cancellation;

/** A submitted job: its title, the progress it last reported, and a way to ask it to stop. */
public final class RunningTask {
    private final String title;
    private final ProgressSample progress = new ProgressSample();
    private final Cancellation cancellation = new Cancellation();

    public RunningTask(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public ProgressSample progress() {
        return progress;
    }

    /** Asks the job to stop at its next check; its outcome is then {@link Outcome.Cancelled}. */
    public void cancel() {
        cancellation.cancel();
    }

    public boolean isCancelRequested() {
        return cancellation.isCancelled();
    }

    /** Runs a job with this task's progress and cancellation and says how it ended; never throws. */
    public <T> Outcome<T> execute(Job<T> job) {
        try {
            return new Outcome.Done<>(job.run(progress, cancellation));
        } catch (CancellationException e) {
            return new Outcome.Cancelled<>();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Cancelled<>();
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            return cancellation.isCancelled() ? new Outcome.Cancelled<>() : new Outcome.Failed<>(e);
        }
    }
}
