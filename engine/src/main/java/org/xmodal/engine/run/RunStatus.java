package org.xmodal.engine.run;

import java.util.List;
import java.util.Optional;

/**
 * What a run is doing, read from its events alone (so the GUI, the terminal and a later session agree):
 * the last lifecycle event, whether its process is alive, the last progress figures.
 */
public record RunStatus(State state, long step, long totalSteps, double lastLoss, double imagesPerSecond,
                        double etaSeconds, String message) {

    public enum State { CREATED, RUNNING, FINISHED, FAILED, STOPPED, INTERRUPTED }

    public static RunStatus of(List<RunEvent> events) {
        State state = State.CREATED;
        long step = 0;
        long total = 0;
        double loss = Double.NaN;
        double speed = Double.NaN;
        double eta = Double.NaN;
        String message = null;
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
                }
                case RunEvent.PROGRESS -> {
                    step = e.step();
                    loss = e.number("loss", loss);
                    speed = e.number("imagesPerSecond", speed);
                    eta = e.number("etaSeconds", eta);
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
        return new RunStatus(state, step, total, loss, speed, eta, message);
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
}
