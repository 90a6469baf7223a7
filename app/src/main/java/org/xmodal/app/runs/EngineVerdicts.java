package org.xmodal.app.runs;

import java.io.IOException;
import org.xmodal.app.task.LatestWins;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

/**
 * The engine's pre-launch check of the run form's distill specs ({@link SpecCheck}): off the UI thread, the latest
 * change winning. Whether the teacher's weights can do what the terms ask (kd needs a classifier of the dataset's
 * scene classes) and whether the dataset has the labels they need is the engine's to say; its verdict on the spec
 * the form still holds is passed on, and a spec it accepted is not asked about again.
 */
final class EngineVerdicts {
    /** Shows a verdict: the spec that can start (or null) and what is wrong (or ""). */
    @FunctionalInterface
    interface Verdict {
        void show(RunSpec canStart, String problem);
    }

    private final LatestWins<RunSpec, RunSpec> asking;
    private final Verdict verdict;
    /** The spec last put to the engine, and (while it is still the form's) the one awaited. */
    private RunSpec checking;
    private RunSpec awaited;
    /** The last spec the engine accepted. */
    private RunSpec accepted;

    EngineVerdicts(TaskExecutor executor, SpecCheck check, Verdict verdict) {
        this.verdict = verdict;
        this.asking = new LatestWins<>(executor, "Checking the run's teacher and data with the engine",
                (s, cancel) -> {
                    try {
                        check.check(s);
                    } catch (LinkageError e) {
                        throw new EngineUnavailable(e);
                    }
                    return s;
                }, this::accepted, this::refused);
    }

    /** The form changed: a verdict on what it held before is no longer news. */
    void forget() {
        awaited = null;
    }

    /** Whether {@code s} must wait for the engine: a distill spec it has not accepted yet. */
    boolean mustAsk(RunSpec s) {
        return s.kind() == RunKind.DISTILL && !s.equals(accepted);
    }

    void ask(RunSpec s) {
        awaited = s;
        checking = s;
        asking.request(s);
    }

    private void accepted(RunSpec s) {
        accepted = s;
        if (awaited != null && awaited == s) {
            awaited = null;
            verdict.show(s, "");
        }
    }

    /** The engine's refusal of the latest spec put to it, shown while that spec is still the form's. */
    private void refused(Throwable e) {
        if (awaited == null || awaited != checking) {
            return;
        }
        RunSpec s = awaited;
        awaited = null;
        if (e instanceof IllegalArgumentException || e instanceof IOException) {
            verdict.show(null, e.getMessage());
        } else {
            // not the spec's fault: the engine that runs it checks it again, in its own process
            verdict.show(s, "The engine could not check this spec here (" + e.getMessage() + "); it checks it "
                    + "again when the run starts");
        }
    }

    /** The engine's natives cannot be loaded in this process (the run's own engine process may still load them). */
    private static final class EngineUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        EngineUnavailable(LinkageError e) {
            super(e.toString(), e);
        }
    }
}
