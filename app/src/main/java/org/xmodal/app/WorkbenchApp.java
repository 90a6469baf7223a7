package org.xmodal.app;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.xmodal.app.shell.AlertProblemReporter;
import org.xmodal.app.shell.EngineProbe;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.shell.WorkbenchShell;
import org.xmodal.app.task.FxTaskExecutor;
import org.xmodal.engine.encode.EncodingCache;

/**
 * The JavaFX application. Started by {@link WorkbenchMain} (which does not extend Application, so that JavaFX
 * runs from the class path); opens the dataset given on the command line, else the bundled sample data.
 */
public final class WorkbenchApp extends Application {
    private FxTaskExecutor executor;
    private WorkbenchContext context;

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        ProblemReporter problems = new AlertProblemReporter(() -> stage);
        // a bug on the FX thread becomes a dialog, not a stack trace in a terminal the person may not see
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> problems.report(
                Problems.describe("Something went wrong", e)));
        context = WorkbenchContext.create(executor, problems, EncodingCache.userDefault(),
                SampleData.locate());
        WorkbenchShell shell = Workbench.shell(context);
        stage.setTitle("xmodal \u00b7 cross-modal distillation workbench");
        stage.setScene(Workbench.scene(shell, Workbench.WIDTH, Workbench.HEIGHT));
        stage.show();
        shell.status().probeEngine(EngineProbe.pytorch());
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) {
            context.session().open(Path.of(args.get(0)).toAbsolutePath());
        } else {
            context.sample().ifPresent(s -> context.session().open(s.rgbd()));
        }
    }

    @Override
    public void stop() {
        // runs started from this window go on training: they are engine processes of their own
        if (context != null) {
            context.runs().close();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
