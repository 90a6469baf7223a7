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

/**
 * {@code xmodal submit --spec F.json | RUN_DIR | experiment NAME ...}: a run, a resume or a whole experiment as Slurm
 * batch jobs.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, subcommands = SubmitExperimentCommand.class,
        description = {
    "Sends a run (--spec), a resume (RUN_DIR) or an experiment ('submit [OPTIONS] experiment table1|socket|robust|flow "
        + "...', the experiment's own options after its name) to a Slurm cluster through sbatch. A run's folder is "
        + "made here (under --runs, on the shared filesystem), and its job is the headless engine training it there, "
        + "writing what a local run writes plus the job's script, log (slurm-<job>.out) and id (slurm.json). An "
        + "experiment's runs become jobs that wait for the runs they need, side by side as job arrays, and its "
        + "summary a job after them all. Near the time limit a job checkpoints and is requeued (--requeues times). "
        + "Options not given come from the cluster profile (~/.config/xmodal/cluster.json, or --profile); for an "
        + "experiment they come before 'experiment'. './xmodal runs' shows the jobs' state."})
final class SubmitCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--spec", paramLabel = "F.json", description = "The run spec of a new run.")
    Path specFile;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "RUN_DIR", description = "A run that is not "
            + "finished (stopped, failed, killed, or timed out more often than --requeues), to resume as a job.")
    Path runDir;

    @Option(names = "--runs", paramLabel = "DIR", description = "Folder of runs, on a filesystem the cluster's nodes "
            + "share (default: runs/ of the workbench).")
    Path runs;

    static final String PREPARE_IN_JOB = "--prepare-in-job";

    @picocli.CommandLine.Mixin
    SlurmChoices slurm = new SlurmChoices();

    @Option(names = PREPARE_IN_JOB, description = "For an experiment: prepare it (check the data, compute proposals, "
            + "extend a synthetic set) in a job of its own, which then submits its runs (from a node: the cluster must "
            + "allow sbatch there), instead of here on the login node.")
    boolean prepareInJob;

    /** The profile's options with those given on the command line over them. */
    SlurmOptions options() throws java.io.IOException {
        return slurm.options();
    }

    @Override
    public Integer call() throws Exception {
        if ((specFile == null) == (runDir == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give either --spec F.json (a new "
                    + "run), RUN_DIR (a run to resume) or 'experiment NAME ...'");
        }
        if (prepareInJob) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), PREPARE_IN_JOB + " is for an "
                    + "experiment ('submit " + PREPARE_IN_JOB + " [OPTIONS] experiment NAME ...'); a run has nothing "
                    + "to prepare before its job");
        }
        SlurmOptions options = options();
        if (runDir != null) {
            RunDirectory run = RunDirectory.open(runDir);
            String job = ClusterRuns.resubmit(run, options, Slurm.onPath());
            out().println("run " + run.id() + " in " + run.path() + ": Slurm job " + job + " resumes it (log: "
                    + run.path().resolve("slurm-" + job + ".out") + ")");
            return 0;
        }
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
