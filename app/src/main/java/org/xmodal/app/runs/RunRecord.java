package org.xmodal.app.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunEvent;

/**
 * A run as the workbench knows it, updated on the UI thread as its folder grows: the summary the table shows, every
 * event (the run page's log) and every metric as a series. {@link #versionProperty()} changes once per update that
 * brought new events or metrics, so pages redraw once per look at the folder, not once per line.
 */
public final class RunRecord {
    /** The split and name of the throughput series, taken from progress events (metrics.csv has no speed). */
    public static final String PROGRESS = "progress";
    public static final String IMAGES_PER_SECOND = "imagesPerSecond";

    private final String id;
    private final Path path;
    private final ReadOnlyObjectWrapper<RunSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper(this, "version");
    private final List<RunEvent> events = new ArrayList<>();
    private final Map<String, MetricSeries> series = new LinkedHashMap<>();

    RunRecord(RunSummary first) {
        this.id = first.id();
        this.path = first.path();
        summary.set(first);
    }

    void apply(RunUpdate u) {
        if (u.eventsRestarted()) {
            events.clear();
            seriesFor(PROGRESS, IMAGES_PER_SECOND).clear();
        }
        for (RunEvent e : u.newEvents()) {
            events.add(e);
            double speed = e.number(IMAGES_PER_SECOND, Double.NaN);
            if (e.type().equals(RunEvent.PROGRESS) && Double.isFinite(speed)) {
                seriesFor(PROGRESS, IMAGES_PER_SECOND).add(e.step(), speed);
            }
        }
        if (u.metricsRestarted()) {
            series.values().stream().filter(s -> !s.split().equals(PROGRESS)).forEach(MetricSeries::clear);
        }
        for (MetricsLog.Row r : u.newRows()) {
            seriesFor(r.split(), r.name()).add(r.step(), r.value());
        }
        summary.set(u.summary());
        if (u.hasNews()) {
            version.set(version.get() + 1);
        }
    }

    private MetricSeries seriesFor(String split, String name) {
        return series.computeIfAbsent(split + "/" + name, k -> new MetricSeries(split, name));
    }

    public String id() {
        return id;
    }

    public Path path() {
        return path;
    }

    public RunSummary summary() {
        return summary.get();
    }

    public ReadOnlyObjectProperty<RunSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public List<RunEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Every series in the order first seen. */
    public List<MetricSeries> series() {
        return List.copyOf(series.values());
    }

    public Optional<MetricSeries> series(String split, String name) {
        MetricSeries s = series.get(split + "/" + name);
        return s == null || s.size() == 0 ? Optional.empty() : Optional.of(s);
    }

    @Override
    public String toString() {
        return id;
    }
}
