package org.xmodal.app.runs;

import java.nio.file.Path;
import java.util.List;
import org.xmodal.engine.run.RunStatus;

/**
 * A run as the table shows it, read from its folder: the spec, the state its events give, the engine process that
 * writes it (the pid of the last started or resumed event) and the steps that have a checkpoint. Before a run's
 * first step its status carries the stage of its preparation ({@link RunStatus#preparation()}). A run sent to Slurm
 * also has its {@code job} (null otherwise).
 */
public record RunSummary(String id, Path path, SpecSummary spec, RunStatus status, long pid, String startedAt,
                         List<Long> checkpoints, ClusterJob job) {
    public RunSummary {
        checkpoints = List.copyOf(checkpoints);
    }

    /** A run that was not sent to a cluster. */
    public RunSummary(String id, Path path, SpecSummary spec, RunStatus status, long pid, String startedAt,
                      List<Long> checkpoints) {
        this(id, path, spec, status, pid, startedAt, checkpoints, null);
    }

    /** Whether the run's Slurm job is queued or running: Stop cancels it. */
    public boolean hasActiveJob() {
        return job != null && job.isActive();
    }

    public boolean isRunning() {
        return status.state() == RunStatus.State.RUNNING;
    }

    /** Whether the run is running and has not made its first step since it (re)started: it reads, encodes... */
    public boolean isPreparing() {
        return status.preparing();
    }

    /** Done fraction in [0, 1], or -1 before the first step is known. */
    public double fraction() {
        long total = status.totalSteps() > 0 ? status.totalSteps() : spec.iterations();
        return total > 0 ? Math.min(1, status.step() / (double) total) : -1;
    }
}
