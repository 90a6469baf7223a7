package org.xmodal.app.fx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Runs work at the start of later pulses, so that a view made of several heavy parts is styled and laid out one
 * part per pulse instead of all in one: the window keeps redrawing in between, where one long pulse would freeze it.
 * Animation timers run at the start of a pulse, before its styling and layout, so what a part adds is styled in the
 * pulse it was added in.
 */
public final class NextPulse {
    private NextPulse() {
    }

    /** Runs {@code work} on the FX thread at the start of the pulse after the next one. Call on the FX thread. */
    public static void afterThis(Runnable work) {
        inTurn(List.of(work));
    }

    /** Runs {@code work} at the start of the {@code skipped}+1-th pulse after the next one (0: as {@link #afterThis}). */
    public static void after(int skipped, Runnable work) {
        List<Runnable> steps = new java.util.ArrayList<>();
        for (int i = 0; i < skipped; i++) {
            steps.add(() -> { });
        }
        steps.add(work);
        inTurn(steps);
    }

    /**
     * Runs each step at the start of a pulse of its own, in order, from the pulse after the next one (the next one
     * styles what was added before this call). Call on the FX thread.
     */
    public static void inTurn(List<Runnable> steps) {
        Deque<Runnable> left = new ArrayDeque<>(steps);
        new AnimationTimer() {
            private boolean first = true;

            @Override
            public void handle(long now) {
                if (first) {
                    first = false;
                    return;
                }
                Runnable step = left.poll();
                if (left.isEmpty()) {
                    stop();
                }
                if (step != null) {
                    step.run();
                }
            }
        }.start();
    }
}
