package org.xmodal.app.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import java.util.Map;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.viz.CurveChart;
import org.xmodal.viz.CurveChart.Curve;
import org.xmodal.viz.CurveChart.Style;

/**
 * The run page: the chosen run's curves (train loss raw and smoothed, other splits' losses, learning rate,
 * throughput, each term of the run's objective, any other metric), its figures, its progress (before the first step
 * its preparation's, with the stage in the state line) and its events, recomputed once per
 * look at the run folder. Curves are thinned to {@link #MAX_POINTS} per curve, so a run of a million steps draws as
 * fast as one of a hundred.
 */
public final class RunPageViewModel {
    public static final int MAX_POINTS = 1200;
    /** The metrics of an objective's terms are named {@code objective/<term>} (the engine's training loop). */
    public static final String TERM_PREFIX = "objective/";
    private static final String TRAIN = "train";
    private static final String TEST = "test";
    private static final String LOSS = "loss";
    private static final String LR = "lr";
    /**
     * Each known term keeps its colour from run to run, and the terms one kind of run computes (SOCKET's four, a
     * distill run's twelve) each have a colour of their own: Okabe and Ito's eight, then Paul Tol's muted ones. Terms
     * of different kinds never meet in one run, so they share colours; the hint (transfer and distill) is purple in
     * both.
     */
    static final Map<String, Integer> TERM_COLOURS = Map.ofEntries(
            Map.entry(Objective.PSEUDO_LABELS, CurveChart.BLUE),
            Map.entry(Objective.INFORMATION_MAXIMISATION, CurveChart.ORANGE),
            Map.entry(Objective.BN_STATISTICS, CurveChart.GREEN),
            Map.entry(Objective.TASK_IRRELEVANT, CurveChart.VERMILION),
            Map.entry(Objective.HINT, CurveChart.PURPLE),
            Map.entry(Objective.CE, 0x000000),
            Map.entry(Objective.COSINE_HINT, 0x56b4e9),
            Map.entry(Objective.KD, CurveChart.ORANGE),
            Map.entry(Objective.ATTENTION, CurveChart.GREEN),
            Map.entry(Objective.RKD_DISTANCE, 0x999933),
            Map.entry(Objective.RKD_ANGLE, 0x882255),
            Map.entry(Objective.CRD, CurveChart.VERMILION),
            Map.entry(Objective.CSC, CurveChart.BLUE),
            Map.entry(Objective.FILTER_CE, 0x44aa99),
            Map.entry(Objective.FILTER_TRIPLET, 0x332288),
            Map.entry(Objective.FILTER_SPARSITY, 0x888888));
    /** For terms this build does not know: colours none of the known ones has, then round again. */
    private static final int[] OTHER_TERM_COLOURS = {0xf0e442, 0x117733, 0xaa4499, 0x6699cc, 0xdd7788};

    private final ObjectProperty<RunRecord> run = new SimpleObjectProperty<>(this, "run");
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final ReadOnlyObjectWrapper<List<Curve>> loss = new ReadOnlyObjectWrapper<>(this, "loss", List.of());
    private final ReadOnlyObjectWrapper<List<Curve>> rate = new ReadOnlyObjectWrapper<>(this, "rate", List.of());
    private final ReadOnlyObjectWrapper<List<Curve>> speed = new ReadOnlyObjectWrapper<>(this, "speed", List.of());
    private final ReadOnlyObjectWrapper<List<Curve>> metrics = new ReadOnlyObjectWrapper<>(this, "metrics",
            List.of());
    private final ReadOnlyObjectWrapper<List<Curve>> terms = new ReadOnlyObjectWrapper<>(this, "terms", List.of());
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper(this, "figures", "");
    private final ReadOnlyBooleanWrapper preparing = new ReadOnlyBooleanWrapper(this, "preparing");
    private final ReadOnlyDoubleWrapper preparation = new ReadOnlyDoubleWrapper(this, "preparation");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ObservableList<String> events = FXCollections.observableArrayList();
    // change listeners, not invalidation listeners: those fire again only after someone reads the value
    private final ChangeListener<Object> onSummary = (obs, o, n) -> refreshHeader();
    private final ChangeListener<Object> onVersion = (obs, o, n) -> refreshBody();
    private int eventsShown;

