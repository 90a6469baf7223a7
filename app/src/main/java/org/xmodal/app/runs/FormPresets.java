package org.xmodal.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

/**
 * The run presets the form offers ({@link Presets}): listed once, each read once, and resolved when used in the
 * workbench and in the window's folder of runs of that moment (which the window may switch); and the preset a run of
 * each kind starts from.
 */
final class FormPresets {
    private final Path workbenchRoot;
    private final Supplier<Path> runsFolder;
    private final ObservableList<Presets.Preset> presets = FXCollections.observableArrayList();
    private final Map<Presets.Preset, RunSpec> read = new HashMap<>();
    private String unreadable = "";

    FormPresets(Path workbenchRoot, Supplier<Path> runsFolder) {
        this.workbenchRoot = workbenchRoot;
        this.runsFolder = runsFolder;
        if (workbenchRoot != null) {
            try {
                presets.setAll(Presets.list(workbenchRoot));
            } catch (IOException e) {
                unreadable = "The presets in " + workbenchRoot.resolve(Presets.FOLDER) + " cannot be read: "
                        + e.getMessage();
            }
        }
    }

    /** Why the presets could not be listed, or "" when they were. */
    String unreadable() {
        return unreadable;
    }

    ObservableList<Presets.Preset> list() {
        return presets;
    }

    /** A preset's spec with its paths resolved in the workbench and in today's folder of runs. */
    RunSpec load(Presets.Preset p) throws IOException {
        RunSpec raw = read.get(p);
        if (raw == null) {
            raw = Presets.read(p);
            read.put(p, raw);
        }
        return Presets.resolved(raw, workbenchRoot, runsFolder.get());
    }

    /** The spec of the preset a run of {@code kind} starts from, if the workbench has it. */
    Optional<RunSpec> ofKind(String kind) throws IOException {
        Optional<Presets.Preset> p = presetOf(kind);
        return p.isEmpty() ? Optional.empty() : Optional.of(load(p.get()));
    }

    /** The preset of {@code kind}'s runs, or none (also for a kind this engine does not know). */
    Optional<Presets.Preset> presetOf(String kind) {
        RunKind k;
        try {
            k = RunKind.parse(kind);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a kind this engine does not know: the validation names it
        }
        return Presets.ofKind(presets, k);
    }
}
