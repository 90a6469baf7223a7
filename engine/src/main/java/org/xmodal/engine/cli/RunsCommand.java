package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xmodal runs}: the runs in a folder with their state, progress and last loss; a run preparing its first step
 * says what it prepares.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List runs, newest first.")
final class RunsCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--runs", paramLabel = "DIR", description = "Folder of runs (default: runs/ of the workbench).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        Path root = runs == null ? RunDirectory.defaultRunsRoot() : runs;
        var list = RunDirectory.list(root);
        if (list.isEmpty()) {
            out().println("no runs in " + root);
            return 0;
        }
        out().printf(Locale.ROOT, "%-44s %-11s %13s %11s %10s%n", "run", "state", "step", "loss", "images/s");
        for (RunDirectory r : list) {
            RunStatus s = r.status();
            out().printf(Locale.ROOT, "%-44s %-11s %13s %11.4g %10.1f%s%n", r.id(), s.stateName(),
                    s.step() + "/" + s.totalSteps(), s.lastLoss(), s.imagesPerSecond(), preparation(s)
                            + slurm(r));
        }
        return 0;
    }

    /** What a run before its first step is doing: "  Encoding HHA 120 of 800 pairs (15%)", or "". */
    static String preparation(RunStatus s) {
        if (!s.preparing()) {
            return "";
        }
        RunStatus.Preparation p = s.preparation();
        return "  " + p.message() + (Double.isNaN(p.fraction()) ? ""
                : String.format(Locale.ROOT, " (%.0f%%)", 100 * p.fraction()));
    }

    /** A submitted run's Slurm job and its state: "  Slurm job 12: PENDING (Resources)", or "". */
    static String slurm(RunDirectory r) {
        return org.xmodal.engine.cluster.ClusterRuns.jobOf(r.path()).map(job -> {
            String state;
            try {
                state = org.xmodal.engine.cluster.Slurm.onPath().state(job)
                        .map(org.xmodal.engine.cluster.Slurm.JobState::describe).orElse("no longer known to Slurm");
            } catch (java.io.IOException | IllegalArgumentException e) {
                state = "state unknown (" + e.getMessage() + ")";
            }
            return "  Slurm job " + job + ": " + state;
        }).orElse("");
    }
}
