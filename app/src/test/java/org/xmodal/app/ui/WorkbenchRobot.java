package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.xmodal.app.TestData;
import org.xmodal.app.Workbench;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.fx.ImageCanvas;
import org.xmodal.app.menu.WorkbenchMenus;
import org.xmodal.app.runs.DeviceProbe;
import org.xmodal.app.runs.EngineProcesses;
import org.xmodal.app.runs.RunsSetup;
import org.xmodal.app.shell.AlertProblemReporter;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.WorkbenchShell;
import org.xmodal.app.task.FxTaskExecutor;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.encode.EncodingCache;

/**
 * The workbench as the UI tests drive it: the real shell, views, dialogs and background executor on a headless
 * stage, with problems also collected for assertions and a quick stand-in for the PyTorch probe.
 */
final class WorkbenchRobot {
    static final String ENGINE = "xmodal test \u00b7 PyTorch (stand-in) \u00b7 device cpu";
    private static final long TIMEOUT_SECONDS = 30;

    /** The engine's answer about devices, without loading PyTorch. */
    static final DeviceProbe DEVICES = () -> new EngineInfo("PyTorch", "2.5.1", "0.32.0", "cpu", 2, List.of());

    final List<Problem> problems = new ArrayList<>();
    final FxTaskExecutor executor = new FxTaskExecutor();
    final WorkbenchContext context;
    final WorkbenchShell shell;

    /**
     * A workbench whose encoding cache is {@code cache}; its runs live in a "runs" folder beside it, and the engine
     * processes it starts keep their own cache beside it too (never the user's).
     */
    WorkbenchRobot(Stage stage, Path cache) {
        this(stage, cache, WorkbenchMenus.Setup.inMemory(), 1280, 800);
    }

    /** With the menus' settings, recent experiments and folder chooser given (tests of the menus and settings). */
    WorkbenchRobot(Stage stage, Path cache, WorkbenchMenus.Setup menus) {
        this(stage, cache, menus, 1280, 800);
    }

    /** The same, in a window of the given size ({@link Workbench#WIDTH} x {@link Workbench#HEIGHT}: the default). */
    WorkbenchRobot(Stage stage, Path cache, double width, double height) {
        this(stage, cache, WorkbenchMenus.Setup.inMemory(), width, height);
    }

    private WorkbenchRobot(Stage stage, Path cache, WorkbenchMenus.Setup menus, double width, double height) {
        AlertProblemReporter dialogs = new AlertProblemReporter(() -> stage);
        Path beside = cache.toAbsolutePath().getParent();
        EngineProcesses engine = EngineProcesses.likeThisJvm()
                .withEnvironment("XDG_CACHE_HOME", beside.resolve("engine-cache").toString())
                .withJvmOption("-Dxmodal.log.level=WARN");
        context = WorkbenchContext.create(executor, p -> {
            problems.add(p);
            dialogs.report(p);
        }, new EncodingCache(cache), Optional.of(TestData.sample()), new RunsSetup(beside.resolve("runs"), engine,
                DEVICES, TestData.inspection()));
        shell = Workbench.shell(context, menus);
        stage.setScene(Workbench.scene(shell, width, height));
        stage.show();
        shell.status().probeEngine(() -> ENGINE);
    }

    /** Waits until the condition, evaluated on the FX thread, holds. */
    static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /**
     * Clicks {@code id} once the FX thread has it in the window, shown and enabled. TestFX's clickOn(query) looks the
     * node up from the test thread, and meeting a run page the FX thread was still rebuilding after a run stopped, it
     * found a node without a scene (a NullPointerException in its visibility check, twice in CI).
     */
    static void clickWhenShown(FxRobot robot, String id) {
        waitUntil(id + " is shown and enabled", () -> robot.lookup(id).tryQuery().map(n -> n.getScene() != null
                && n.isVisible() && !n.isDisabled()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(id);
    }

    /** Waits until no job runs and no outcome waits for the FX thread. */
    void waitUntilIdle() {
        waitUntil("the workbench is idle", () -> executor.isIdle() && context.work().running().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The pixels an image canvas shows, ARGB row by row; empty when it shows nothing (or is not shown yet). */
    static int[] pixels(FxRobot robot, String canvasId) {
        return onFx(() -> {
            Node n = robot.lookup(canvasId).tryQuery().orElse(null);
            Image img = n == null ? null : ((ImageCanvas) n).currentImage();
            if (img == null) {
                return new int[0];
            }
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] px = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
            return px;
        });
    }

    void assertNoProblems() {
        assertTrue(problems.isEmpty(), () -> "problems were reported: " + problems);
    }

    void close() {
        onFx(() -> {
            context.runs().close();
            return null;
        });
        executor.close();
    }
}