    public RunPageViewModel() {
        run.addListener((obs, old, now) -> {
            if (old != null) {
                old.versionProperty().removeListener(onVersion);
                old.summaryProperty().removeListener(onSummary);
            }
            if (now != null) {
                now.versionProperty().addListener(onVersion);
                now.summaryProperty().addListener(onSummary);
            }
            events.clear();
            eventsShown = 0;
            refreshHeader();
            refreshBody();
        });
        smoothing.addListener(x -> refreshCurves());
    }

    private void refreshHeader() {
        RunRecord r = run.get();
        if (r == null) {
            title.set("");
            state.set("");
            figures.set("");
            preparing.set(false);
            preparation.set(0);
            progress.set(0);
            return;
        }
        RunSummary s = r.summary();
        String kind = s.spec().kind() + (s.spec().studentArchitecture() == null ? "" : ", "
                + s.spec().studentArchitecture()) + ("teacher".equals(s.spec().kind()) ? "" : ", " + s.spec().input());
        title.set(r.id() + "  (" + kind + ")");
        RunStatus status = s.status();
        String message = s.spec().problem() != null ? s.spec().problem() : status.message();
        // before the first step: what the engine prepares, with a bar of its own; the step bar takes over after it
        state.set(status.preparing() ? RunText.preparation(status)
                : RunText.state(status) + (message == null ? "" : ": " + message));
        preparation.set(RunText.preparationBar(status));
        preparing.set(status.preparing());
        progress.set(Math.max(0, s.fraction()));
        refreshFigures();
    }

    /** The figures line: step, loss, speed and time to go, then the test results once there are any. */
    private void refreshFigures() {
        RunRecord r = run.get();
        if (r == null) {
            return;
        }
        String results = RunText.results(r.summary().spec(), latest(r, "accuracy"), latest(r, "mAP"));
        figures.set(RunText.figures(r.summary()) + (results.isEmpty() ? "" : " \u00b7 " + results));
    }

    private static double latest(RunRecord r, String name) {
        return r.series(TEST, name).map(MetricSeries::lastValue).orElse(Double.NaN);
    }

    private void refreshBody() {
        RunRecord r = run.get();
        if (r == null) {
            events.clear();
            eventsShown = 0;
            loss.set(List.of());
            rate.set(List.of());
            speed.set(List.of());
            metrics.set(List.of());
            terms.set(List.of());
            return;
        }
        List<RunEvent> all = r.events();
        if (all.size() < eventsShown) {
            events.clear();
            eventsShown = 0;
        }
        if (all.size() > eventsShown) {
            List<String> lines = new ArrayList<>(all.size() - eventsShown);
            for (RunEvent e : all.subList(eventsShown, all.size())) {
                lines.add(RunText.event(e));
            }
            events.addAll(lines);
            eventsShown = all.size();
        }
        refreshCurves();
        refreshFigures();
    }

