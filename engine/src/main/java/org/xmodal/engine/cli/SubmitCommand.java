package org.xmodal.engine.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.cluster.ClusterRuns;
import org.xmodal.engine.cluster.Slurm;
import org.xmodal.engine.cluster.SlurmOptions;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunSpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal submit --spec F.json}: a run as a Slurm batch job. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = {
    "Sends a run to a Slurm cluster through sbatch: its folder is made here (under --runs, on the shared filesystem), "
        + "and the job is the headless engine training it there, writing what a local run writes plus the job's "
        + "script, log (slurm-<job>.out) and id (slurm.json). Options not given come from the cluster profile "
        + "(~/.config/xmodal/cluster.json, or --profile). './xmodal runs' shows the job's state."})
final class SubmitCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "F.json", description = "The run spec.")
    Path specFile;

    @Option(names = "--runs", paramLabel = "DIR", description = "Folder of runs, on a filesystem the cluster's nodes "
            + "share (default: runs/ of the workbench).")
    Path runs;

    @Option(names = "--profile", paramLabel = "F", description = "A cluster profile (JSON: partition, gpus, cpus, "
            + "mem, time, signalSeconds, sbatch) instead of ~/.config/xmodal/cluster.json.")
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

    @Option(names = "--sbatch", paramLabel = "LINE", description = "An extra #SBATCH line (repeatable), such as "
            + "--account=vision.")
    List<String> sbatch;

    @Override
    public Integer call() throws Exception {
        SlurmOptions options = SlurmOptions.read(profile != null ? profile : SlurmOptions.standardProfile(),
                profile != null).with(new SlurmOptions(partition, gpus, cpus, mem, time, signalLead,
                sbatch == null ? List.of() : sbatch));
        RunSpec spec = RunSpecFiles.read(specFile);
        RunKinds.check(spec); // before a run folder is made: a spec that cannot run leaves nothing behind
        spec = spec.withLaunch(new RunSpec.Launch(BuildInfo.get().version(), spec.device().id(),
                Instant.now().toString(), InetAddress.getLocalHost().getHostName() + " (submitted to Slurm)"));
        RunDirectory run = RunDirectory.create(runs == null ? RunDirectory.defaultRunsRoot() : runs, spec);
        String job;
        try {
            job = ClusterRuns.submit(run, options, Slurm.onPath());
        } catch (IllegalArgumentException | java.io.IOException e) {
            OutputFiles.deleteTree(run.path()); // nothing ran: no folder of a run that never was
            throw e;
        }
        out().println("run " + run.id() + " in " + run.path() + ": Slurm job " + job + " (log: "
                + run.path().resolve("slurm-" + job + ".out") + ")");
        return 0;
    }
}
