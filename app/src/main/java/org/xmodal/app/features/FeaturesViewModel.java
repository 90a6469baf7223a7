package org.xmodal.app.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.runs.RunLibrary;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.LatestWins;
import org.xmodal.app.task.Outcome;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.viz.ColourMap;
import org.xmodal.viz.FeatureMapPictures;

/**
 * The features view: for a pair of a transfer run's dataset, the teacher's and the student's feature maps at the
 * transfer layer (one channel at a time, the same colour scale for both) and the per-location L2 distance between
 * them over the image: where the student has learned to see like the teacher and where not. The networks run off
 * the UI thread from the run's newest checkpoint (again when a running run writes a new one); a pair or run chosen
 * while they run replaces the request. The pictures of a channel are drawn off the UI thread too (heat maps over
 * the image, and legends whose text is drawn with Java2D, whose first use loads fonts), the latest channel winning.
 */
public final class FeaturesViewModel {
    private record Request(Path run, long step, PairedDataset dataset, Pair pair) {
    }

    private record Drawing(FeatureComparison comparison, int channel) {
    }

    /** What the view shows of one channel of a comparison. */
    private record Pictures(RgbImage overlay, RgbImage paired, RgbImage teacher, RgbImage student, RgbImage error,
                            RgbImage channelLegend, RgbImage errorLegend, String summary) {
    }

    static final double OVERLAY_OPACITY = 0.6;
    static final int LEGEND_WIDTH = 300;

    private final WorkbenchContext context;
    private final RunLibrary library;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> run = new SimpleObjectProperty<>(this, "run");
    private final ObservableList<Pair> pairs = FXCollections.observableArrayList();
    private final ObjectProperty<Pair> pair = new SimpleObjectProperty<>(this, "pair");
    private final IntegerProperty channel = new SimpleIntegerProperty(this, "channel");
    private final ReadOnlyIntegerWrapper channels = new ReadOnlyIntegerWrapper(this, "channels");
    private final ReadOnlyObjectWrapper<FeatureComparison> comparison = new ReadOnlyObjectWrapper<>(this,
            "comparison");
    private final ReadOnlyObjectWrapper<RgbImage> overlay = new ReadOnlyObjectWrapper<>(this, "overlay");
    private final ReadOnlyObjectWrapper<RgbImage> paired = new ReadOnlyObjectWrapper<>(this, "paired");
    private final ReadOnlyObjectWrapper<RgbImage> teacherMap = new ReadOnlyObjectWrapper<>(this, "teacherMap");
    private final ReadOnlyObjectWrapper<RgbImage> studentMap = new ReadOnlyObjectWrapper<>(this, "studentMap");
    private final ReadOnlyObjectWrapper<RgbImage> errorMap = new ReadOnlyObjectWrapper<>(this, "errorMap");
    private final ReadOnlyObjectWrapper<RgbImage> channelLegend = new ReadOnlyObjectWrapper<>(this, "channelLegend");
    private final ReadOnlyObjectWrapper<RgbImage> errorLegend = new ReadOnlyObjectWrapper<>(this, "errorLegend");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final LatestWins<Request, FeatureComparison> comparisons;
    private final LatestWins<Drawing, Pictures> drawings;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private PairedDataset dataset;
    private Path datasetPath;
    private Request last;

    public FeaturesViewModel(WorkbenchContext context) {
        this.context = context;
        this.library = context.runs();
        this.comparisons = new LatestWins<>(context.executor(), "Running teacher and student", (r, cancel) -> {
            RunDirectory dir = RunDirectory.open(r.run());
            return FeatureProbe.compare(context.runsSetup().inspection(), dir.spec(), dir.checkpoint(r.step()),
                    dir.lastMetric("teacherScale"), r.dataset(), r.pair(), context.cache(), cancel);
        }, this::arrived, e -> context.problems().report(Problems.describe(
                "Could not compare the teacher's and the student's features", e)));
        this.drawings = new LatestWins<>(context.executor(), "Drawing feature maps", (d, cancel) -> draw(d),
                this::drawn, e -> context.problems().report(Problems.describe("Could not draw the feature maps", e)));
        busy.bind(comparisons.busyProperty().or(drawings.busyProperty()));
        run.addListener((obs, o, n) -> runChosen(n));
        pair.addListener((obs, o, n) -> request());
        channel.addListener((obs, o, n) -> render());
        library.afterEachLook(this::afterLook);
        afterLook();
    }

    private void afterLook() {
        List<RunRecord> transfers = library.runs().stream().filter(r -> "transfer".equals(r.summary().spec().kind())
                && !r.summary().checkpoints().isEmpty()).toList();
        if (!transfers.equals(runs)) {
            runs.setAll(transfers);
        }
        if (run.get() != null && !runs.contains(run.get())) {
            run.set(null);
        }
        if (run.get() == null && !runs.isEmpty()) {
            run.set(runs.get(0));
        }
        request(); // a running run's newer checkpoint
    }

