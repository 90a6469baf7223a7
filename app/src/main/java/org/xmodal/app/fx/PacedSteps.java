package org.xmodal.app.fx;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;

/**
 * Small steps that each add a little to the window (a row of a form, with its styling), run at the start of later
 * pulses for at most a budget of time a pulse, lowest rank first (steps of one rank in the order given). At least one
 * step runs in each pulse, so the work always ends; a step should style what it adds ({@code applyCss}), so that its
 * cost is counted here rather than in the pulse's own styling. Where {@link NextPulse#inTurn} gives each step a pulse
 * of its own whatever it costs, this fits as many in a pulse as the budget allows: cheap steps go quickly, dear ones
 * one a pulse. Several views' worth of steps can share one, ranked so that what a person sees first comes first (the
 * first rows of two columns before the last rows of either). Use on the FX thread only.
 */
public final class PacedSteps {
    private record Step(int rank, long order, Runnable work) {
    }

    private final long budgetNanos;
    private final LongSupplier clock;
    private final PriorityQueue<Step> left = new PriorityQueue<>(
            Comparator.comparingInt(Step::rank).thenComparingLong(Step::order));
    private long added;
    private boolean running;
    /** The pulse after the steps were first added: it styles what was added with them, so no step runs in it. */
    private boolean skipNext;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (skipNext) {
                skipNext = false;
                return;
            }
            runFor(budgetNanos);
        }
    };

    /** Steps run for at most {@code budgetMillis} of each pulse (the step that crosses it finishes). */
    public PacedSteps(double budgetMillis) {
        this(budgetMillis, System::nanoTime);
    }

    PacedSteps(double budgetMillis, LongSupplier clock) {
        if (!(budgetMillis > 0)) {
            throw new IllegalArgumentException("a budget of " + budgetMillis + " ms a pulse: it must be more than 0");
        }
        this.budgetNanos = Math.round(budgetMillis * 1e6);
        this.clock = clock;
    }

    /** Adds a step; steps of a lower rank run first. From the pulse after the next one if none were waiting. */
    public void add(int rank, Runnable work) {
        left.add(new Step(rank, added++, work));
        if (!running) {
            running = true;
            skipNext = true;
            timer.start();
        }
    }

    /** The steps not run yet. */
    public int waiting() {
        return left.size();
    }

    /** Runs steps, lowest rank first, until {@code budgetNanos} have passed (at least one); what a pulse does. */
    void runFor(long budget) {
        long start = clock.getAsLong();
        do {
            Step s = left.poll();
            if (s == null) {
                break;
            }
            s.work().run();
        } while (clock.getAsLong() - start < budget);
        if (left.isEmpty()) {
            timer.stop();
            running = false;
        }
    }
}
