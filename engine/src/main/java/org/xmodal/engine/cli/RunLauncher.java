package org.xmodal.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.train.TrainingLoop;

/**
 * Drives a run in this process for {@code run} and {@code resume}: a progress bar on stderr, and Ctrl-C or a
 * SIGTERM from the workbench turned into a clean stop (checkpoint, then a "stopped" event) instead of a kill.
 */
final class RunLauncher {
    private RunLauncher() {
    }

    static int execute(RunDirectory run, boolean resume, PrintWriter out, PrintWriter err) throws IOException {
        Cancellation cancel = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(); // let the loop write its checkpoint before the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "xmodal-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("run " + run.id() + " in " + run.path());
        TerminalProgress bar = new TerminalProgress("train", err);
        TrainingLoop.Listener listener = (step, total, loss, speed, eta) ->
                bar.progress(TerminalProgress.trainingStep(step, total, loss, speed), step / (double) total);
        try {
            TerminalProgress preparation = new TerminalProgress("prepare", err);
            TrainingLoop.Outcome outcome = RunKinds.execute(run, resume, EncodingCache.userDefault(), preparation,
                    listener, cancel);
            bar.done();
            out.println(run.id() + ": " + outcome.name().toLowerCase(Locale.ROOT) + describeEnd(run));
            return outcome == TrainingLoop.Outcome.FAILED ? 4 : 0;
        } catch (java.util.concurrent.CancellationException e) {
            out.println(run.id() + ": stopped while preparing");
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running: it is waiting for us, nothing to remove
            }
        }
    }

    private static String describeEnd(RunDirectory run) throws IOException {
        var events = run.events();
        RunEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        return last != null && last.text("reason") != null ? " (" + last.text("reason") + ")" : "";
    }
}
