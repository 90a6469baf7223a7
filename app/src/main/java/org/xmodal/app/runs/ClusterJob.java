package org.xmodal.app.runs;

import org.xmodal.engine.cluster.Slurm;

/**
 * The Slurm job of a run sent to a cluster ({@code slurm.json} in its folder), with its state as Slurm last said.
 *
 * @param id    the job's id ({@code 123}, or {@code 123_4} for a task of a job array)
 * @param state what Slurm said of it, or null when it could not say (Slurm unreachable, the job forgotten)
 * @param note  why there is no state, or null
 */
public record ClusterJob(String id, Slurm.JobState state, String note) {
    /** Whether the job is still queued or running, so that Stop cancels it. */
    public boolean isActive() {
        return state != null && org.xmodal.engine.cluster.ClusterRuns.isActive(state.state());
    }

    /** "Slurm job 123_4: PENDING (Priority)". */
    public String describe() {
        return "Slurm job " + id + ": " + (state != null ? state.describe() : note == null ? "state unknown" : note);
    }
}
