package org.xmodal.engine.cli;

import java.io.PrintWriter;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.image.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code xmodal}: the headless engine's command line (DESIGN.md's table). Users' mistakes end with one line on
 * stderr and exit code 2, never a stack trace; internal failures exit 1 with the trace in the log.
 */
@Command(name = "xmodal", mixinStandardHelpOptions = true, versionProvider = XmodalCli.Version.class,
        description = "Cross-Modal Workbench: supervision transfer between paired modalities (RGB -> depth, flow).",
        subcommands = {
                HhaCommand.class,
                FlowCommand.class,
                EncodeCommand.class,
                RunCommand.class,
                ResumeCommand.class,
                SubmitCommand.class,
                RunsCommand.class,
                FiltersCommand.class,
                ExportCommand.class,
                LessonAssetsCommand.class,
                BenchCommand.class,
                DatasetCommand.class,
                EngineInfoCommand.class,
                ServeInspectionCommand.class,
                CommandLine.HelpCommand.class,
                SynthCommand.class,
                ProposalsCommand.class,
                ExperimentCommand.class,
        })
public final class XmodalCli implements Runnable {
    /** Exit code for bad input from the user (files, arguments). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        System.setProperty("ai.djl.offline", "true");
        return configure(new CommandLine(new XmodalCli()));
    }

    /**
     * The engine's handling of mistakes and failures on a command line (the workbench's own commands use it too):
     * a wrong option is one line and a hint to {@code --help}, exit 2; bad input one line naming the file, exit 2;
     * anything else exit 1 with the trace in the log.
     */
    public static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler(XmodalCli::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("xmodal: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof java.io.UncheckedIOException u) {
            ex = u.getCause(); // a write that failed inside a callback (a filter picture, a metric)
        }
        PrintWriter err = cl.getErr();
        if (ex instanceof BadInputException || ex instanceof IllegalArgumentException
                || ex instanceof java.nio.file.NoSuchFileException) {
            String msg = ex instanceof java.nio.file.NoSuchFileException nsf ? nsf.getFile() + ": does not exist"
                    : ex.getMessage();
            err.println("xmodal: " + msg);
            return EXIT_BAD_INPUT;
        }
        if (ex instanceof org.xmodal.engine.experiment.RunFailedException) {
            err.println("xmodal: " + ex.getMessage()); // the run's own events say why; no stack trace to read
            return 1;
        }
        org.slf4j.LoggerFactory.getLogger(XmodalCli.class).error("command failed", ex);
        err.println("xmodal: internal error: " + ex + " (details in the log above)");
        return 1;
    }

    /** The version line of {@code --version}: the build, DJL, PyTorch and the natives' flavour. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.get();
            return new String[] {"xmodal " + b.version() + " (DJL " + b.djlVersion() + ", PyTorch " + b.pytorchVersion()
                    + ", " + b.nativeFlavour() + " natives)"};
        }
    }
}
