package org.xmodal.app.runs;

import java.util.HashMap;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Looks at the folder of runs a few times a second while a view that shows runs exists: one timer per library,
 * however many views share it, until the library is closed. Each look reads only what the engines appended.
 */
public final class RunWatchTimer {
    public static final Duration PERIOD = Duration.millis(400);
    private static final Map<RunLibrary, Timeline> TIMERS = new HashMap<>();

    private RunWatchTimer() {
    }

    /** Starts looking (once per library); the first look is at once. Call on the FX thread. */
    public static void start(RunLibrary library) {
        if (TIMERS.containsKey(library)) {
            return;
        }
        Timeline t = new Timeline();
        t.getKeyFrames().add(new KeyFrame(PERIOD, e -> {
            if (library.isClosed()) {
                t.stop();
                TIMERS.remove(library);
            } else {
                library.poll();
            }
        }));
        t.setCycleCount(Timeline.INDEFINITE);
        t.play();
        TIMERS.put(library, t);
        library.poll();
    }
}
