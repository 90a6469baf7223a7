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
        if (jobs == null && spec.parent() != null && spec.parent().userObject() instanceof SubmitExperimentCommand s) {
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
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (CommandLine.Model.OptionSpec o : parsed.matchedOptions()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            if (o.arity().max() == 0) {
                words.add(o.longestName());
                continue;
            }
            for (String v : o.originalStringValues()) {
                words.add(o.longestName());
                words.add(v); // as given: the job starts in this folder (--chdir), and results name the data so
            }
        }
        return String.join(" ", words.stream().map(ClusterRuns::quote).toList());
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
