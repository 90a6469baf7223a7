package org.xmodal.engine.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Base of the commands: results go to picocli's out writer, messages to its err writer (tests capture both). */
abstract class CliCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
