package org.xmodal.engine.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run is doing, read from its events alone (so the GUI, the terminal and a later session agree):
 * the last lifecycle event, whether its process is alive, the last progress figures, and while a running run has
 * not made its first step since it (re)started, the stage of its preparation.
 *
 * @param preparation the latest preparation event of a running run before its first step, null otherwise (and
 *                    always for runs written before runs reported their preparation)
 */
public record RunStatus(State state, long step, long totalSteps, double lastLoss, double imagesPerSecond,
                        double etaSeconds, String message, Preparation preparation) {

    public enum State { CREATED, RUNNING, FINISHED, FAILED, STOPPED, INTERRUPTED }

    /**
     * A stage of a run's preparation ({@link RunEvent#PREPARING}).
     *
     * @param fraction of the stage done, in [0, 1], or NaN when the engine does not know how much work it is
     */
    public record Preparation(String stage, String message, double fraction) {
        static Preparation of(RunEvent e) {
            double f = e.number("fraction", Double.NaN);
            String message = e.text("message");
            return new Preparation(e.text("stage"), message == null ? "" : message,
                    Double.isNaN(f) ? f : Math.max(0, Math.min(1, f)));
        }
    }

    /** A status without a preparation stage. */
    public RunStatus(State state, long step, long totalSteps, double lastLoss, double imagesPerSecond,
                     double etaSeconds, String message) {
        this(state, step, totalSteps, lastLoss, imagesPerSecond, etaSeconds, message, null);
    }

    public static RunStatus of(List<RunEvent> events) {
        State state = State.CREATED;
        long step = 0;
        long total = 0;
        double loss = Double.NaN;
        double speed = Double.NaN;
        double eta = Double.NaN;
        String message = null;
        Preparation preparation = null;
        boolean stepped = false;
        long pid = -1;
        for (RunEvent e : events) {
            step = Math.max(step, e.step());
            switch (e.type()) {
                case RunEvent.STARTED, RunEvent.RESUMED -> {
                    state = State.RUNNING;
                    pid = (long) e.number("pid", -1);
                    total = (long) e.number("iterations", total);
                    step = e.step();
                    message = null;
                    preparation = null;
                    stepped = false;
                }
                case RunEvent.PREPARING -> {
                    // an engine reports only before its first step; a later one would not be preparation
                    if (!stepped) {
                        preparation = Preparation.of(e);
                    }
                }
                case RunEvent.PROGRESS -> {
                    step = e.step();
                    loss = e.number("loss", loss);
                    speed = e.number("imagesPerSecond", speed);
                    eta = e.number("etaSeconds", eta);
                    preparation = null;
                    stepped = true;
                }
                case RunEvent.FINISHED -> state = State.FINISHED;
                case RunEvent.FAILED -> {
                    state = State.FAILED;
                    message = e.text("reason");
                }
                case RunEvent.STOPPED -> state = State.STOPPED;
                default -> {
                }
            }
        }
        if (state == State.RUNNING && !alive(pid)) {
            state = State.INTERRUPTED;
            message = "the engine process ended without finishing (killed?); resume continues from the last checkpoint";
        }
        return new RunStatus(state, step, total, loss, speed, eta, message,
                state == State.RUNNING ? preparation : null);
    }

    private static boolean alive(long pid) {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive();
    }

    public boolean canResume() {
        return state == State.STOPPED || state == State.INTERRUPTED || state == State.FAILED;
    }

    /** Whether the run is running and has not made its first step since it (re)started. */
    public boolean preparing() {
        return preparation != null;
    }

    /**
     * The state in one word, as {@code xmodal runs} and the workbench show it: "preparing" for a running run before
     * its first step, else the state's name ("running", "finished", ...).
     */
    public String stateName() {
        return preparing() ? "preparing" : state.name().toLowerCase(Locale.ROOT);
    }
}
