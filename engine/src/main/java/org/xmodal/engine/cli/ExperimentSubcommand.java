package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import org.xmodal.engine.cluster.ClusterRuns;
import org.xmodal.engine.cluster.ExperimentJobs;
import org.xmodal.engine.cluster.Slurm;
import org.xmodal.engine.experiment.ExperimentOutput;
import org.xmodal.engine.experiment.RunQueue;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every {@code xmodal experiment ...} command shares: lines on stdout and bars on stderr, and Ctrl-C stopping
 * the current run cleanly (it checkpoints before the JVM exits; the same command continues the experiment).
 */
abstract class ExperimentSubcommand extends CliCommand {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The paired dataset.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The experiment's folder.")
    Path out;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N",
            description = "Seeds per arm (default ${DEFAULT-VALUE}).")
    int seeds;

    /** The experiment itself, given where to report and what stops it. */
    @FunctionalInterface
    interface Body {
        void run(ExperimentOutput output, Cancellation cancel) throws Exception;
    }

    private ExperimentJobs jobs;

    /**
     * Where the experiment's runs go: null (trained here) for {@code xmodal experiment NAME}, Slurm's queue for
     * {@code xmodal submit ... experiment NAME}.
     */
    protected RunQueue queue() throws java.io.IOException {
        SubmitExperimentCommand s = submitted();
        if (jobs == null && s != null) {
            jobs = new ExperimentJobs(out, s.submit.options(), Slurm.onPath());
        }
        return jobs;
    }

    /**
     * The command that runs this experiment here, for its summary job: {@code experiment NAME} and the options as
     * given (the job starts in the folder this command ran in), each word quoted for the shell, so that its results
     * are those of the same command run here.
     */
    String summaryCommand() {
        List<String> words = new ArrayList<>(List.of("experiment", spec.name()));
        words.addAll(asGiven(spec, null));
        return String.join(" ", words.stream().map(ClusterRuns::quote).toList());
    }

    /**
     * The options of {@code command} as they were given (values as typed: a job starts in this folder), but
     * {@code left} (null for none), unquoted.
     */
    static List<String> asGiven(CommandLine.Model.CommandSpec command, String left) {
        List<String> words = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : command.commandLine().getParseResult().matchedOptions()) {
            if (o.usageHelp() || o.versionHelp() || o.longestName().equals(left)) {
                continue;
            }
            if (o.arity().max() == 0) {
                words.add(o.longestName());
                continue;
            }
            for (String v : o.originalStringValues()) {
                words.add(o.longestName());
                words.add(v);
            }
        }
        return words;
    }

    /** The {@code submit ... experiment} command this one was given as, when it was; null for a local experiment. */
    private SubmitExperimentCommand submitted() {
        return spec.parent() != null && spec.parent().userObject() instanceof SubmitExperimentCommand s ? s : null;
    }

    /**
     * {@code submit --prepare-in-job ... experiment NAME ...}: this same command, without that option, as one job, so
     * that the experiment's preparation (the data check, proposals, a synthetic extension) runs on a node and the job
     * then submits the experiment's runs.
     */
    private int submitPreparation(SubmitExperimentCommand s) throws java.io.IOException {
        List<String> words = new ArrayList<>(List.of("submit"));
        words.addAll(asGiven(s.submit.spec, SubmitCommand.PREPARE_IN_JOB));
        words.add("experiment");
        words.add(spec.name());
        words.addAll(asGiven(spec, null));
        String job = ExperimentJobs.submitPreparation(out, words, s.submit.options(), Slurm.onPath());
        out().println("Slurm job " + job + " prepares the experiment on a node, then submits its runs and summary as "
                + "jobs (log: " + out.toAbsolutePath().resolve(ExperimentJobs.FOLDER).resolve("prepare-" + job
                + ".out") + ")");
        return 0;
    }

    /** Submits what the experiment queued; prints each job. */
    private int submitQueued() throws java.io.IOException {
        ExperimentJobs.Submitted s = jobs.submit(spec.name(), summaryCommand());
        out().println();
        out().println("submitted to Slurm (" + s.runs().size() + " runs, then the summary):");
        for (Map.Entry<String, ExperimentJobs.Submitted.Job> e : s.runs().entrySet()) {
            out().println("  " + e.getValue().job() + "  " + e.getKey() + "  " + e.getValue().stage()
                    + (e.getValue().reused() ? " (already queued or running)" : ""));
        }
        out().println("  " + s.summaryJob() + "  summary (writes " + new org.xmodal.engine.experiment.ExperimentLayout(out)
                .results() + " when every run has finished)");
        out().println("jobs: " + out.toAbsolutePath().resolve(ExperimentJobs.FOLDER).resolve(ExperimentJobs.RECORD)
                + "; './xmodal runs --runs " + out.toAbsolutePath().resolve("runs") + "' shows their state");
        return 0;
    }

    /** Runs the experiment; 0 when it finished, 130 when the user stopped it. */
    protected int runStoppable(Body body) throws Exception {
        SubmitExperimentCommand submit = submitted();
        if (submit != null && submit.submit.prepareInJob) {
            return submitPreparation(submit);
        }
        Cancellation cancel = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(); // let the current run write its checkpoint before the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "xmodal-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            body.run(new Terminal(), cancel);
            if (jobs != null) {
                out().println("every run of the experiment had finished: nothing to submit, results written here");
            }
            return 0;
        } catch (RunQueue.Queued queued) {
            return submitQueued();
        } catch (CancellationException e) {
            out().println("stopped (" + e.getMessage() + "); run the same command again to continue");
            return 130;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waiting for us
            }
        }
    }

    /** Lines on stdout, bars on stderr. */
    private final class Terminal implements ExperimentOutput {
        @Override
        public void line(String text) {
            out().println(text);
            out().flush();
        }

        @Override
        public ProgressListener progress(String label) {
            // checking the data may end in a refusal, which is to be the first line on stderr
            return label.equals("data") ? TerminalProgress.whileChecking(err()) : new TerminalProgress(label, err());
        }

        @Override
        public TrainingLoop.Listener training(String label) {
            TerminalProgress bar = new TerminalProgress(label, err());
            return (step, total, loss, speed, eta) -> {
                bar.progress(TerminalProgress.trainingStep(step, total, loss, speed), step / (double) total);
                if (step == total) {
                    bar.done();
                }
            };
        }
    }
}
