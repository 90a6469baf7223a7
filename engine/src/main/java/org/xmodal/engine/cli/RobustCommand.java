package org.xmodal.engine.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.RobustExperiment;
import org.xmodal.engine.experiment.RobustPreset;
import org.xmodal.engine.experiment.RobustTables;
import org.xmodal.engine.image.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal experiment robust}: distillation objectives compared as more pairs disagree. */
@Command(name = "robust", mixinStandardHelpOptions = true,
        description = {"Robust cross-modal distillation (Xia et al. 2023) on a paired dataset with scene classes: "
                + "trains (or reuses) an RGB teacher on the clean RGB images, corrupts the given fraction of the "
                + "train pairs' RGB images (shifted, a neighbouring view, occluded, blanked, swapped with another "
                + "scene's) for each level, and trains students of the paired modality with each objective (ce, "
                + "hint, kd, crd, mnf-csc) for each level and seed. Scores top-1 accuracy on the clean test pairs "
                + "and writes tables, summary.json (arms <objective>@<level>) and report.html to OUT/results. A "
                + "synthetic dataset with few labelled pairs (the bundled one) is extended with labelled scenes.",
                "Runs go to OUT/runs as normal runs, corrupted copies of the data to OUT/data; starting the same "
                        + "command again reuses finished runs and resumes interrupted ones. Ctrl-C stops cleanly."})
final class RobustCommand extends ExperimentSubcommand implements Callable<Integer> {
    @Option(names = "--noise", split = ",", defaultValue = "0,0.2,0.4", paramLabel = "F",
            description = "Fractions of the train pairs whose teacher view is corrupted, comma-separated (default "
                    + "${DEFAULT-VALUE}).")
    List<Double> noise;

    @Option(names = "--preset", defaultValue = RobustPreset.CPU_DEMO, paramLabel = "NAME",
            description = "cpu-demo (resnet18-small at 64 px, minutes on two CPU cores), paper (ResNet-18 at 224 px "
                    + "with the reference code's optimiser, for a GPU), or a preset file (JSON, the form an "
                    + "experiment writes to results/preset.json); default ${DEFAULT-VALUE}.")
    String preset;

    @Override
    public Integer call() throws Exception {
        RobustPreset p = RobustPreset.named(preset);
        if (!Files.exists(data)) {
            throw new BadInputException(data, "does not exist");
        }
        RobustExperiment.Settings settings = new RobustExperiment.Settings(data, out, seeds, noise, p,
                EncodingCache.userDefault());
        EngineThreads.apply(p.distill().threads());
        long start = System.nanoTime();
        out().println("experiment robust, preset " + p.name() + " (" + p.description() + "), corruption "
                + settings.levels() + ", " + seeds + " seed" + (seeds == 1 ? "" : "s") + ", in " + out);
        out().flush();
        return runStoppable((output, cancel) -> {
            RobustExperiment.Results r = new RobustExperiment(settings, output, cancel).queueTo(queue()).run();
            out().println();
            RobustTables.terminal(r.summary(), r.levels()).forEach(out()::println);
            out().println();
            RobustTables.comparisons(r.summary(), r.levels()).forEach(c -> out().println(c.text()));
            RobustTables.robustness(r.summary(), r.levels()).forEach(out()::println);
            out().println("results: " + new ExperimentLayout(out).results()
                    + " (summary.json, robust.md, robust.csv, report.html)");
            out().printf(Locale.ROOT, "total time: %.1f min%n", (System.nanoTime() - start) / 60e9);
        });
    }
}
