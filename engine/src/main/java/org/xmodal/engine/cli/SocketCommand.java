package org.xmodal.engine.cli;

import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.SocketExperiment;
import org.xmodal.engine.experiment.SocketPreset;
import org.xmodal.engine.experiment.SocketTables;
import org.xmodal.engine.image.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal experiment socket}: SOCKET's ablation, every arm for several seeds. */
@Command(name = "socket", mixinStandardHelpOptions = true,
        description = {"SOCKET's ablation on a paired dataset with scene classes: trains (or reuses) the RGB source "
                + "model on the task's scene classes, adapts it to the target modality for each seed under each arm "
                + "(source-only, im+pl, socket-no-ti, socket-no-bn, socket), and writes per-class accuracy tables, "
                + "summary.json and report.html to OUT/results. A synthetic dataset without task-irrelevant classes "
                + "(the bundled one) is extended with rendered scenes of five more classes, marked task-irrelevant.",
                "Runs go to OUT/runs as normal runs; starting the same command again reuses finished runs and "
                        + "resumes interrupted ones. Ctrl-C stops cleanly."})
final class SocketCommand extends ExperimentSubcommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = SocketPreset.CPU_DEMO, paramLabel = "NAME",
            description = "cpu-demo (ResNet-18 at 64 px, minutes on two CPU cores), paper (ResNet-50 with the "
                    + "reference code's schedules at 224 px, for a GPU), or a preset file (JSON, the form an experiment writes to "
                    + "results/preset.json); default ${DEFAULT-VALUE}.")
    String preset;

    @Override
    public Integer call() throws Exception {
        SocketPreset p = SocketPreset.named(preset);
        if (!Files.exists(data)) {
            throw new BadInputException(data, "does not exist");
        }
        EngineThreads.apply(p.adapt().threads());
        long start = System.nanoTime();
        out().println("experiment socket, preset " + p.name() + " (" + p.description() + "), " + seeds + " seed"
                + (seeds == 1 ? "" : "s") + ", in " + out);
        out().flush();
        return runStoppable((output, cancel) -> {
            SocketExperiment.Results r = new SocketExperiment(new SocketExperiment.Settings(data, out, seeds, p,
                    EncodingCache.userDefault()), output, cancel).queueTo(queue()).run();
            out().println();
            SocketTables.terminal(r.summary()).forEach(out()::println);
            out().println();
            SocketTables.comparisons(r.summary()).forEach(c -> out().println(c.text()));
            out().println("results: " + new ExperimentLayout(out).results()
                    + " (summary.json, socket.md, socket.csv, report.html)");
            out().printf(Locale.ROOT, "total time: %.1f min%n", (System.nanoTime() - start) / 60e9);
        });
    }
}
