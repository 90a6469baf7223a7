package org.xmodal.engine.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunSpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal run --spec F.json}: starts a run in a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a run from a spec (JSON). Events, metrics, checkpoints and filters go to a new folder "
                + "under --runs; progress to the terminal. Ctrl-C stops cleanly; './xmodal resume DIR' continues.")
final class RunCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "F.json", description = "The run spec.")
    Path specFile;

    @Option(names = "--runs", paramLabel = "DIR", description = "Folder of runs (default: runs/ of the workbench).")
    Path runs;

    @Option(names = "--iterations", description = "Override the spec's iterations.")
    Integer iterations;

    @Override
    public Integer call() throws Exception {
        RunSpec spec = RunSpecFiles.read(specFile);
        if (iterations != null) {
            spec = spec.withIterations(iterations);
        }
        // the threads before anything starts PyTorch (the check below builds networks): set later, they did not hold
        // for every operation, and a run and its resume (or the same run as a cluster's job) differed in the last bits
        EngineThreads.apply(spec.threads());
        RunKinds.check(spec); // before a run folder is made: a spec that cannot run leaves nothing behind
        spec = spec.withLaunch(new RunSpec.Launch(BuildInfo.get().version(), spec.device().id(), Instant.now().toString(),
                InetAddress.getLocalHost().getHostName()));
        RunDirectory run = RunDirectory.create(runs == null ? RunDirectory.defaultRunsRoot() : runs, spec);
        return RunLauncher.execute(run, false, out(), err());
    }
}
