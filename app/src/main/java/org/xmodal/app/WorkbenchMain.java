package org.xmodal.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javafx.application.Application;
import org.xmodal.app.fx.WarmUp;
import org.xmodal.app.task.BackgroundPriority;
import org.xmodal.engine.cli.XmodalCli;
import org.xmodal.engine.image.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Entry point of the workbench's own commands, parsed with picocli as the engine's are (the same {@code --help},
 * {@code --version} and messages): {@code ./xmodal} and {@code ./xmodal gui [DATASET]}, the window, on the dataset
 * given, else the one opened last, else the bundled sample data; {@code ./xmodal lesson [--presenter]};
 * {@code ./xmodal screenshots --out DIR}; {@code ./xmodal bench fx}. It does not extend {@link Application}, so
 * JavaFX can be loaded from the class path.
 */
@Command(name = "xmodal", mixinStandardHelpOptions = true, versionProvider = XmodalCli.Version.class,
        description = {"The Cross-Modal Workbench's window and its own commands (without one: the window, on the "
                + "dataset opened last, else the bundled sample data). The engine's commands: ./xmodal --help."},
        subcommands = {WorkbenchMain.Gui.class, WorkbenchMain.Lesson.class, WorkbenchMain.Screenshots.class,
                WorkbenchMain.Bench.class})
public final class WorkbenchMain implements Callable<Integer> {
    /**
     * JavaFX warns when it runs from the class path; that is deliberate (see the class comment), so that one
     * warning would only alarm people; every other JavaFX message still shows. Held in a field because loggers
     * are weakly referenced.
     */
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    public static void main(String[] args) {
        BackgroundPriority.forCommonPool(); // before anything starts the pool
        BackgroundPriority.lowerCompilerThreads(); // compiling waits while the window has work
        JAVAFX.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    static int execute(String... args) {
        return XmodalCli.configure(new CommandLine(new WorkbenchMain())).execute(args);
    }

    @Parameters(arity = "0..1", paramLabel = "DATASET", description = "As gui's (the installed program's "
            + "launcher passes it here).")
    Path dataset;

    @Override
    public Integer call() throws BadInputException {
        Gui gui = new Gui();
        gui.dataset = dataset;
        return gui.call();
    }

    @Command(name = "gui", mixinStandardHelpOptions = true, description = "The workbench window.")
    static final class Gui implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "DATASET", description = "A dataset folder, a folder of video "
                + "frames, or NYU Depth v2's .mat file (default: the dataset opened last, else the bundled sample "
                + "data).")
        Path dataset;

        @Override
        public Integer call() throws BadInputException {
            if (dataset != null && !Files.exists(dataset)) {
                throw new BadInputException(dataset, "does not exist");
            }
            return launch(dataset == null ? new String[0] : new String[] {dataset.toString()});
        }
    }

    @Command(name = "lesson", mixinStandardHelpOptions = true, description = "The workbench on its Lesson: "
            + "cross-modal distillation taught in eight live screens.")
    static final class Lesson implements Callable<Integer> {
        @Option(names = "--presenter", description = "Full screen, large type, white on black (Escape leaves it).")
        boolean presenter;

        @Override
        public Integer call() {
            return launch(presenter ? new String[] {WorkbenchApp.VIEW + "=Lesson", WorkbenchApp.PRESENTER + "=true"}
                    : new String[] {WorkbenchApp.VIEW + "=Lesson"});
        }
    }

    @Command(name = "screenshots", mixinStandardHelpOptions = true, description = "Renders each view and each "
            + "lesson screen on the sample data to DIR/*.png, headless (the results view only with an experiment "
            + "folder).")
    static final class Screenshots implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the pictures go.")
        Path out;

        @Option(names = "--runs", paramLabel = "DIR", description = "The runs the runs, filters and features views "
                + "show (default: the workbench's folder of runs; without a finished teacher and transfer there, "
                + "the presets' are trained first, about two minutes).")
        Path runs;

        @Option(names = "--experiment", paramLabel = "DIR", description = "A Table 1 experiment folder for the "
                + "results view.")
        Path experiment;

        @Override
        public Integer call() {
            return ScreenshotCommand.run(out, runs, experiment);
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = "The workbench's benchmark (the "
            + "engine's are ./xmodal bench hha|flow|transfer).", subcommands = Bench.Fx.class)
    static final class Bench implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return XmodalCli.EXIT_BAD_INPUT;
        }

        @Command(name = "fx", mixinStandardHelpOptions = true, description = {"Is the FX thread ever blocked? Opens "
                + "the workbench headless on the sample data, visits each view once as a newcomer would, starts a "
                + "run, then keeps it streaming while HHA recomputes and the views are visited again; prints each "
                + "view's worst gap between two pulses, last line 'worst FX gap N ms'."})
        static final class Fx implements Callable<Integer> {
            @Option(names = "--seconds", paramLabel = "N", defaultValue = "20", description = "How long to measure "
                    + "after the first visits (default: ${DEFAULT-VALUE}).")
            int seconds;

            @Option(names = "--experiment", paramLabel = "DIR", description = "The results view opens this Table 1 "
                    + "experiment, as a returning user's newest.")
            Path experiment;

            @Option(names = "--no-switch", description = "Do not visit the views again (to see what a gap comes "
                    + "from).")
            boolean noSwitch;

            @Option(names = "--no-hha", description = "Do not recompute HHA meanwhile.")
            boolean noHha;

            @Override
            public Integer call() {
                return FxBenchCommand.run(seconds, !noSwitch, !noHha, experiment);
            }
        }
    }

    private static int launch(String[] args) {
        WarmUp.beforeToolkit();
        try {
            Application.launch(WorkbenchApp.class, args);
            return 0;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("DISPLAY") || why.contains("display")) {
                System.err.println("xmodal: no display to open the workbench on (" + why + "); run it on a desktop,"
                        + " under xvfb-run, or use ./xmodal screenshots --out DIR for pictures of it");
                return 2;
            }
            System.err.println("xmodal: the workbench could not start: " + why);
            return 1;
        }
    }
}
