package org.xmodal.engine.cli;

import picocli.CommandLine.Command;

/**
 * {@code xmodal submit [OPTIONS] experiment NAME ...}: the experiment commands themselves, whose runs go to Slurm as
 * jobs instead of being trained in this process ({@link ExperimentSubcommand#queue()}).
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "An experiment as Slurm jobs: its runs wait for the runs they need and run side by side as job "
                + "arrays; its summary is a job after them all. The experiment's options are those of 'xmodal "
                + "experiment NAME'.",
        subcommands = {Table1Command.class, SocketCommand.class, RobustCommand.class, FlowExperimentCommand.class})
final class SubmitExperimentCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    SubmitCommand submit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
