package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunLock;
import org.xmodal.engine.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xmodal resume RUN_DIR}: continues a stopped, killed or failed run from its last checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a stopped or killed run from its last checkpoint; its curves continue where they were.")
final class ResumeCommand extends CliCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "The run's folder.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        RunDirectory run = RunDirectory.open(dir);
        RunLock.checkFree(dir);
        RunStatus status = run.status();
        if (status.state() == RunStatus.State.RUNNING) {
            throw new BadInputException(dir, "is still running (its engine process is alive)");
        }
        if (status.state() == RunStatus.State.FINISHED) {
            throw new BadInputException(dir, "has already finished; clone it with more iterations instead");
        }
        EngineThreads.apply(run.spec().threads());
        return RunLauncher.execute(run, true, out(), err());
    }
}
