package org.xmodal.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xmodal.engine.tensorboard.RunBoard;
import java.util.stream.Stream;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.nn.NetworkWeights;

/**
 * A run's folder (DESIGN.md's contract): {@code spec.json}, {@code events.jsonl}, {@code metrics.csv},
 * {@code checkpoints/step-<n>.params}, {@code filters/}, {@code results/}, and {@code tensorboard/} (the metrics,
 * filter snapshots and spec again as TensorBoard's event files, {@link RunBoard}). Everything is appended or written
 * atomically, so a run killed at any moment leaves a directory that can be read and resumed.
 */
public final class RunDirectory {
    public static final String SPEC = "spec.json";
    public static final String EVENTS = "events.jsonl";
    public static final String METRICS = "metrics.csv";
    private static final Pattern CHECKPOINT = Pattern.compile("step-(\\d+)\\.params");

    private final Path dir;
    private final MetricsLog metrics;
    private final RunBoard board;

    private RunDirectory(Path dir) {
        this.dir = dir;
        this.board = new RunBoard(dir.resolve(RunBoard.FOLDER));
        this.metrics = new MetricsLog(dir.resolve(METRICS), board);
    }

    /**
     * The default folder of runs: {@code $XMODAL_RUNS}; else {@code <workbench>/runs} when the workbench folder is
     * writable (a checkout started by ./xmodal); else {@code ~/xmodal/runs} (an installed program under /opt).
     */
    public static Path defaultRunsRoot() {
        String env = System.getenv("XMODAL_RUNS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String root = System.getProperty("xmodal.root");
        if (root == null) {
            return Path.of("runs");
        }
        Path runs = Path.of(root, "runs");
        return Files.isWritable(runs) || (!Files.exists(runs) && Files.isWritable(Path.of(root))) ? runs
                : Path.of(System.getProperty("user.home"), "xmodal", "runs");
    }

    /** Creates {@code <runsRoot>/<time>-<name>} and writes the spec. */
    public static RunDirectory create(Path runsRoot, RunSpec spec) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = stamp + "-" + slug(spec.name() != null ? spec.name() : spec.kind() + "-" + spec.student().architecture());
        Files.createDirectories(runsRoot);
        Path dir = runsRoot.resolve(base);
        for (int k = 2; Files.exists(dir); k++) {
            dir = runsRoot.resolve(base + "-" + k);
        }
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.createDirectories(dir.resolve("filters"));
        Files.createDirectories(dir.resolve("results"));
        RunDirectory run = new RunDirectory(dir);
        Json.writeAtomically(spec, dir.resolve(SPEC));
        // the spec as TensorBoard's text, indented four spaces: a code block in its Markdown
        run.board.text(0, RunBoard.SPEC_TAG, Files.readAllLines(dir.resolve(SPEC)).stream()
                .map(l -> "    " + l).collect(java.util.stream.Collectors.joining("\n")));
        return run;
    }

    public static RunDirectory open(Path dir) throws BadInputException {
        if (!Files.isRegularFile(dir.resolve(SPEC))) {
            throw new BadInputException(dir, Files.isDirectory(dir) ? "is not a run directory (no " + SPEC + ")"
                    : "does not exist");
        }
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public String id() {
        return dir.getFileName().toString();
    }

    public RunSpec spec() throws BadInputException {
        Path f = dir.resolve(SPEC);
        try {
            return Json.MAPPER.readValue(f.toFile(), RunSpec.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new BadInputException(f.toString(), "is not a valid run spec: " + (cause == e ? e.getOriginalMessage()
                    : cause.getMessage()), e);
        } catch (IOException e) {
            throw new BadInputException(f.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public void writeSpec(RunSpec spec) throws IOException {
        Json.writeAtomically(spec, dir.resolve(SPEC));
    }

    public synchronized void append(RunEvent event) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(EVENTS), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(Json.compact(event));
            w.newLine();
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(dir.resolve(EVENTS), e);
        }
    }

    /**
     * The value of the last run-level metric event named {@code name} (for instance {@code teacherScale}, the factor
     * a transfer run applied to its teacher's features), or empty when the run logged none.
     */
    public OptionalDouble lastMetric(String name) throws IOException {
        OptionalDouble found = OptionalDouble.empty();
        for (RunEvent e : events()) {
            if (e.type().equals(RunEvent.METRIC) && name.equals(e.text("name"))) {
                double v = e.number("value", Double.NaN);
                found = Double.isFinite(v) ? OptionalDouble.of(v) : found;
            }
        }
        return found;
    }

    /** Events in order; a line cut short by a crash is skipped. */
    public List<RunEvent> events() throws IOException {
        List<RunEvent> out = new ArrayList<>();
        Path f = dir.resolve(EVENTS);
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Json.MAPPER.readValue(line, RunEvent.class));
            } catch (JsonProcessingException e) {
                // partial line written when the process was killed
            }
        }
        return out;
    }

