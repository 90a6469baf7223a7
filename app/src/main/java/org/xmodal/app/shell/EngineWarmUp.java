package org.xmodal.app.shell;

import ai.djl.engine.Engine;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmodal.app.fx.WhenQuiet;

/**
 * Probes the engine once the window is quiet (a child JVM loads PyTorch and answers, for the status bar and the run
 * form), and, if it answered, loads PyTorch into the window's own process once the window is quiet again, ahead of
 * the first view that runs a network in it (Features, Filters, the Lesson). Loading it takes a background thread about
 * half a second, much of it in the system's dynamic loader, and while it does other threads of the process can wait
 * for that loader too: loaded on the Features view's first visit, it left the window without a frame for 128-171 ms
 * in three of ten runs of bench fx (the FX thread and the renderer each had under 30 ms of CPU in those gaps). Loaded
 * only once the child has shown it works, so that natives that crash on load take down the child, not the window.
 */
public final class EngineWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmUp.class);

    private EngineWarmUp() {
    }

    /**
     * Probes the engine into {@code status} once {@code idle} has held, then loads it into this process once it
     * holds again. Returns at once; call on the FX thread.
     */
    public static void start(BooleanSupplier idle, StatusBarViewModel status, EngineProbe probe) {
        WhenQuiet.run("xmodal-engine-probe", idle, () -> Platform.runLater(() -> status.probeEngine(probe,
                () -> WhenQuiet.run("xmodal-engine-warm-up", idle, EngineWarmUp::load))));
    }

    /** Loads the default engine into this process; a failure is left for the view that needs it to report. */
    static void load() {
        long start = System.nanoTime();
        try {
            Engine engine = Engine.getInstance();
            LOG.debug("engine warm-up: {} {} loaded in {} ms", engine.getEngineName(), engine.getVersion(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("engine warm-up: the engine did not load in the window's process", e);
        }
    }
}
