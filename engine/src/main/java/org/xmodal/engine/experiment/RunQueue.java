package org.xmodal.engine.experiment;

import java.io.IOException;
import java.util.List;
import org.xmodal.engine.run.RunDirectory;

/**
 * Where an experiment's runs go when they are not trained in the experiment's own process: a cluster's queue. The
 * experiment still decides every run (its spec, its folder under {@code OUT/runs}, what it needs); the queue makes
 * each a job that starts once the jobs of the runs it needs have finished. When the experiment comes to its results
 * it stops ({@link Queued}): its summary is the same command run again once every run has finished, which then
 * reuses them all.
 */
public interface RunQueue {
    /**
     * Queues a run that is not finished (made or stopped, never started or interrupted).
     *
     * @param what  the stage in the experiment's words
     * @param needs the runs of this experiment its spec names (a teacher, an initialisation) that are not finished
     *              yet: the job starts after theirs
     */
    void queue(RunDirectory run, String what, List<RunDirectory> needs) throws IOException;

    /** Thrown where the experiment needs its runs' results: everything it trains is queued. */
    final class Queued extends RuntimeException {
        public Queued() {
            super("every run of the experiment is queued", null, false, false);
        }
    }
}