    private void runChosen(RunRecord r) {
        if (r == null) {
            return;
        }
        String data = r.summary().spec().data();
        if (data == null) {
            return;
        }
        Path p = Path.of(data);
        if (p.equals(datasetPath)) {
            request();
            return;
        }
        datasetPath = p;
        context.work().start("Opening " + p.getFileName() + " for " + r.id(), (progress, cancel) ->
                DatasetLoaders.open(p, progress, cancel), outcome -> {
                    if (outcome instanceof Outcome.Done<PairedDataset> done) {
                        useDataset(done.value());
                    } else if (outcome instanceof Outcome.Failed<PairedDataset> failed) {
                        datasetPath = null;
                        context.problems().report(Problems.describe("Could not open " + p, failed.error()));
                    }
                });
    }

    private void useDataset(PairedDataset ds) {
        PairedDataset old = dataset;
        String keep = pair.get() == null ? null : pair.get().id();
        dataset = ds;
        pairs.setAll(ds.pairs());
        Pair next = keep == null ? null : ds.pair(keep).orElse(null);
        if (next == null) {
            next = ds.pairs(Split.TRAIN).stream().findFirst().orElse(ds.pairs().isEmpty() ? null : ds.pairs().get(0));
        }
        if (Objects.equals(next, pair.get())) {
            request();
        } else {
            pair.set(next);
        }
        if (old != null && old != ds) {
            try {
                old.close();
            } catch (IOException e) {
                // the old dataset is no longer shown
            }
        }
    }

    private void request() {
        RunRecord r = run.get();
        Pair p = pair.get();
        if (r == null || p == null || dataset == null || r.summary().checkpoints().isEmpty()
                || !dataset.pairs().contains(p)) {
            return;
        }
        List<Long> steps = r.summary().checkpoints();
        Request req = new Request(r.path(), steps.get(steps.size() - 1), dataset, p);
        if (!req.equals(last)) {
            last = req;
            comparisons.request(req);
        }
    }

    private void arrived(FeatureComparison c) {
        boolean fresh = comparison.get() == null || comparison.get().channels() != c.channels();
        comparison.set(c);
        channels.set(c.channels());
        if (fresh) {
            channel.set(c.mostActiveChannel());
        }
        render();
    }

    private void render() {
        FeatureComparison c = comparison.get();
        if (c != null) {
            drawings.request(new Drawing(c, Math.max(0, Math.min(c.channels() - 1, channel.get()))));
        }
    }

    private static Pictures draw(Drawing d) {
        FeatureComparison c = d.comparison();
        int ch = d.channel();
        FeatureMapPictures.Map2d t = c.teacherChannel(ch);
        FeatureMapPictures.Map2d s = c.studentChannel(ch);
        double hi = Math.max(1e-6, Math.max(t.max(), s.max()));
        double lo = Math.min(0, Math.min(t.min(), s.min()));
        double err = Math.max(1e-6, c.error().max());
        int w = c.rgb().width();
        int h = c.rgb().height();
        return new Pictures(FeatureMapPictures.overlay(c.rgb(), c.error(), 0, err, ColourMap.VIRIDIS,
                OVERLAY_OPACITY), c.paired(), FeatureMapPictures.heatmap(t, lo, hi, w, h, ColourMap.VIRIDIS),
                FeatureMapPictures.heatmap(s, lo, hi, w, h, ColourMap.VIRIDIS),
                FeatureMapPictures.heatmap(c.error(), 0, err, w, h, ColourMap.VIRIDIS),
                FeatureMapPictures.legend("channel " + ch + " activation (both maps)", lo, hi, ColourMap.VIRIDIS,
                        LEGEND_WIDTH),
                FeatureMapPictures.legend("L2 distance of the feature vectors", 0, err, ColourMap.VIRIDIS,
                        LEGEND_WIDTH),
                String.format(Locale.ROOT, "Mean L2 error %.3g, %.0f%% of the teacher's feature norm. %s",
                        c.error().mean(), 100 * c.relativeError(), c.notes()));
    }

    private void drawn(Pictures p) {
        overlay.set(p.overlay());
        paired.set(p.paired());
        teacherMap.set(p.teacher());
        studentMap.set(p.student());
        errorMap.set(p.error());
        channelLegend.set(p.channelLegend());
        errorLegend.set(p.errorLegend());
        summary.set(p.summary());
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObjectProperty<RunRecord> runProperty() {
        return run;
    }

    public ObservableList<Pair> pairs() {
        return pairs;
    }

    public ObjectProperty<Pair> pairProperty() {
        return pair;
    }

    public IntegerProperty channelProperty() {
        return channel;
    }

    public ReadOnlyIntegerProperty channelsProperty() {
        return channels.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FeatureComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> overlayProperty() {
        return overlay.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> pairedProperty() {
        return paired.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> teacherMapProperty() {
        return teacherMap.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> studentMapProperty() {
        return studentMap.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> errorMapProperty() {
        return errorMap.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> channelLegendProperty() {
        return channelLegend.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> errorLegendProperty() {
        return errorLegend.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public boolean busy() {
        return busy.get();
    }

    /** Whether the networks run or the pictures are drawn: the view says so where the pictures will be. */
    public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
