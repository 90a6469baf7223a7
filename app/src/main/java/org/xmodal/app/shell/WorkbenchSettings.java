package org.xmodal.app.shell;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the workbench remembers between sessions, stored as JSON by {@link SettingsFile}. Every value may be missing
 * (a file from an older workbench, or none yet): missing means "never set", and a value this workbench does not know
 * (from a newer one) is ignored. To remember one more thing, add a component that is null when never set, its
 * wither, and it to the round trip in {@code SettingsFileTest}.
 *
 * @param window         the main window's placement, or null
 * @param lastView       the view shown when the window closed, or null
 * @param recentDatasets the datasets opened last, newest first, at most {@link #MAX_RECENT}
 * @param runsFolder     the folder of runs and experiments chosen in the window, or null (the standard one)
 * @param mlflowTracking the MLflow tracking server new runs also log to, or null (none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkbenchSettings(WindowPlacement window, String lastView, List<Path> recentDatasets,
                                Path runsFolder, String mlflowTracking) {
    public static final int MAX_RECENT = 8;
    public static final WorkbenchSettings NONE = new WorkbenchSettings(null, null, List.of(), null, null);

    public WorkbenchSettings {
        recentDatasets = recentDatasets == null ? List.of()
                : recentDatasets.stream().filter(Objects::nonNull).distinct().limit(MAX_RECENT).toList();
    }

    public WorkbenchSettings withWindow(WindowPlacement w) {
        return new WorkbenchSettings(w, lastView, recentDatasets, runsFolder, mlflowTracking);
    }

    public WorkbenchSettings withLastView(String view) {
        return new WorkbenchSettings(window, view, recentDatasets, runsFolder, mlflowTracking);
    }

    public WorkbenchSettings withRecentDatasets(List<Path> recent) {
        return new WorkbenchSettings(window, lastView, recent, runsFolder, mlflowTracking);
    }

    public WorkbenchSettings withRunsFolder(Path folder) {
        return new WorkbenchSettings(window, lastView, recentDatasets, folder, mlflowTracking);
    }

    public WorkbenchSettings withMlflowTracking(String server) {
        return new WorkbenchSettings(window, lastView, recentDatasets, runsFolder,
                server == null || server.isBlank() ? null : server.strip());
    }

    /** {@code dataset} first, then the others in their order, without repeats, at most {@link #MAX_RECENT}. */
    public WorkbenchSettings withDatasetOpened(Path dataset) {
        List<Path> out = new ArrayList<>(MAX_RECENT);
        out.add(dataset);
        recentDatasets.stream().filter(p -> !p.equals(dataset)).forEach(out::add);
        return withRecentDatasets(out);
    }
}
