package org.xmodal.app.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmodal.engine.data.PairedDataset;

/**
 * The settings as the window changes them, used on the FX thread: datasets opened (saved at once, so a crash keeps
 * them), the view shown and the window's placement (saved when the window closes). Saving hands a copy to the
 * writer, never writing on the FX thread; a file that cannot be written is logged, not shown: nothing the person is
 * doing fails because of it.
 */
public final class RememberedSettings {
    private static final Logger LOG = LoggerFactory.getLogger(RememberedSettings.class);

    private final Optional<SettingsFile> file;
    private final Executor writer;
    private final ObservableList<Path> recentDatasets = FXCollections.observableArrayList();
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recentDatasets);
    private WorkbenchSettings settings;

    /**
     * @param writer where files are written: a serial writer that finishes what it was given before the JVM exits
     *               in the app, the calling thread in tests
     */
    public RememberedSettings(WorkbenchSettings loaded, SettingsFile file, Executor writer) {
        this(loaded, Optional.of(file), writer);
    }

    private RememberedSettings(WorkbenchSettings loaded, Optional<SettingsFile> file, Executor writer) {
        this.file = file;
        this.writer = writer;
        this.settings = loaded;
        recentDatasets.setAll(loaded.recentDatasets());
    }

    /**
     * Remembers for as long as the window is open and writes nothing: for the screenshots, the bench and tests that
     * are not about settings, which must never change the user's.
     */
    public static RememberedSettings inMemory() {
        return new RememberedSettings(WorkbenchSettings.NONE, Optional.empty(), Runnable::run);
    }

    /** The file the settings are saved in; empty when they are remembered only while the window is open. */
    public Optional<Path> location() {
        return file.map(SettingsFile::file);
    }

    public WorkbenchSettings settings() {
        return settings;
    }

    /**
     * The datasets opened last, newest first. Always the same view: an unmodifiable view holds its list's changes
     * only weakly, so a listener added to a view made per call stopped hearing them once that view was collected
     * (the menu's recent datasets froze after a garbage collection).
     */
    public ObservableList<Path> recentDatasets() {
        return recentView;
    }

    /**
     * Remembers every dataset the window opens, whatever opened it (a menu, the Data view, the command line).
     *
     * @param openDataset the dataset session's open dataset
     */
    public void follow(ObservableValue<? extends PairedDataset> openDataset) {
        openDataset.addListener((obs, old, now) -> {
            if (now != null) {
                datasetOpened(now);
            }
        });
    }

    private void datasetOpened(PairedDataset dataset) {
        settings = settings.withDatasetOpened(dataset.root().toAbsolutePath().normalize());
        recentDatasets.setAll(settings.recentDatasets());
        save();
    }

    /** Remembers the folder of runs and experiments each time the window switches it (saved at once). */
    public void followRunsFolder(ObservableValue<Path> runsFolder) {
        runsFolder.addListener((obs, old, now) -> {
            if (now != null) {
                settings = settings.withRunsFolder(now);
                save();
            }
        });
    }

    /**
     * Gives {@code server} the MLflow tracking server remembered, then remembers it each time it changes (saved at
     * once).
     */
    public void followMlflowTracking(javafx.beans.property.StringProperty server) {
        server.set(settings.mlflowTracking() == null ? "" : settings.mlflowTracking());
        server.addListener((obs, old, now) -> {
            settings = settings.withMlflowTracking(now);
            save();
        });
    }

    public void forgetRecentDatasets() {
        settings = settings.withRecentDatasets(List.of());
        recentDatasets.clear();
        save();
    }

    /** Kept for the next save (the window's closing). */
    public void viewShown(String title) {
        settings = settings.withLastView(title);
    }

    /** Kept for the next save (the window's closing). */
    public void windowPlaced(WindowPlacement placement) {
        settings = settings.withWindow(placement);
    }

    public void save() {
        if (file.isEmpty()) {
            return;
        }
        SettingsFile f = file.get();
        WorkbenchSettings snapshot = settings;
        writer.execute(() -> {
            try {
                f.save(snapshot);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: the workbench's settings could not be saved ({})", f.file(), e.toString());
            }
        });
    }
}
