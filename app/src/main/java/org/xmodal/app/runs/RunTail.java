package org.xmodal.app.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunStatus;

/**
 * Follows one run folder: reads what its engine appended to events.jsonl and metrics.csv since the last look, and
 * works out its state with the engine's own {@link RunStatus#of}. The state is folded from a compact list (runs of
 * consecutive progress events merged into one carrying each figure's latest value, which gives
 * {@code RunStatus.of} the same answer, and runs of preparation events kept as their latest), so a run that streams
 * for days costs little memory here.
 */
final class RunTail {
    private final String id;
    private final Path dir;
    private final FileTail events;
    private final FileTail metrics;
    private final List<RunEvent> compact = new ArrayList<>();
    private final TreeSet<Long> checkpoints = new TreeSet<>();
    private SpecSummary spec;
    private long pid = -1;
    private String startedAt;
    private RunSummary last;

    /** @param id the run's name in the window's folder of runs: its path relative to that folder */
    RunTail(Path dir, String id) {
        this.dir = dir;
        this.id = id;
        this.events = new FileTail(dir.resolve(RunDirectory.EVENTS));
        this.metrics = new FileTail(dir.resolve(RunDirectory.METRICS));
    }

    /** The run's Slurm job, when it was sent to one ({@code slurm.json}; a resubmission changes it). */
    java.util.Optional<String> jobId() {
        return org.xmodal.engine.cluster.ClusterRuns.jobOf(dir);
    }

    /** What changed since the last call, or null when nothing did; {@code job}: its Slurm job as known, or null. */
    RunUpdate poll(ClusterJob job) throws IOException {
        if (spec == null) {
            spec = SpecSummary.read(dir.resolve(RunDirectory.SPEC));
        }
        FileTail.Chunk e = events.read();
        if (e.restarted()) {
            compact.clear();
            checkpoints.clear();
            pid = -1;
            startedAt = null;
        }
        List<RunEvent> fresh = new ArrayList<>();
        for (String line : e.lines()) {
            RunEvent ev = parse(line);
            if (ev != null) {
                fresh.add(ev);
                fold(ev);
            }
        }
        FileTail.Chunk m = metrics.read();
        List<MetricsLog.Row> rows = new ArrayList<>();
        for (String line : m.lines()) {
            MetricsLog.parse(line).ifPresent(rows::add);
        }
        boolean news = e.restarted() || m.restarted() || !fresh.isEmpty() || !rows.isEmpty();
        RunStatus status = news || last == null || last.isRunning() ? RunStatus.of(compact) : last.status();
        RunSummary summary = new RunSummary(id, dir, spec, status, pid, startedAt, List.copyOf(checkpoints), job);
        if (!news && summary.equals(last)) {
            return null;
        }
        last = summary;
        return new RunUpdate(summary, e.restarted(), fresh, m.restarted(), rows);
    }

    private static RunEvent parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(line, RunEvent.class);
        } catch (JsonProcessingException ex) {
            return null; // a line cut short when the engine was killed
        }
    }

    private void fold(RunEvent ev) {
        switch (ev.type()) {
            case RunEvent.STARTED, RunEvent.RESUMED -> {
                pid = (long) ev.number("pid", -1);
                startedAt = ev.time();
            }
            case RunEvent.CHECKPOINT -> checkpoints.add(ev.step());
            default -> {
            }
        }
        RunEvent before = compact.isEmpty() ? null : compact.get(compact.size() - 1);
        if (ev.type().equals(RunEvent.PREPARING) && before != null && before.type().equals(RunEvent.PREPARING)) {
            // the latest stage is all RunStatus reads of a run of preparation events
            compact.set(compact.size() - 1, ev);
            return;
        }
        if (ev.type().equals(RunEvent.PROGRESS) && !compact.isEmpty()
                && compact.get(compact.size() - 1).type().equals(RunEvent.PROGRESS)) {
            RunEvent previous = compact.remove(compact.size() - 1);
            RunEvent merged = new RunEvent(RunEvent.PROGRESS, ev.time(), ev.step());
            previous.details().forEach(merged::with);
            for (Map.Entry<String, Object> d : ev.details().entrySet()) {
                // RunStatus keeps a figure's last number when a later event has none (speed is NaN at first)
                if (d.getValue() instanceof Number || !merged.details().containsKey(d.getKey())) {
                    merged.with(d.getKey(), d.getValue());
                }
            }
            compact.add(merged);
        } else {
            compact.add(ev);
        }
    }
}
