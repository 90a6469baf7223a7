package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.run.RunDirectory;

/**
 * Looks at a folder of runs: which runs it holds (newest first) and what each one's engine wrote since the last
 * look. Used by one job at a time, off the UI thread; whatever started a run (this window, an earlier session, a
 * terminal) it shows the same. The runs of the experiments kept in the folder ({@code experiments/<name>/runs/})
 * are listed too, each named by its path in the folder ({@code experiments/<name>/runs/<id>}), so that a name
 * resolves against the folder the same way for a run of an experiment as for any other.
 */
final class RunWatcher {
    /** The folder of an experiment's runs, relative to the folder of runs. */
    static final String EXPERIMENTS = "experiments";

    /** The runs present, newest first, and the updates of those that changed. */
    record Scan(List<String> present, List<RunUpdate> updates) {
    }

    private final Path root;
    private final Map<String, RunTail> tails = new HashMap<>();
    private final ClusterJobs jobs;

    RunWatcher(Path root) {
        this(root, org.xmodal.engine.cluster.Slurm.onPath());
    }

    RunWatcher(Path root, org.xmodal.engine.cluster.Slurm slurm) {
        this.root = root;
        this.jobs = new ClusterJobs(slurm);
    }

    Scan scan() throws IOException {
        List<RunDirectory> all = new ArrayList<>(RunDirectory.list(root));
        for (Path experiment : experiments(root)) {
            all.addAll(RunDirectory.list(new ExperimentLayout(experiment).runs()));
        }
        // newest first across folders: a run's folder name starts with when it was made
        all.sort(Comparator.comparing((RunDirectory r) -> r.path().getFileName().toString()).reversed());
        List<String> present = new ArrayList<>();
        List<RunUpdate> updates = new ArrayList<>();
        Map<String, String> jobIds = new HashMap<>();
        for (RunDirectory run : all) {
            String id = root.relativize(run.path()).toString();
            tails.computeIfAbsent(id, k -> new RunTail(run.path(), k)).jobId().ifPresent(j -> jobIds.put(id, j));
        }
        jobs.refresh(jobIds.values()); // one squeue for every run sent to Slurm, every few seconds at most
        for (RunDirectory run : all) {
            String id = root.relativize(run.path()).toString();
            present.add(id);
            String job = jobIds.get(id);
            RunUpdate u = tails.get(id).poll(job == null ? null : jobs.of(job));
            if (u != null) {
                updates.add(u);
            }
        }
        tails.keySet().retainAll(present);
        return new Scan(present, updates);
    }

    /** The experiment folders kept in a folder of runs, by name. */
    static List<Path> experiments(Path root) throws IOException {
        Path folder = root.resolve(EXPERIMENTS);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }
}
