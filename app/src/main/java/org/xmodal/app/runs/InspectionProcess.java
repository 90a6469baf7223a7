package org.xmodal.app.runs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.inspect.EngineDescription;
import org.xmodal.engine.inspect.FeatureMaps;
import org.xmodal.engine.inspect.InspectionServer;
import org.xmodal.engine.inspect.Microscope;
import org.xmodal.engine.inspect.NetworkFeatures;
import org.xmodal.engine.inspect.Question;
import org.xmodal.engine.inspect.RandomFilters;
import org.xmodal.engine.inspect.Reply;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.transfer.TransferMicroscope;

/**
 * Where the workbench runs networks to look at them (a transfer's feature maps, a teacher's maps, the filters of a
 * random init, the lesson's SGD steps by hand): one engine process beside the window
 * ({@code xmodal serve-inspection}), started on the first request and kept while it is used. The first request is
 * the device probe's ({@link DeviceProbe#askingInspection}), which the window asks once it is quiet after opening,
 * so that a person's first look seldom waits for PyTorch to load (2.3-7.4 s to the first answer here). Never in the
 * window's process: while PyTorch (half a gigabyte of libraries) loaded there, the window drew nothing (gaps of
 * 124-171 ms in {@code bench fx}, the FX thread and the renderer under 30 ms of CPU in them, as the device probe had
 * shown before it moved to a child process); and a native crash here cannot take the window down. The process is
 * stopped after {@link #IDLE} without requests (it holds 225 MB idle, PyTorch's libraries included), when the window
 * closes, and when it takes longer than {@link #ANSWER_TIMEOUT} to answer; it is started again on the next request.
 * One request at a time.
 */
public final class InspectionProcess implements AutoCloseable {
    static final Duration IDLE = Duration.ofMinutes(10);
    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    private static final String WHAT = "inspection";
    private static final Logger LOG = LoggerFactory.getLogger(InspectionProcess.class);

    private final EngineProcesses engine;
    /** Where the next start logs (the window's folder of runs can be switched). */
    private volatile Path logs;
    private final Duration idle;
    /** The idle stop and the answers' watchdogs (two threads: a watchdog fires while an idle stop waits). */
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "inspection-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile EngineProcesses.Child child;
    private volatile boolean closed;
    /** The process a microscope is open in, if any. */
    private EngineProcesses.Child microscopeOn;
    private Writer requests;
    private BufferedReader answers;
    private ScheduledFuture<?> idleStop;
    private long nextId;
    private long lastUse;
    private int started;

    /** @param logs the folder of the process's logs (one per start) */
    public InspectionProcess(EngineProcesses engine, Path logs) {
        this(engine, logs, IDLE);
    }

    InspectionProcess(EngineProcesses engine, Path logs, Duration idle) {
        this.engine = engine;
        this.logs = logs;
        this.idle = idle;
    }

    /**
     * Logs the next start in {@code folder} (the window's folder of runs was switched); a process already running
     * goes on logging where it started.
     */
    public void logIn(Path folder) {
        logs = folder;
    }

    /** Where the next start logs. */
    public Path logFolder() {
        return logs;
    }

    /**
     * What engine the process runs networks with and on which devices (the window's device probe asks here when it
     * is quiet, so that the first look at a network finds the process running).
     */
    public EngineInfo engineInfo() throws IOException {
        return ((EngineDescription.Result) ask(new EngineDescription.Request(), Cancellation.NEVER)).info();
    }

    /** A transfer run's teacher's and student's maps at its transfer layer. */
    public FeatureMaps.Result featureMaps(FeatureMaps.Request request, Cancellation cancel) throws IOException {
        return (FeatureMaps.Result) ask(request, cancel);
    }

    /** A network's maps at one layer. */
    public NetworkFeatures.Result networkFeatures(NetworkFeatures.Request request, Cancellation cancel)
            throws IOException {
        return (NetworkFeatures.Result) ask(request, cancel);
    }

    /** conv1 of a freshly initialised network. */
    public RandomFilters.Result randomFilters(RandomFilters.Request request) throws IOException {
        return (RandomFilters.Result) ask(request, Cancellation.NEVER);
    }

    /**
     * A transfer's SGD steps by hand on one batch ({@link org.xmodal.engine.transfer.TransferMicroscope}), kept
     * open in the process until closed; opening another closes it. The process is not stopped for idleness while
     * it is open.
     *
     * @param cache the folder of the encoding cache the window uses (the batch's HHA images are read from it)
     */
    public OpenMicroscope openMicroscope(RunSpec spec, int batchSize, Path cache, Cancellation cancel)
            throws IOException {
        synchronized (this) {
            Microscope.Opened opened = (Microscope.Opened) ask(new Microscope.Open(spec, batchSize, cache), cancel);
            microscopeOn = child;
            return new OpenMicroscope(opened, child);
        }
    }

    /** A microscope open in the process. */
    public final class OpenMicroscope {
        private final Microscope.Opened opened;
        private final EngineProcesses.Child on;

        private OpenMicroscope(Microscope.Opened opened, EngineProcesses.Child on) {
            this.opened = opened;
            this.on = on;
        }

        /** The batch as the teacher and the student see it, and its loss when it was opened. */
        public Microscope.Opened opened() {
            return opened;
        }

