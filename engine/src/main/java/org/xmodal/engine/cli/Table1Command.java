package org.xmodal.engine.cli;

import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.ArmComparison;
import org.xmodal.engine.experiment.Table1Experiment;
import org.xmodal.engine.experiment.Table1Preset;
import org.xmodal.engine.experiment.Table1Results;
import org.xmodal.engine.experiment.Table1Tables;
import org.xmodal.engine.image.BadInputException;
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
final class Table1Command extends ExperimentSubcommand implements Callable<Integer> {
    @Option(names = "--teacher-per-seed",
            description = "Train a teacher and a transfer for every seed (seed 1's are the shared ones), so that a "
                    + "comparison that holds holds over teacher draws too; default: one of each serves every seed.")
    boolean teacherPerSeed;

    @Option(names = "--preset", defaultValue = Table1Preset.CPU_DEMO, paramLabel = "NAME",
            description = "cpu-demo (small networks, minutes on two CPU cores), quick (cpu-demo cut to a "
                    + "two-minute run-through: every stage, a tenth of the steps), paper (the paper's "
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
        long start = System.nanoTime();
        out().println("experiment table1, preset " + p.name() + " (" + p.description() + "), " + seeds + " seed"
                + (seeds == 1 ? "" : "s") + (teacherPerSeed ? ", a teacher and a transfer per seed" : "") + ", in " + out);
        out().flush();
        return runStoppable((output, cancel) -> {
            Table1Results r = new Table1Experiment(new Table1Experiment.Settings(data, out, seeds, p,
                    EncodingCache.userDefault(), teacherPerSeed), output, cancel).queueTo(queue()).run();
            out().println();
            Table1Tables.terminal(r).forEach(out()::println);
            out().println();
            ArmComparison.of(r.summary(), Table1Tables.ORDERINGS).forEach(c -> out().println(c.text()));
            out().println("results: " + new ExperimentLayout(out).results()
                    + " (summary.json, table1.md, table1.csv, report.html)");
            out().printf(Locale.ROOT, "total time: %.1f min%n", (System.nanoTime() - start) / 60e9);
        });
    }
}
