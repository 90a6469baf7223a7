package org.xmodal.app.runs;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.xmodal.engine.cluster.ClusterRuns;
import org.xmodal.engine.cluster.Slurm;

/**
 * The states of the Slurm jobs of a folder's runs, asked of Slurm off the UI thread at most every few seconds: the
 * queue in one {@code squeue} call, and a job no longer in it once through {@code scontrol}/{@code sacct}, its last
 * state kept (it does not change any more).
 */
final class ClusterJobs {
    private static final long EVERY_NANOS = 5_000_000_000L;
    private final Slurm slurm;
    private final Map<String, Slurm.JobState> queued = new HashMap<>();
    private final Map<String, Slurm.JobState> ended = new HashMap<>();
    private long askedAt;
    private boolean asked;
    private String problem;

    ClusterJobs(Slurm slurm) {
        this.slurm = slurm;
    }

    /** Asks Slurm again when the last answer is a few seconds old; {@code ids}: the jobs the runs name. */
    void refresh(Collection<String> ids) {
        if (ids.isEmpty() || asked && System.nanoTime() - askedAt < EVERY_NANOS) {
            return;
        }
        asked = true;
        askedAt = System.nanoTime();
        if (!slurm.available()) {
            problem = "Slurm's commands are not on this machine's PATH";
            return;
        }
        try {
            Map<String, Slurm.JobState> now = slurm.queue();
            queued.clear();
            queued.putAll(now);
            for (String id : ids) {
                if (!queued.containsKey(id) && !ended.containsKey(id)) {
                    Optional<Slurm.JobState> s = slurm.state(id);
                    s.filter(j -> !ClusterRuns.isActive(j.state())).ifPresent(j -> ended.put(id, j));
                }
            }
            problem = null;
        } catch (IOException | IllegalArgumentException e) {
            problem = "Slurm did not answer (" + e.getMessage() + ")";
        }
    }

    /** The job as last known. */
    ClusterJob of(String id) {
        Slurm.JobState s = queued.containsKey(id) ? queued.get(id) : ended.get(id);
        return new ClusterJob(id, s, s != null ? null : problem != null ? problem : "no longer known to Slurm");
    }
}