    private void refreshCurves() {
        RunRecord r = run.get();
        if (r == null) {
            return;
        }
        List<Curve> lossCurves = new ArrayList<>();
        List<Curve> others = new ArrayList<>();
        List<Curve> rates = new ArrayList<>();
        List<Curve> termCurves = new ArrayList<>();
        List<String> otherTerms = new ArrayList<>();
        double w = Math.max(0, Math.min(0.99, smoothing.get()));
        for (MetricSeries m : r.series()) {
            if (m.size() == 0 || m.split().equals(RunRecord.PROGRESS)) {
                continue;
            }
            if (m.split().equals(TRAIN) && m.name().equals(LOSS)) {
                double[] x = m.steps();
                double[] y = m.values();
                if (w > 0) {
                    lossCurves.add(0, curve("train loss", x, y, Style.FAINT, CurveChart.BLUE));
                    lossCurves.add(1, curve("train loss, smoothed", x, Curves.smooth(y, w), Style.LINE,
                            CurveChart.BLUE));
                } else {
                    lossCurves.add(0, curve("train loss", x, y, Style.LINE, CurveChart.BLUE));
                }
            } else if (m.name().equals(LOSS)) {
                lossCurves.add(curve(m.split() + " loss", m.steps(), m.values(), Style.POINTS, colour(m.split())));
            } else if (m.name().startsWith(TERM_PREFIX) && m.name().length() > TERM_PREFIX.length()) {
                // each term of the objective a curve of its own, named by the term (unweighted, as computed)
                String term = m.name().substring(TERM_PREFIX.length());
                int colour = termColour(term, otherTerms);
                termCurves.add(curve(m.split().equals(TRAIN) ? term : m.split() + " " + term, m.steps(), m.values(),
                        m.split().equals(TRAIN) ? Style.LINE : Style.POINTS, colour));
            } else if (m.name().equals(LR)) {
                rates.add(curve(m.split().equals(TRAIN) ? "learning rate" : m.split() + " lr", m.steps(), m.values(),
                        Style.LINE, CurveChart.GREEN));
            } else {
                others.add(curve(m.split() + " " + m.name(), m.steps(), m.values(),
                        m.split().equals(TRAIN) ? Style.LINE : Style.POINTS, colour(m.split())));
            }
        }
        loss.set(lossCurves);
        rate.set(rates);
        metrics.set(others);
        terms.set(termCurves);
        speed.set(r.series(RunRecord.PROGRESS, RunRecord.IMAGES_PER_SECOND).map(m -> List.of(curve("images/s",
                m.steps(), m.values(), Style.LINE, CurveChart.ORANGE))).orElse(List.of()));
    }

    /** A term's colour: its own, or (a term this build does not know) the next of the others, the same per split. */
    private static int termColour(String term, List<String> others) {
        Integer known = TERM_COLOURS.get(term);
        if (known != null) {
            return known;
        }
        if (!others.contains(term)) {
            others.add(term);
        }
        return OTHER_TERM_COLOURS[others.indexOf(term) % OTHER_TERM_COLOURS.length];
    }

    private static Curve curve(String label, double[] x, double[] y, Style style, int colour) {
        Curves.Xy thin = Curves.thin(x, y, MAX_POINTS);
        return new Curve(label, thin.x(), thin.y(), style, colour);
    }

    private static int colour(String split) {
        return switch (split) {
            case "val", "validation" -> CurveChart.VERMILION;
            case "test" -> CurveChart.PURPLE;
            default -> CurveChart.BLUE;
        };
    }

    public ObjectProperty<RunRecord> runProperty() {
        return run;
    }

    /** The weight of the moving average of the train loss, in [0, 0.99]; 0 shows the raw loss alone. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public ReadOnlyObjectProperty<List<Curve>> lossProperty() {
        return loss.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Curve>> rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Curve>> speedProperty() {
        return speed.getReadOnlyProperty();
    }

    /**
     * One curve per term of the run's objective (metrics {@code objective/<term>}), labelled with the term's name, each
     * in its own colour; empty for a run whose loss is not a sum of terms.
     */
    public ReadOnlyObjectProperty<List<Curve>> termsProperty() {
        return terms.getReadOnlyProperty();
    }

    /** Metrics other than loss, learning rate and the objective's terms (test accuracy, ...); empty without any. */
    public ReadOnlyObjectProperty<List<Curve>> metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** Whether the run is preparing its first step (reading pairs, encoding, ...); the state says what. */
    public ReadOnlyBooleanProperty preparingProperty() {
        return preparing.getReadOnlyProperty();
    }

    /** The preparation stage's done fraction in [0, 1], -1 when its size is unknown, 0 when not preparing. */
    public ReadOnlyDoubleProperty preparationProperty() {
        return preparation.getReadOnlyProperty();
    }

    /** The fraction of the run's steps done, in [0, 1]. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The run's events as lines, oldest first, appended as they arrive. */
    public ObservableList<String> events() {
        return events;
    }
}
