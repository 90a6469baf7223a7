package org.xmodal.app.menu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.results.RecentExperiments;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.RememberedSettings;
import org.xmodal.app.task.Outcome;

/**
 * What the menu bar offers beyond the views' own buttons: opening a dataset or an experiment, the recent ones (each
 * marked when its folder is gone), and where an experiment opens (Results). Whether the recent folders still exist is
 * checked off the FX thread, when the list changes and each time the File menu opens.
 */
public final class MenuBarViewModel {
    /** A recent dataset or experiment, and whether its folder (or file) was gone when last checked. */
    public record Recent(Path path, boolean missing) {
        public String name() {
            return path.getFileName() == null ? path.toString() : path.getFileName().toString();
        }

        /** Its name and where it is; a missing one says so with its full path, so the person can look for it. */
        public String label() {
            if (missing) {
                return name() + " (not found: " + path + ")";
            }
            Path parent = path.getParent();
            return parent == null ? name() : name() + "  \u2014  " + parent;
        }
    }

    private record Checked(List<Recent> datasets, List<Recent> experiments) {
    }

    private final WorkbenchContext context;
    private final RememberedSettings remembered;
    private final RecentExperiments recentExperiments;
    private final ObservableList<Recent> datasets = FXCollections.observableArrayList();
    private final ObservableList<Recent> experiments = FXCollections.observableArrayList();
    /** Checks asked for so far: only the latest one's answer is shown. */
    private int checks;

    public MenuBarViewModel(WorkbenchContext context, RememberedSettings remembered,
                            RecentExperiments recentExperiments) {
        this.context = context;
        this.remembered = remembered;
        this.recentExperiments = recentExperiments;
        remembered.recentDatasets().addListener((ListChangeListener<Path>) c -> refresh());
        refresh();
    }

    /** Checks which recent folders still exist and reads the recent experiments (which Results keeps). */
    public void refresh() {
        List<Path> recent = List.copyOf(remembered.recentDatasets());
        int id = ++checks;
        context.executor().submit("Checking the recent datasets and experiments", (progress, cancel) -> {
            return new Checked(check(recent), check(recentExperiments.loadOrNone()));
        }, outcome -> {
            if (id == checks && outcome instanceof Outcome.Done<Checked> done) {
                datasets.setAll(done.value().datasets());
                experiments.setAll(done.value().experiments());
            }
        });
    }

    private static List<Recent> check(List<Path> paths) {
        return paths.stream().map(p -> new Recent(p, !Files.exists(p))).toList();
    }

    public void openDataset(Path path) {
        context.session().open(path);
    }

    public void openRecentDataset(Recent r) {
        if (r.missing()) {
            context.problems().report(gone("Could not open the dataset " + r.name(), r));
        } else {
            openDataset(r.path());
        }
    }

    /** Shows Results and opens the experiment there. */
    public void openExperiment(Path folder) {
        context.experiments().request(folder);
    }

    public void openRecentExperiment(Recent r) {
        if (r.missing()) {
            context.problems().report(gone("Could not open the experiment " + r.name(), r));
        } else {
            openExperiment(r.path());
        }
    }

    private static Problem gone(String title, Recent r) {
        return new Problem(title, r.path() + ": no longer exists (it was moved, renamed or deleted since it was "
                + "opened).", "Open it where it is now with File \u203a Open; it then heads the recent list.");
    }

    public void forgetRecentDatasets() {
        remembered.forgetRecentDatasets();
    }

    /** The folder a chooser starts in: the one holding the open dataset, when there is one. */
    public Path datasetParent() {
        var ds = context.session().dataset();
        return ds == null ? null : ds.root().toAbsolutePath().getParent();
    }

    public ObservableList<Recent> recentDatasets() {
        return datasets;
    }

    public ObservableList<Recent> recentExperiments() {
        return experiments;
    }

    /** The MLflow tracking server new runs also log to ("" for none). */
    public String mlflowTracking() {
        String s = context.runs().mlflowTrackingProperty().get();
        return s == null ? "" : s;
    }

    /**
     * Sets the MLflow tracking server of new runs (blank: none), remembered between sessions; empty when taken, else
     * why not (not an http:// or https:// address), and nothing changes.
     */
    public java.util.Optional<String> setMlflowTracking(String server) {
        String s = server == null ? "" : server.strip();
        if (!s.isEmpty()) {
            try {
                new org.xmodal.engine.run.RunSpec.Tracking(s, null);
            } catch (IllegalArgumentException e) {
                return java.util.Optional.of("MLflow server: " + s + " is not an http:// or https:// address of an "
                        + "MLflow tracking server (e.g. http://localhost:5000)");
            }
        }
        context.runs().mlflowTrackingProperty().set(s);
        return java.util.Optional.empty();
    }
}
