package org.xmodal.app.experiments;

import java.util.Locale;
import org.xmodal.app.runs.RunSummary;
import org.xmodal.app.runs.RunText;
import org.xmodal.engine.experiment.ExperimentStages;

/** How the Experiments page words an experiment and its stages. */
final class StageText {
    private StageText() {
    }

    static String state(ExperimentStages.State s) {
        return switch (s) {
            case WAITING -> "waiting";
            case TRAINING -> "training";
            case RESUMING -> "resuming";
            case FINISHED -> "finished";
            case REUSED -> "finished (reused)";
            case STOPPED -> "stopped";
            case FAILED -> "failed";
            case QUEUED -> "queued on Slurm";
        };
    }

    /** A running stage: its step and the figures the Runs table shows. */
    static String running(RunSummary run) {
        String figures = RunText.figures(run);
        return String.format(Locale.ROOT, "step %d of %d", run.status().step(), run.status().totalSteps() > 0
                ? run.status().totalSteps() : run.spec().iterations()) + (figures.isEmpty() ? "" : ", " + figures);
    }

    /** A stage sent to Slurm: its run's state and its job's, "finished" once the run is. */
    static String onSlurm(RunSummary run) {
        if (run.status().state() == org.xmodal.engine.run.RunStatus.State.FINISHED) {
            return "finished (on Slurm)";
        }
        String job = run.job() == null || run.job().state() == null ? "queued on Slurm"
                : "Slurm: " + run.job().state().describe();
        return run.isRunning() ? running(run) + "; " + job : job;
    }

    /** One line on an experiment whose runs are Slurm jobs. */
    static String slurmStatus(int total, long done) {
        return String.format(Locale.ROOT, "On Slurm: %d of %d stages done. Each run is a job (the Runs view shows its "
                + "state); the summary is a job after them all. Stop cancels the jobs (each run checkpoints first).",
                done, total);
    }

    /** One line on the experiment: where it is, or how it ended. */
    static String status(ExperimentFolder e, boolean running) {
        if (!e.problem().isEmpty()) {
            return e.problem();
        }
        int total = e.stages().stages().size();
        long done = e.stages().done();
        if (e.finished()) {
            return "Finished: " + total + " stage" + (total == 1 ? "" : "s") + ". Open it in Results for its tables.";
        }
        ExperimentStages.Stage current = e.current();
        if (running) {
            if (total == 0) {
                return "Checking the data and preparing (proposals, encodings)…";
            }
            return current == null ? String.format(Locale.ROOT, "Running: %d of %d stages done", done, total)
                    : String.format(Locale.ROOT, "Running stage %d of %d: %s", done + 1, total, current.label());
        }
        ExperimentStages.Stage failed = e.stages().stages().stream()
                .filter(s -> s.state() == ExperimentStages.State.FAILED).findFirst().orElse(null);
        String where = failed != null ? "Failed in " + failed.label()
                : current != null ? "Interrupted in " + current.label()
                : e.stages().stages().stream().filter(s -> s.state() == ExperimentStages.State.STOPPED)
                        .findFirst().map(s -> "Stopped in " + s.label()).orElse(total == 0 ? "Not started"
                                : "Stopped");
        String next = e.launch() != null ? "Continue goes on from there (finished runs are reused)."
                : "Started outside this window: run its ./xmodal experiment command again to go on.";
        return String.format(Locale.ROOT, "%s (%d of %d stages done). %s", where, done, total, next);
    }
}
