package org.xmodal.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.xmodal.app.fx.ClassWarmUp;
import org.xmodal.app.fx.WarmUp;
import org.xmodal.app.fx.WhenQuiet;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.shell.EngineProbe;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.WorkbenchShell;
import org.xmodal.app.task.FxTaskExecutor;
import org.xmodal.engine.encode.EncodingCache;

/**
 * The workbench in a window without a display (Monocle's headless glass, software rendering), driven from another
 * thread: what {@code ./xmodal screenshots} and {@code ./xmodal bench fx} run. Problems are collected, not shown.
 */
final class HeadlessWorkbench implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 120;

    final List<Problem> problems = new ArrayList<>();
    FxTaskExecutor executor;
    WorkbenchContext context;
    WorkbenchShell shell;
    Stage stage;

    /** Monocle's headless platform, unless the caller chose a platform. Call before JavaFX starts. */
    static void useHeadlessPlatform() {
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("headless.geometry", "1440x900-32");
        }
    }

    private static boolean started;

    /** Starts JavaFX (once) on the headless platform unless the caller chose one. */
    static synchronized void startFx() {
        if (!started) {
            useHeadlessPlatform();
            WarmUp.beforeToolkit(); // as the workbench's own window does
            Platform.startup(() -> { });
            started = true;
        }
    }

    /** Starts JavaFX and opens the workbench window on the sample data. */
    static HeadlessWorkbench open(SampleData sample, RunsSetup runs) throws Exception {
        HeadlessWorkbench w = openWindow(sample, runs);
        onFx(() -> w.context.session().open(sample.rgbd()));
        return w;
    }

    /** Starts JavaFX and opens the workbench window with no dataset open yet (what the bench measures from). */
    static HeadlessWorkbench openWindow(SampleData sample, RunsSetup runs) throws Exception {
        startFx();
        HeadlessWorkbench w = new HeadlessWorkbench();
        onFx(() -> {
            w.executor = new FxTaskExecutor();
            w.context = WorkbenchContext.create(w.executor, w.problems::add, EncodingCache.userDefault(),
                    Optional.of(sample), runs);
            w.shell = Workbench.shell(w.context);
            w.stage = new Stage();
            w.stage.setScene(Workbench.scene(w.shell, Workbench.WIDTH, Workbench.HEIGHT));
            w.stage.show();
            // as the workbench's own window does
            ClassWarmUp.start(w.executor::isIdle, w.stage.getScene());
            WhenQuiet.run("xmodal-engine-probe", w.executor::isIdle, () -> Platform.runLater( // as the window does
                    () -> w.shell.status().probeEngine(EngineProbe.of(runs.devices()))));
            return null;
        });
        return w;
    }

    /** Waits until no job runs and no outcome waits for the FX thread, three checks in a row. */
    void settle() throws Exception {
        settle(TIMEOUT_SECONDS);
    }

    /** {@link #settle()}, waiting at most {@code seconds}. */
    void settle(long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the workbench was still busy after " + seconds + " s");
            }
            boolean idle = onFx(() -> executor.isIdle() && context.work().running().isEmpty());
            quiet = idle ? quiet + 1 : 0;
            Thread.sleep(100);
        }
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    static void waitFor(String what, long seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        try {
            return task.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    static void onFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    @Override
    public void close() throws Exception {
        onFx(() -> {
            context.runs().close();
            context.runsSetup().inspection().close();
            executor.close();
        });
    }
}
