package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import org.xmodal.engine.experiment.ExperimentOutput;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;
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
            return 0;
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
