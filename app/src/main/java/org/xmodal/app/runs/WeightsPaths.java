package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.run.TeacherSource;

/**
 * The weights a spec from the run form names (the teacher's, an initialisation, SOCKET's source), checked before the
 * run can start and resolved where the window keeps its runs: a file or folder that exists is kept as it is; a run's
 * id in the window's folder of runs ({@code 20250101-120000-rgb-teacher}, or {@code experiments/x/runs/...} for an
 * experiment's) or its name ({@code rgb-teacher}, or {@code runs/rgb-teacher} as the presets write it, the newest
 * finished run of that name) becomes that run's folder, as an absolute path, so that the engine finds it whatever its
 * working directory; anything else is refused in one line with the field's label, before a run folder is made. A run
 * the window lists must also be of a kind the field takes ({@link WeightsFields}), have weights (finished, or a
 * checkpoint) and, for a teacher or a source model, be of the architecture the form names.
 */
final class WeightsPaths {
    /** What the window knows of a run folder in its folder of runs: its summary, when it lists it. */
    @FunctionalInterface
    interface KnownRuns {
        Optional<RunSummary> at(Path runFolder);

        static KnownRuns none() {
            return folder -> Optional.empty();
        }
    }

    private WeightsPaths() {
    }

    static RunSpec resolve(RunSpec s, Path runsRoot, Function<String, String> label) {
        return resolve(s, runsRoot, label, KnownRuns.none());
    }

    /**
     * @param label the form's label of a field by its key
     * @param known the runs the window lists, to check a named run's kind, weights and architecture
     * @throws IllegalArgumentException naming the field by its label and what is wrong
     */
    static RunSpec resolve(RunSpec s, Path runsRoot, Function<String, String> label, KnownRuns known) {
        // only what the kind reads: the form keeps other kinds' values (a transfer preset's teacher under socket)
        boolean student = s.kind() == RunKind.TRANSFER || s.kind() == RunKind.DISTILL;
        RunSpec.Teacher t = s.teacher();
        if (student && t != null && t.source() != TeacherSource.RANDOM && t.weights() != null && !t.weights().isBlank()) {
            String field = label.apply("teacher.weights");
            String p;
            if (t.source() == TeacherSource.TORCHSCRIPT) {
                p = exportedFile(t.weights(), field);
            } else {
                p = path(t.weights(), runsRoot, field);
                check(WeightsFields.TEACHER, p, field, known, t.architecture(), label.apply("teacher.architecture"));
            }
            s = s.toBuilder().teacher(t.withWeights(p)).build();
        }
        String init = s.student() == null ? null : s.student().init();
        if (student && init != null && !init.isBlank() && !init.equals("random")) {
            String field = label.apply("student.init");
            String p = path(init, runsRoot, field);
            check(WeightsFields.STUDENT_INIT, p, field, known, null, null);
            s = s.toBuilder().student(s.student().withInit(p)).build();
        }
        RunSpec.Finetune f = s.finetune();
        if (s.kind() == RunKind.FINETUNE && f != null && !f.randomInit()) {
            String field = label.apply("finetune.init");
            String p = path(f.init(), runsRoot, field);
            check(WeightsFields.FINETUNE_INIT, p, field, known, null, null);
            s = s.toBuilder().finetune(f.withInit(p)).build();
        }
        if (s.kind() == RunKind.SOCKET && s.socket() != null && s.socket().source() != null
                && !s.socket().source().isBlank()) {
            String field = label.apply("socket.source");
            String p = path(s.socket().source(), runsRoot, field);
            check(WeightsFields.SOCKET_SOURCE, p, field, known, s.student().architecture(),
                    label.apply("student.architecture"));
            s = s.toBuilder().socket(s.socket().withSource(p)).build();
        }
        return s;
    }

    /**
     * {@code value} as it is when it exists, else the run of that id in {@code runsRoot}, else the newest finished
     * run of its name there; a file must be a {@code .params} weights file.
     */
    static String path(String value, Path runsRoot, String label) {
        String typed = value.trim();
        Path p = Path.of(typed);
        if (Files.isRegularFile(p) && !typed.endsWith(".params")) {
            throw new IllegalArgumentException(label + ": " + typed + " is a file but not a .params weights file "
                    + "(choose a .params file, a run folder or a finished run)");
        }
        if (Files.exists(p)) {
            return value;
        }
        if (!p.isAbsolute() && Files.isDirectory(runsRoot.resolve(p))) {
            return runsRoot.resolve(p).toAbsolutePath().normalize().toString();
        }
        String name = p.getFileName() == null ? typed : p.getFileName().toString();
        Path exact = runsRoot.resolve(name);
        if (Files.isDirectory(exact)) {
            return exact.toAbsolutePath().normalize().toString();
        }
        for (Path run : runsNamed(runsRoot, name)) {
            // finished means its weights are written: one file's existence, not its events read, since the form
            // checks on the FX thread at every change
            if (Files.isRegularFile(run.resolve(RunSession.RESULT_WEIGHTS))) {
                return run.toAbsolutePath().normalize().toString();
            }
        }
        throw new IllegalArgumentException(label + ": " + value + " does not exist, and " + runsRoot.toAbsolutePath()
                .normalize() + " holds no finished run named " + name + " (train one first, or choose a weights file "
                + "or a run folder)");
    }

    /** A TorchScript teacher is one exported file, not a run. */
    private static String exportedFile(String value, String label) {
        Path p = Path.of(value.trim());
        if (Files.isRegularFile(p)) {
            return value;
        }
        throw new IllegalArgumentException(label + ": " + value + (Files.isDirectory(p) ? " is a folder" : " does not "
                + "exist") + "; a torchscript teacher is an exported .pt file (see docs/teachers.md)");
    }

    /** Refuses a run the window lists that the field does not take, that has no weights, or of another network. */
    private static void check(WeightsFields field, String resolved, String label, KnownRuns known, String architecture,
                              String architectureLabel) {
        Path folder = Path.of(resolved).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            return;
        }
        Optional<RunSummary> run = known.at(folder);
        if (run.isEmpty()) {
            return; // a folder the window does not list: the engine checks it when the run starts
        }
        RunSummary r = run.get();
        Optional<String> refusal = field.refusal(r.id(), r.spec());
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(label + ": " + refusal.get());
        }
        RunStatus.State state = r.status().state();
        if (state != RunStatus.State.FINISHED && r.checkpoints().isEmpty()) {
            boolean going = state == RunStatus.State.RUNNING || state == RunStatus.State.CREATED;
            throw new IllegalArgumentException(label + ": " + r.id() + " has no weights yet (it is "
                    + state.name().toLowerCase(java.util.Locale.ROOT) + ", with no checkpoint): " + (going
                    ? "wait until it finishes" : "resume it in Runs") + ", or pick a finished run");
        }
        String trained = r.spec().studentArchitecture();
        if (architecture != null && !architecture.isBlank() && trained != null && !trained.equals(architecture)) {
            throw new IllegalArgumentException(label + ": " + r.id() + " trained " + trained + ", not the "
                    + architectureLabel + " " + architecture + " (pick a run of " + architecture + ", or set "
                    + architectureLabel + " to " + trained + ")");
        }
    }

    /** The run folders {@code <time>-<name>} in {@code runsRoot}, newest first (their ids begin with the time). */
    private static List<Path> runsNamed(Path runsRoot, String name) {
        if (!Files.isDirectory(runsRoot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runsRoot)) {
            return s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().endsWith("-" + name))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