        /** One SGD step at {@code learningRate}. */
        public TransferMicroscope.Step step(double learningRate) throws IOException {
            synchronized (InspectionProcess.this) {
                if (child != on) {
                    throw new IOException("the microscope's process has stopped since it was opened: open it again");
                }
                return ((Microscope.Stepped) ask(new Microscope.TakeStep(opened.session(), learningRate),
                        Cancellation.NEVER)).step();
            }
        }

        /** Closes it in the process, without waiting (from the FX thread too). */
        public void close() {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                synchronized (InspectionProcess.this) {
                    if (child == on && microscopeOn == on) {
                        microscopeOn = null;
                        try {
                            ask(new Microscope.Close(opened.session()), Cancellation.NEVER);
                        } catch (IOException e) {
                            LOG.debug("closing the microscope: {}", e.getMessage());
                        }
                    }
                }
            });
        }
    }

    /**
     * The reply to one request, from the process (started first when it is not running).
     *
     * @throws IOException what the engine said was wrong (a missing checkpoint, say), or that its process ended or
     *     did not answer in time, with the line of its log that says why
     */
    private synchronized Reply ask(Question question, Cancellation cancel) throws IOException {
        if (idleStop != null) {
            idleStop.cancel(false);
        }
        try {
            cancel.check();
            if (closed) {
                throw new IOException("the workbench is closing: the " + WHAT + " process was stopped");
            }
            InspectionServer.Answer answer;
            try {
                boolean starting = child == null || !child.process().isAlive();
                long asked = System.nanoTime();
                if (starting) {
                    start();
                }
                long id = ++nextId;
                requests.write(Json.compact(new InspectionServer.Asked(id, question)));
                requests.write('\n');
                requests.flush();
                answer = awaitAnswer(id);
                if (starting) {
                    LOG.info("the inspection process (pid {}) started and answered its first request in {} ms",
                            child.pid(), (System.nanoTime() - asked) / 1_000_000);
                }
            } catch (IOException e) {
                throw ended(e); // the process failed to start, ended, or did not answer in time
            }
            if (answer.error() != null) {
                throw new IOException(answer.error());
            }
            return answer.reply();
        } finally {
            lastUse = System.nanoTime();
            if (child != null && !closed) {
                idleStop = timers.schedule(this::stopIdle, idle.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** How many times the process has been started (tests). */
    synchronized int starts() {
        return started;
    }

    /** Whether the process is running now (tests). */
    synchronized boolean running() {
        return child != null && child.process().isAlive();
    }

    private void start() throws IOException {
        child = null;
        child = engine.startTalking(WHAT, logs, List.of("serve-inspection"));
        started++;
        requests = new OutputStreamWriter(child.process().getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(child.process().getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads lines until the answer to {@code id}; stops the process when it does not come in time. */
    private InspectionServer.Answer awaitAnswer(long id) throws IOException {
        Process p = child.process();
        ScheduledFuture<?> watchdog = timers.schedule(p::destroyForcibly, ANSWER_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            String line;
            while ((line = answers.readLine()) != null) {
                if (!line.startsWith(InspectionServer.PREFIX)) {
                    // the JVM's or a native library's own output (a JVM that cannot start says why there): logged
                    Files.writeString(child.log(), line + System.lineSeparator(), StandardCharsets.UTF_8,
                            StandardOpenOption.APPEND);
                    continue;
                }
                InspectionServer.Answer a = Json.COMPACT.readValue(line.substring(InspectionServer.PREFIX.length()),
                        InspectionServer.Answer.class);
                if (a.id() == id || a.id() == -1) {
                    return a;
                }
            }
            if (watchdog.isDone()) {
                throw new IOException("the " + WHAT + " process did not answer within " + ANSWER_TIMEOUT.toSeconds()
                        + " s and was stopped");
            }
            throw new IOException("the " + WHAT + " process ended without answering");
        } finally {
            watchdog.cancel(false);
        }
    }

    /** The failure, with how the process ended and the line of its log that says why; the next request starts anew. */
    private IOException ended(IOException cause) {
        EngineProcesses.Child c = child;
        child = null;
        if (c == null) {
            return cause;
        }
        closeStreams(c);
        try {
            if (!c.process().waitFor(5, TimeUnit.SECONDS)) {
                c.process().destroyForcibly();
            }
        } catch (InterruptedException e) {
            c.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
        String exit = c.process().isAlive() ? "" : " (exit " + c.process().exitValue() + ")";
        return new IOException(cause.getMessage() + exit + ": " + EngineProcesses.lastWords(c.log()) + " (its log is "
                + c.log() + ")", cause);
    }

    private synchronized void stopIdle() {
        boolean idleNow = System.nanoTime() - lastUse >= idle.toNanos();
        if (idleNow && (microscopeOn == null || microscopeOn != child)) {
            stop();
        }
    }

    private void stop() {
        if (child != null) {
            closeStreams(child); // the process ends when its input does
            child = null;
        }
    }

    private void closeStreams(EngineProcesses.Child c) {
        for (java.io.Closeable stream : new java.io.Closeable[] {requests, answers}) {
            try {
                stream.close();
            } catch (IOException e) {
                c.process().destroy(); // a pipe already broken: the process is ending or gone
            }
        }
    }

    /**
     * Stops the process and the timers, at once: not waiting for a request in flight (which then fails), as
     * the window closes.
     */
    @Override
    public void close() {
        closed = true;
        EngineProcesses.Child c = child;
        if (c != null) {
            c.process().destroy();
        }
        timers.shutdownNow();
    }
}
