package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.List;
import org.xmodal.engine.cluster.SlurmOptions;
import picocli.CommandLine.Option;

/**
 * The Slurm options of the commands that submit jobs ({@code submit}, {@code encode --slurm}): each over the
 * cluster profile's.
 */
final class SlurmChoices {
    @Option(names = "--profile", paramLabel = "F", description = "A cluster profile (JSON: partition, gpus, cpus, "
            + "mem, time, signalSeconds, requeues, sbatch) instead of ~/.config/xmodal/cluster.json.")
    Path profile;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition.")
    String partition;

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs for the job.")
    Integer gpus;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs for the job (--cpus-per-task).")
    Integer cpus;

    @Option(names = "--mem", paramLabel = "M", description = "Memory, in Slurm's syntax (16G).")
    String mem;

    @Option(names = "--time", paramLabel = "T", description = "Time limit, in Slurm's syntax (1-00:00:00).")
    String time;

    @Option(names = "--signal-lead", paramLabel = "S", description = "Seconds before the time limit at which the "
            + "engine is told to checkpoint and stop (default 120).")
    Integer signalLead;

    @Option(names = "--requeues", paramLabel = "N", description = "How many times a job that reaches its time limit "
            + "is requeued to resume from its checkpoint (default 3).")
    Integer requeues;

    @Option(names = "--sbatch", paramLabel = "LINE", description = "An extra #SBATCH line (repeatable), such as "
            + "--account=vision.")
    List<String> sbatch;

    /** The profile's options with those given on the command line over them. */
    SlurmOptions options() throws java.io.IOException {
        return SlurmOptions.read(profile != null ? profile : SlurmOptions.standardProfile(), profile != null)
                .with(new SlurmOptions(partition, gpus, cpus, mem, time, signalLead, requeues,
                        sbatch == null ? List.of() : sbatch));
    }

    /** The first of these options given on the command line, if any (for commands that take them only with --slurm). */
    String firstGiven() {
        return profile != null ? "--profile" : partition != null ? "--partition" : gpus != null ? "--gpus"
                : cpus != null ? "--cpus" : mem != null ? "--mem" : time != null ? "--time" : signalLead != null
                ? "--signal-lead" : requeues != null ? "--requeues" : sbatch != null ? "--sbatch" : null;
    }
}
