package org.xmodal.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;
import org.xmodal.app.fx.ClassWarmUp;
import org.xmodal.app.fx.WhenQuiet;
import org.xmodal.app.menu.WorkbenchMenus;
import org.xmodal.app.results.RecentExperiments;
import org.xmodal.app.shell.AlertProblemReporter;
import org.xmodal.app.shell.EngineProbe;
import org.xmodal.app.shell.FolderChooser;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.shell.RememberedSettings;
import org.xmodal.app.shell.SettingsFile;
import org.xmodal.app.shell.StartDataset;
import org.xmodal.app.shell.WindowMemory;
import org.xmodal.app.shell.WorkbenchSettings;
import org.xmodal.app.shell.WorkbenchShell;
import org.xmodal.app.shell.WorkbenchView;
import org.xmodal.app.lesson.LessonView;
import org.xmodal.app.task.FxTaskExecutor;
import org.xmodal.engine.encode.EncodingCache;

/**
 * The JavaFX application. Started by {@link WorkbenchMain} (which does not extend Application, so that JavaFX
 * runs from the class path); opens the dataset given on the command line, else the most recent one that still
 * exists, else the bundled sample data; the window comes back where it was, on the view it showed.
 */
public final class WorkbenchApp extends Application {
    private FxTaskExecutor executor;
    private WorkbenchContext context;
    private SettingsFile settingsFile;
    private WorkbenchSettings settings;
    private Optional<Path> startDataset = Optional.empty();
    /**
     * Writes the settings, one save after another, off the FX thread. Its thread is not a daemon, and stop() lets it
     * finish: the save made as the window closes is written before the JVM exits.
     */
    /** Named parameter: the view shown first ({@code --view=Lesson}). */
    static final String VIEW = "--view";
    /** Named parameter: the lesson opens in presenter mode ({@code --presenter=true}). */
    static final String PRESENTER = "--presenter";
    private final ExecutorService settingsWriter = Executors.newSingleThreadExecutor(r -> new Thread(r,
            "xmodal-settings"));

    /** Reads the settings and looks for the dataset to open on the launcher thread, before the FX thread is busy. */
    @Override
    public void init() {
        settingsFile = SettingsFile.standard();
        settings = settingsFile.load();
        List<String> args = getParameters().getUnnamed();
        Optional<Path> given = args.isEmpty() ? Optional.empty() : Optional.of(Path.of(args.get(0)).toAbsolutePath());
        startDataset = StartDataset.choose(given, settings.recentDatasets(),
                SampleData.locate().map(SampleData::rgbd), Files::exists);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        ProblemReporter problems = new AlertProblemReporter(() -> stage);
        // a bug on the FX thread becomes a dialog, not a stack trace in a terminal the person may not see
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> problems.report(
                Problems.describe("Something went wrong", e)));
        context = WorkbenchContext.create(executor, problems, EncodingCache.userDefault(),
                SampleData.locate(), RunsSetup.remembered(settings.runsFolder()));
        RememberedSettings remembered = new RememberedSettings(settings, settingsFile, settingsWriter);
        remembered.followRunsFolder(context.runs().rootProperty());
        remembered.followMlflowTracking(context.runs().mlflowTrackingProperty());
        WorkbenchShell shell = Workbench.shell(context, new WorkbenchMenus.Setup(remembered,
                RecentExperiments.standard(), FolderChooser.desktop(), Optional.of(getHostServices()::showDocument)));
        stage.setTitle("xmodal \u00b7 cross-modal distillation workbench");
        stage.setScene(Workbench.scene(shell, Workbench.WIDTH, Workbench.HEIGHT));
        WindowMemory.attach(stage, shell, remembered);
        stage.show();
        // the classes of the views not shown yet load in the background, not on their first visit
        ClassWarmUp.start(executor::isIdle, stage.getScene());
        // the engine is asked (a child JVM loading PyTorch) once the first dataset is open, not while it opens
        WhenQuiet.run("xmodal-engine-probe", executor::isIdle, () -> javafx.application.Platform.runLater(
                () -> shell.status().probeEngine(EngineProbe.of(context.runsSetup().devices()))));
        startDataset.ifPresent(context.session()::open);
        String view = getParameters().getNamed().get(VIEW.substring(2));
        if (view != null) {
            WorkbenchView shown = shell.show(view);
            if (shown instanceof LessonView lesson && "true".equals(getParameters().getNamed().get(
                    PRESENTER.substring(2)))) {
                lesson.presenter(true);
            }
        }
    }

    @Override
    public void stop() {
        // runs started from this window go on training: they are engine processes of their own
        if (context != null) {
            context.runs().close();
            context.runsSetup().inspection().close();
        }
        if (executor != null) {
            executor.close();
        }
        settingsWriter.shutdown(); // what it was given is still written
    }
}
