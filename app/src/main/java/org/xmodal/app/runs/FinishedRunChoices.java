package org.xmodal.app.runs;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the run form's weights fields offer from the window's folder of runs ({@link WeightsFields}): the finished
 * runs of the kinds each takes, by their id in the folder, newest first, as the folder is looked at; and what the
 * window knows of a run folder a field names, for the checks of {@link WeightsPaths}. The folder is the library's
 * of the moment, which the window may switch.
 */
final class FinishedRunChoices {
    private final RunLibrary library;
    private final Map<String, ObservableList<String>> lists = new LinkedHashMap<>();

    FinishedRunChoices(RunLibrary library) {
        this.library = library;
        for (WeightsFields w : WeightsFields.values()) {
            lists.put(w.key(), FXCollections.observableArrayList());
        }
    }

    /** Brings every list up to the library's runs; whether any list changed (a run finished, or went away). */
    boolean refresh() {
        List<RunSummary> runs = library.runs().stream().map(RunRecord::summary).toList();
        boolean changed = false;
        for (WeightsFields w : WeightsFields.values()) {
            List<String> offered = w.offered(runs);
            ObservableList<String> list = lists.get(w.key());
            if (!list.equals(offered)) {
                list.setAll(offered);
                changed = true;
            }
        }
        return changed;
    }

    /** The list of a field by its key; empty for a field that names no weights. */
    ObservableList<String> list(String key) {
        ObservableList<String> list = lists.get(key);
        return list == null ? FXCollections.emptyObservableList() : list;
    }

    /** The window's summary of a run folder in its folder of runs, if it lists it. */
    Optional<RunSummary> known(Path folder) {
        Path root = library.root();
        if (!folder.startsWith(root) || folder.equals(root)) {
            return Optional.empty();
        }
        return library.find(root.relativize(folder).toString()).map(RunRecord::summary);
    }

    /**
     * A weights field's value that names a place inside the old folder of runs (a preset's runs/NAME made absolute
     * there) named in the new folder instead; empty when it names nothing there.
     */
    static Optional<String> rebased(Object value, Path old, Path now) {
        if (old == null || !(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(text.trim()).normalize();
            return p.isAbsolute() && p.startsWith(old) ? Optional.of(now.resolve(old.relativize(p)).toString())
                    : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
