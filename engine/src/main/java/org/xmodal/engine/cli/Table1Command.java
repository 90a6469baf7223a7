package org.xmodal.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.Table1Comparison;
import org.xmodal.engine.experiment.Table1Experiment;
import org.xmodal.engine.experiment.Table1Preset;
import org.xmodal.engine.experiment.Table1Results;
import org.xmodal.engine.experiment.Table1Tables;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal experiment table1}: the paper's comparison of initialisations, every arm for several seeds. */
@Command(name = "table1", mixinStandardHelpOptions = true,
        description = {"The paper's Table 1 on a paired dataset: trains (or reuses) the RGB teacher, transfers from it, "
                + "fine-tunes every arm (no-init, copy-rgb, transfer, transfer-frozen, rgb) for each seed on the "
                + "labelled train pairs, fuses RGB with depth (rgb+copy-rgb, rgb+transfer), and writes per-class AP "
                + "tables, summary.json and report.html to OUT/results.",
                "Runs go to OUT/runs as normal runs; starting the same command again reuses finished runs and "
                        + "resumes interrupted ones. Ctrl-C stops cleanly."})
final class Table1Command extends CliCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The paired dataset.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The experiment's folder.")
    Path out;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N",
            description = "Fine-tuning seeds per arm (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--teacher-per-seed",
            description = "Train a teacher and a transfer for every seed (seed 1's are the shared ones), so that a "
                    + "comparison that holds holds over teacher draws too; default: one of each serves every seed.")
    boolean teacherPerSeed;

    @Option(names = "--preset", defaultValue = Table1Preset.CPU_DEMO, paramLabel = "NAME",
            description = "cpu-demo (small networks, minutes on two CPU cores), paper (the paper's "
                    + "architectures and schedules, for a GPU), or a preset file (JSON, the form an experiment "
                    + "writes to results/preset.json); default ${DEFAULT-VALUE}.")
    String preset;

    @Override
    public Integer call() throws Exception {
        Table1Preset p = Table1Preset.named(preset);
        if (!Files.exists(data)) {
            throw new BadInputException(data, "does not exist");
        }
        EngineThreads.apply(p.finetune().threads());
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
        long start = System.nanoTime();
        out().println("experiment table1, preset " + p.name() + " (" + p.description() + "), " + seeds + " seed"
                + (seeds == 1 ? "" : "s") + (teacherPerSeed ? ", a teacher and a transfer per seed" : "") + ", in " + out);
        out().flush();
        try {
            Table1Results r = new Table1Experiment(new Table1Experiment.Settings(data, out, seeds, p,
                    EncodingCache.userDefault(), teacherPerSeed), new Terminal(), cancel).run();
            out().println();
            Table1Tables.terminal(r).forEach(out()::println);
            out().println();
            Table1Comparison.of(r.summary()).forEach(c -> out().println(c.text()));
            out().println("results: " + new ExperimentLayout(out).results()
                    + " (summary.json, table1.md, table1.csv, report.html)");
            out().printf(Locale.ROOT, "total time: %.1f min%n", (System.nanoTime() - start) / 60e9);
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
    private final class Terminal implements Table1Experiment.Output {
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
