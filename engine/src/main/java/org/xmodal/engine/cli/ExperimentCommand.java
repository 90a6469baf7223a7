package org.xmodal.engine.cli;

import picocli.CommandLine.Command;

/** {@code xmodal experiment ...}: comparisons of several runs. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Experiments that compare several runs, with their reports.",
        subcommands = {Table1Command.class, SocketCommand.class, RobustCommand.class,
                FlowExperimentCommand.class})
final class ExperimentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