    public MetricsLog metrics() {
        return metrics;
    }

    /** The run's TensorBoard event files. */
    public RunBoard board() {
        return board;
    }

    public Path checkpoint(long step) {
        return dir.resolve("checkpoints").resolve(String.format("step-%08d.params", step));
    }

    /** Steps that have a complete checkpoint, ascending. */
    public List<Long> checkpointSteps() throws IOException {
        Path cp = dir.resolve("checkpoints");
        if (!Files.isDirectory(cp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cp)) {
            return s.map(p -> CHECKPOINT.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /**
     * The checkpoint a resume starts from, and what was wrong with any newer ones.
     *
     * @param step     the newest checkpoint whose file is intact, empty when none is
     * @param problems one line per newer checkpoint that was set aside, naming the file and what was wrong
     */
    public record ResumePoint(Optional<Long> step, List<String> problems) {
        /** A run that starts from nothing. */
        public static final ResumePoint START = new ResumePoint(Optional.empty(), List.of());
    }

    /**
     * Finds the newest intact checkpoint (complete, and matching its checksum): a corrupt or truncated newer one is
     * renamed to {@code step-N.params.corrupt} (kept for inspection, never read again) and reported.
     */
    public ResumePoint newestIntactCheckpoint() throws IOException {
        List<Long> steps = new ArrayList<>(checkpointSteps());
        List<String> problems = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Path file = checkpoint(steps.get(i));
            try {
                NetworkWeights.verify(file);
                return new ResumePoint(Optional.of(steps.get(i)), problems);
            } catch (BadInputException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                problems.add(e.getMessage() + "; set aside as " + dir.relativize(aside));
            }
        }
        return new ResumePoint(Optional.empty(), problems);
    }

    /**
     * Deletes the temporary files that writes interrupted by a kill leave behind (a checkpoint, the metrics or the
     * spec half written before its rename) and returns how many bytes that freed. Only a resume calls it, while it
     * holds the run's lock, so no write of a live engine is in progress.
     */
    public long deleteInterruptedWrites() throws IOException {
        long freed = 0;
        for (Path folder : List.of(dir, dir.resolve("checkpoints"), filters(), results(), board.folder())) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> leftovers;
            try (Stream<Path> s = Files.list(folder)) {
                leftovers = s.filter(p -> p.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(p))
                        .toList();
            }
            for (Path p : leftovers) {
                freed += Files.size(p);
                Files.delete(p);
            }
        }
        return freed;
    }

    public Optional<Long> latestCheckpointStep() throws IOException {
        List<Long> steps = checkpointSteps();
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    public Path filters() {
        return dir.resolve("filters");
    }

    public Path results() {
        return dir.resolve("results");
    }

    public RunStatus status() throws IOException {
        return RunStatus.of(events());
    }

    /** Run directories under a folder, newest first. */
    public static List<RunDirectory> list(Path runsRoot) throws IOException {
        if (!Files.isDirectory(runsRoot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runsRoot)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(SPEC))).sorted(Comparator.reverseOrder())
                    .map(RunDirectory::new).toList();
        }
    }

    private static String slug(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9+.-]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "run" : t.substring(0, Math.min(40, t.length()));
    }
}
