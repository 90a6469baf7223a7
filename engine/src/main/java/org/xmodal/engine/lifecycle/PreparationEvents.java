package org.xmodal.engine.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * A run's preparation (reading and checking pairs, encoding, proposals, the teacher's outputs) as
 * {@link RunEvent#PREPARING} events in its events.jsonl, so that a window or {@code xmodal runs} shows what a run does
 * before its first step rather than "created". The run kinds report their preparation to a plain
 * {@link ProgressListener}; this one records it and passes every call on.
 *
 * <p>The work reports per pair, from every core: events are written at most every {@link #INTERVAL_NANOS}, but
 * always the first and the latest of a stage (the latest when the next stage begins), and when training begins the
 * stage then going on is written as done (fraction 1) before the first step's progress event. A stage is the words
 * of a message before its first count ("Encoding HHA" for "Encoding HHA 12 of 40 pairs"); a fraction never goes back
 * within a stage, since workers report out of order. Calls after training began (an evaluation at the end) are
 * passed on, not recorded: they are not preparation.
 */
public final class PreparationEvents implements ProgressListener {
    /** At most four events a second: a run of 10 000 pairs adds a few dozen lines, not 10 000. */
    static final long INTERVAL_NANOS = 250_000_000L;
    /** A count: "12", "12/40", "12 of 40", a whole token. */
    private static final Pattern COUNT = Pattern.compile("(?<![\\w.])\\d+(?:\\s*(?:/|of)\\s*\\d+)?(?![\\w.])");

    private final RunDirectory run;
    private final ProgressListener forward;
    private final LongSupplier clock;
    private long step = -1;
    private String stage;
    private String message;
    private double fraction = Double.NaN;
    private boolean pending;
    private double written = Double.NaN;
    private long lastWrite;
    private boolean finished;

    public PreparationEvents(RunDirectory run, ProgressListener forward) {
        this(run, forward, System::nanoTime);
    }

    PreparationEvents(RunDirectory run, ProgressListener forward, LongSupplier clock) {
        this.run = run;
        this.forward = forward;
        this.clock = clock;
    }

    /** The words of a message before its first count; the message itself (counts taken out) when it opens with one. */
    static String stageOf(String message) {
        if (message == null) {
            return "";
        }
        Matcher m = COUNT.matcher(message);
        String before = m.find() ? message.substring(0, m.start()) : message;
        String stage = before.replaceAll("[\\s:,(]+$", "").trim();
        return stage.isEmpty() ? COUNT.matcher(message).replaceAll("").replaceAll("\\s+", " ").trim() : stage;
    }

    @Override
    public void progress(String message, double fraction) {
        forward.progress(message, fraction);
        record(message, fraction);
    }

    private synchronized void record(String text, double f) {
        if (finished) {
            return;
        }
        String s = stageOf(text);
        double known = f < 0 || Double.isNaN(f) ? Double.NaN : Math.min(1, f);
        long now = clock.getAsLong();
        if (!s.equals(stage)) {
            if (pending) {
                write();
            }
            stage = s;
            message = text;
            fraction = known;
            written = Double.NaN;
            write();
            lastWrite = now;
            return;
        }
        // a stage never goes back: workers on several cores report their counts out of order
        if (Double.isNaN(known) || Double.isNaN(fraction) || known >= fraction) {
            message = text;
            fraction = Double.isNaN(known) ? fraction : known;
        }
        pending = true;
        boolean done = fraction >= 1 && !(written >= 1);
        if (done || now - lastWrite >= INTERVAL_NANOS) {
            write();
            lastWrite = now;
        }
    }

    /**
     * Training begins: the stage going on is written as done, so that the last preparation event before the first
     * step says 1, and nothing more is recorded.
     */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        if (stage != null && !(written >= 1)) {
            fraction = 1;
            write();
        }
        finished = true;
    }

    /** {@code listener}, with this preparation finished when the training loop starts. */
    public TrainingLoop.Listener until(TrainingLoop.Listener listener) {
        return new TrainingLoop.Listener() {
            @Override
            public void starting(long start, long total) {
                finish();
                listener.starting(start, total);
            }

            @Override
            public void step(long done, long total, double loss, double imagesPerSecond, double etaSeconds) {
                listener.step(done, total, loss, imagesPerSecond, etaSeconds);
            }
        };
    }

    private void write() {
        RunEvent e = RunEvent.of(RunEvent.PREPARING, step()).with("stage", stage).with("message", message);
        if (!Double.isNaN(fraction)) {
            e.with("fraction", fraction);
        }
        try {
            run.append(e);
        } catch (IOException cannotWrite) {
            // the run cannot record anything any more: it fails, naming events.jsonl (RunDirectory's message)
            throw new UncheckedIOException(cannotWrite.getMessage(), cannotWrite);
        }
        written = fraction;
        pending = false;
    }

    /** The step the run (re)started at: its events are that step's until the first step is done. */
    private long step() {
        if (step < 0) {
            step = 0;
            try {
                List<RunEvent> events = run.events();
                for (RunEvent e : events) {
                    if (e.type().equals(RunEvent.STARTED) || e.type().equals(RunEvent.RESUMED)) {
                        step = e.step();
                    }
                }
            } catch (IOException unreadable) {
                // step 0: the append that follows says what is wrong with the file
            }
        }
        return step;
    }
}
