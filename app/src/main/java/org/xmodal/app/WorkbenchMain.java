package org.xmodal.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import javafx.application.Application;
import org.xmodal.app.fx.ChartWarmUp;
import org.xmodal.app.fx.ClassWarmUp;
import org.xmodal.app.task.BackgroundPriority;

/**
 * Entry point of {@code ./xmodal} and {@code ./xmodal gui [DATASET]}: the workbench window, on the dataset given,
 * else the one opened last, else the bundled sample data; of {@code ./xmodal screenshots --out DIR}; and of
 * {@code ./xmodal bench fx}. It does not extend {@link Application}, so JavaFX can be loaded from the class path.
 */
public final class WorkbenchMain {
    static final String USAGE = String.join("\n",
            "Usage: xmodal [gui [DATASET]]        the workbench (without DATASET: on the dataset opened last, else"
                    + " the bundled sample data)",
            "       xmodal lesson [--presenter]        the workbench on its Lesson (cross-modal distillation taught in"
                    + " eight live screens; --presenter: full screen, large type)",
            "       xmodal screenshots --out DIR [--runs DIR] [--experiment DIR]  renders each view on the sample data"
                    + " to DIR/*.png, headless (the results view only with an experiment folder)",
            "       xmodal bench fx [--seconds N] [--experiment DIR]  the longest the FX thread goes without a pulse "
                    + "on each view's first visit, and while a run streams and HHA recomputes",
            "DATASET is a dataset folder, a folder of video frames, or NYU Depth v2's .mat file.");

    /**
     * JavaFX warns when it runs from the class path; that is deliberate (see the class comment), so that one
     * warning would only alarm people; every other JavaFX message still shows. Held in a field because loggers
     * are weakly referenced.
     */
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    private WorkbenchMain() {
    }

    public static void main(String[] args) {
        BackgroundPriority.forCommonPool(); // before anything starts the pool
        JAVAFX.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        if (args.length > 0 && args[0].equals("screenshots")) {
            System.exit(ScreenshotCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 1 && args[0].equals("bench") && args[1].equals("fx")) {
            System.exit(FxBenchCommand.run(Arrays.copyOfRange(args, 2, args.length)));
        }
        if (args.length > 0 && args[0].equals("lesson")) {
            List<String> rest = List.of(args).subList(1, args.length);
            if (rest.contains("--help") || rest.contains("-h")) {
                System.out.println(USAGE);
                return;
            }
            for (String a : rest) {
                if (!a.equals("--presenter")) {
                    System.err.println("xmodal lesson: unknown option " + a);
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
            args = rest.contains("--presenter") ? new String[] {WorkbenchApp.VIEW + "=Lesson",
                    WorkbenchApp.PRESENTER + "=true"} : new String[] {WorkbenchApp.VIEW + "=Lesson"};
            launch(args);
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("xmodal gui: expected at most one dataset, got " + String.join(" ", args));
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args.length == 1 && !Files.exists(Path.of(args[0]))) {
            System.err.println("xmodal gui: " + args[0] + ": does not exist");
            System.exit(2);
        }
        launch(args);
    }

    private static void launch(String[] args) {
        ClassWarmUp.startRenderer();
        ChartWarmUp.beforeToolkit();
        try {
            Application.launch(WorkbenchApp.class, args);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("DISPLAY") || why.contains("display")) {
                System.err.println("xmodal: no display to open the workbench on (" + why + "); run it on a desktop,"
                        + " under xvfb-run, or use ./xmodal screenshots --out DIR for pictures of it");
                System.exit(2);
            }
            System.err.println("xmodal: the workbench could not start: " + why);
            System.exit(1);
        }
    }
}
