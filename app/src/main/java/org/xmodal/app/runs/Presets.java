package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

/**
 * The run presets of {@code assets/presets}. Their paths (data, teacher weights, the student's and fine-tuning's
 * starting weights, SOCKET's source model) are relative to the workbench's folder, whatever folder the workbench was
 * started from; {@code runs/NAME} means a run of that name in the workbench's folder of runs.
 */
public final class Presets {
    public static final String FOLDER = "assets/presets";

    /** A preset file, shown by its name without ".json". */
    public record Preset(String name, Path file) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Presets() {
    }

    /** The workbench's folder: {@code xmodal.root} when the launcher set it, else the working folder or its parent. */
    public static Optional<Path> workbenchRoot() {
        String root = System.getProperty("xmodal.root");
        for (Path base : root != null ? new Path[] {Path.of(root)} : new Path[] {Path.of("."), Path.of("..")}) {
            if (Files.isDirectory(base.resolve(FOLDER))) {
                return Optional.of(base.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * The preset a run of each kind starts from when the run form's kind is changed: the CPU demo of that kind, so
     * that every field a kind reads (a fine-tuning run's task, input, proposals and initialisation) has a value that
     * trains on the bundled data.
     */
    private static final Map<RunKind, String> OF_KIND = Map.of(RunKind.TRANSFER, "transfer-cpu-demo",
            RunKind.TEACHER, "teacher-cpu-demo", RunKind.FINETUNE, "finetune-cpu-demo", RunKind.SOCKET,
            "socket-cpu-demo", RunKind.DISTILL, "distill-cpu-demo");

    /** The preset of {@code kind}'s runs among {@code presets}, if it is there. */
    public static Optional<Preset> ofKind(List<Preset> presets, RunKind kind) {
        String name = OF_KIND.get(kind);
        return presets.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<Preset> list(Path workbenchRoot) throws IOException {
        Path dir = workbenchRoot.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
                    .map(p -> new Preset(p.getFileName().toString().replaceFirst("\\.json$", ""), p)).toList();
        }
    }

    /** A preset's spec with its relative paths made absolute. */
    public static RunSpec load(Preset preset, Path workbenchRoot, Path runsRoot) throws IOException {
        return resolved(read(preset), workbenchRoot, runsRoot);
    }

    /** A preset's spec as its file has it (relative paths, {@code runs/NAME} for a run of that name). */
    static RunSpec read(Preset preset) throws IOException {
        try {
            return Json.MAPPER.readValue(preset.file().toFile(), RunSpec.class);
        } catch (IOException e) {
            throw new BadInputException(preset.file().toString(), "is not a valid run spec (" + e.getMessage() + ")",
                    e);
        }
    }

    /** A preset's spec with its relative paths made absolute: in the workbench, or in the folder of runs. */
    static RunSpec resolved(RunSpec s, Path workbenchRoot, Path runsRoot) {
        RunSpec.Teacher t = s.teacher();
        if (t != null && t.weights() != null) {
            t = new RunSpec.Teacher(t.source(), t.architecture(), resolve(t.weights(), workbenchRoot, runsRoot),
                    t.tap(), t.cache());
        }
        RunSpec.Student st = s.student();
        if (st.init() != null && !st.init().equals("random")) {
            st = st.withInit(resolve(st.init(), workbenchRoot, runsRoot));
        }
        RunSpec.Finetune f = s.finetune();
        if (f != null && f.init() != null && !f.init().equals("random")) {
            f = f.withInit(resolve(f.init(), workbenchRoot, runsRoot));
        }
        // SOCKET's source model: runs/socket-source is the newest finished run of that name in the folder of runs
        RunSpec.Socket so = s.socket() == null ? null : s.socket().withSource(resolve(s.socket().source(),
                workbenchRoot, runsRoot));
        return s.toBuilder().data(resolve(s.data(), workbenchRoot, runsRoot)).teacher(t).student(st).finetune(f)
                .socket(so).launch(null).build();
    }

    static String resolve(String path, Path workbenchRoot, Path runsRoot) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.normalize().toString();
        }
        if (p.getNameCount() > 1 && p.getName(0).toString().equals("runs")) {
            return runsRoot.resolve(p.subpath(1, p.getNameCount())).normalize().toString();
        }
        return workbenchRoot.resolve(p).normalize().toString();
    }
}
