package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.TeacherSource;

/**
 * The weights a spec from the run form names (the teacher's, an initialisation, SOCKET's source), checked before the
 * run can start and resolved where the window keeps its runs: a file or folder that exists is kept as it is; a run's
 * name ({@code rgb-teacher}, or {@code runs/rgb-teacher} as the presets write it) becomes the newest finished run of
 * that name in the window's folder of runs, as an absolute path, so that the engine finds it whatever its working
 * directory; anything else is refused in one line with the field's label, before a run folder is made.
 */
final class WeightsPaths {
    private WeightsPaths() {
    }

    /**
     * @param label the form's label of a field by its key
     * @throws IllegalArgumentException naming the field by its label and what is missing
     */
    static RunSpec resolve(RunSpec s, Path runsRoot, Function<String, String> label) {
        // only what the kind reads: the form keeps other kinds' values (a transfer preset's teacher under socket)
        boolean student = s.kind() == RunKind.TRANSFER || s.kind() == RunKind.DISTILL;
        RunSpec.Teacher t = s.teacher();
        if (student && t != null && t.source() != TeacherSource.RANDOM && t.weights() != null && !t.weights().isBlank()) {
            s = s.toBuilder().teacher(t.withWeights(path(t.weights(), runsRoot, label.apply("teacher.weights"))))
                    .build();
        }
        String init = s.student() == null ? null : s.student().init();
        if (student && init != null && !init.isBlank() && !init.equals("random")) {
            s = s.toBuilder().student(s.student().withInit(path(init, runsRoot, label.apply("student.init")))).build();
        }
        RunSpec.Finetune f = s.finetune();
        if (s.kind() == RunKind.FINETUNE && f != null && !f.randomInit()) {
            s = s.toBuilder().finetune(f.withInit(path(f.init(), runsRoot, label.apply("finetune.init")))).build();
        }
        if (s.kind() == RunKind.SOCKET && s.socket() != null && s.socket().source() != null && !s.socket().source().isBlank()) {
            s = s.toBuilder().socket(s.socket().withSource(path(s.socket().source(), runsRoot,
                    label.apply("socket.source")))).build();
        }
        return s;
    }

    /** {@code value} as it is when it exists, else the newest finished run of its name in {@code runsRoot}. */
    static String path(String value, Path runsRoot, String label) {
        Path p = Path.of(value.trim());
        if (Files.exists(p)) {
            return value;
        }
        String name = p.getFileName() == null ? value.trim() : p.getFileName().toString();
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
