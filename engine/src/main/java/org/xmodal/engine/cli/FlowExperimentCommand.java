package org.xmodal.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.experiment.ExperimentLayout;
import org.xmodal.engine.experiment.FlowExperiment;
import org.xmodal.engine.experiment.FlowPreset;
import org.xmodal.engine.experiment.FlowTables;
import org.xmodal.engine.image.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal experiment flow}: the paper's RGB-to-flow transfer, scored by clip classification. */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = {"The paper's flow experiment on clips of motion classes (./xmodal synth --actions N makes "
                + "them; a folder of class folders of videos works too): trains (or reuses) an RGB teacher on the "
                + "train frames' RGB object regions, transfers it to a flow network on the train clips without their "
                + "labels, pre-trains a flow network on every train clip's action label (the supervised reference), "
                + "then fine-tunes each arm (no-init, copy-rgb, transfer, supervised; and rgb, the teacher on the RGB frames) on "
                + "the labelled train clips for "
                + "each seed and scores clip accuracy on the test clips (a clip's frames' scores averaged). Writes "
                + "tables, summary.json (metric accuracy) and report.html to OUT/results.",
                "Runs go to OUT/runs as normal runs; starting the same command again reuses finished runs and "
                        + "resumes interrupted ones. Ctrl-C stops cleanly."})
final class FlowExperimentCommand extends ExperimentSubcommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = FlowPreset.CPU_DEMO, paramLabel = "NAME",
            description = "cpu-demo (alexnet-small at 64 px, minutes on two CPU cores), paper (AlexNet at 227 px with "
                    + "the paper's schedules, for a GPU), or a preset file (JSON, the form an experiment writes to "
                    + "results/preset.json); default ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--teacher", paramLabel = "RUN_DIR",
            description = "A finished RGB teacher run (or its weights) to transfer from instead of training one on "
                    + "the data's object regions (needed for data without object annotations, such as videos).")
    Path teacher;

    @Override
    public Integer call() throws Exception {
        FlowPreset p = FlowPreset.named(preset);
        if (!Files.exists(data)) {
            throw new BadInputException(data, "does not exist");
        }
        if (teacher != null && !Files.exists(teacher)) {
            throw new BadInputException(teacher, "does not exist (--teacher names a finished teacher run's folder)");
        }
        FlowExperiment.Settings settings = new FlowExperiment.Settings(data, out, seeds, p, teacher,
                EncodingCache.userDefault());
        EngineThreads.apply(p.finetune().threads());
        long start = System.nanoTime();
        out().println("experiment flow, preset " + p.name() + " (" + p.description() + "), " + seeds + " seed"
                + (seeds == 1 ? "" : "s") + ", in " + out);
        out().flush();
        return runStoppable((output, cancel) -> {
            FlowExperiment.Results r = new FlowExperiment(settings, output, cancel).queueTo(queue()).run();
            out().println();
            FlowTables.terminal(r.summary()).forEach(out()::println);
            out().println();
            FlowTables.comparisons(r.summary()).forEach(c -> out().println(c.text()));
            out().println("results: " + new ExperimentLayout(out).results()
                    + " (summary.json, flow.md, flow.csv, report.html)");
            out().printf(Locale.ROOT, "total time: %.1f min%n", (System.nanoTime() - start) / 60e9);
        });
    }
}
