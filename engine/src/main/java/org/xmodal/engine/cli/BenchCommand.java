package org.xmodal.engine.cli;

import picocli.CommandLine.Command;

/** {@code xmodal bench ...}: benchmarks whose last printed line is the figure. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; the last line printed is the figure.",
        subcommands = {BenchHhaCommand.class, BenchFlowCommand.class, BenchTransferCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
