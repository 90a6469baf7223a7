package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.run.RunLock;

/**
 * Starts, resumes and stops runs. Runs start as child engine processes ({@code xmodal run} / {@code xmodal resume});
 * stopping sends SIGTERM, which the engine turns into a clean stop (a checkpoint, then a "stopped" event). A run
 * this window did not start is stopped through the pid its started or resumed event names, after checking that the
 * pid still belongs to an xmodal engine that was running when the event was written (pids are reused). Safe to
 * use from any thread (children are started off the UI thread).
 */
public final class RunControl {
    /** A child this window started that has ended, with its exit status. */
    public record Ended(EngineProcesses.Child child, int exitCode) {
    }

    private final EngineProcesses engine;
    private final Supplier<Path> root;
    private final Map<Long, EngineProcesses.Child> children = new LinkedHashMap<>();

    /** @param root the window's folder of runs, read at each start (the window can switch it) */
    public RunControl(EngineProcesses engine, Supplier<Path> root) {
        this.engine = engine;
        this.root = root;
    }

    public synchronized EngineProcesses.Child start(Path specFile, String name) throws IOException {
        return track(engine.start("run " + name, logs(), List.of("run", "--spec", specFile.toString(), "--runs",
                root.get().toString())));
    }

    /** {@code xmodal submit --spec F --runs ROOT}: the run as a Slurm job; the child ends once it is submitted. */
    public EngineProcesses.Child submit(Path specFile, String name) throws IOException {
        return engine.start("submit " + name, logs(), List.of("submit", "--spec", specFile.toString(), "--runs",
                root.get().toString()));
    }

    public synchronized EngineProcesses.Child resume(RunSummary run) throws IOException {
        if (!run.status().canResume()) {
            throw new IllegalArgumentException(run.id() + " is " + run.status().state().name()
                    .toLowerCase(Locale.ROOT) + "; only a stopped, failed or interrupted run can be resumed");
        }
        try {
            RunLock.checkFree(run.path());
        } catch (BadInputException e) {
            throw new IllegalArgumentException(run.id() + ": " + e.problem(), e);
        }
        return track(engine.start("resume " + run.id(), logs(), List.of("resume", run.path().toString())));
    }

    /**
     * Asks the run's engine to stop cleanly.
     *
     * @throws IllegalArgumentException when the run has no live engine, or its pid is no longer an xmodal engine's
     */
    public synchronized void stop(RunSummary run) {
        EngineProcesses.Child child = children.get(run.pid());
        if (child != null && child.process().isAlive()) {
            child.process().destroy();
            return;
        }
        ProcessHandle h = ProcessHandle.of(run.pid()).filter(ProcessHandle::isAlive).orElseThrow(() ->
                new IllegalArgumentException(run.id() + " has no live engine process (pid " + run.pid() + ")"));
        ProcessHandle.Info info = h.info();
        Optional<String> commandLine = info.commandLine();
        if (commandLine.isPresent() && !commandLine.get().toLowerCase(Locale.ROOT).contains("xmodal")) {
            throw new IllegalArgumentException("pid " + run.pid() + " of " + run.id() + " is now another program ("
                    + abbreviate(commandLine.get()) + "); the run's engine has ended");
        }
        Optional<Instant> started = info.startInstant();
        Instant written = parse(run.startedAt());
        if (started.isPresent() && written != null && started.get().isAfter(written.plusSeconds(5))) {
            throw new IllegalArgumentException("pid " + run.pid() + " of " + run.id() + " started after the run did: "
                    + "the run's engine has ended and the pid was reused");
        }
        if (!h.destroy()) {
            throw new IllegalArgumentException("pid " + run.pid() + " of " + run.id() + " cannot be stopped from "
                    + "here (another user's process?)");
        }
    }

    /** Whether this window started the engine process with this pid. */
    public synchronized boolean startedHere(long pid) {
        return children.containsKey(pid);
    }

    /** The children that ended since the last call, forgotten once returned. */
    public synchronized List<Ended> reapEnded() {
        List<Ended> out = new ArrayList<>();
        var it = children.values().iterator();
        while (it.hasNext()) {
            EngineProcesses.Child c = it.next();
            if (!c.process().isAlive()) {
                out.add(new Ended(c, c.process().exitValue()));
                it.remove();
            }
        }
        return out;
    }

    /** Stops every child this window started and still runs (the window is closing and the person said so). */
    public synchronized void stopAll() {
        children.values().forEach(c -> c.process().destroy());
    }

    public synchronized List<EngineProcesses.Child> children() {
        return List.copyOf(children.values());
    }

    private synchronized EngineProcesses.Child track(EngineProcesses.Child c) {
        children.put(c.pid(), c);
        return c;
    }

    private Path logs() {
        return root.get().resolve(EngineProcesses.LOGS);
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
