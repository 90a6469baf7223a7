package org.xmodal.app.lab;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.data.DatasetSession;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.LatestWins;
import org.xmodal.app.task.Outcome;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.flow.OpenCvCuda;

/**
 * The flow half of the encoding lab: method and its main parameters as properties; any change re-estimates the
 * selected frame pair off the UI thread, the latest change winning. Choosing a method loads its defaults.
 */
public final class FlowLabViewModel {
    private record Request(PairedDataset dataset, Pair pair, FlowConfig config) {
    }

    private final WorkbenchContext context;
    private final DatasetSession session;
    private final LatestWins<Request, FlowPreview> previews;
    private final ObjectProperty<FlowMethod> method = new SimpleObjectProperty<>(this, "method", FlowMethod.DIS_FAST);
    private final DoubleProperty alpha = new SimpleDoubleProperty(this, "alpha");
    private final DoubleProperty gamma = new SimpleDoubleProperty(this, "gamma");
    private final IntegerProperty warps = new SimpleIntegerProperty(this, "warps");
    private final IntegerProperty regionRadius = new SimpleIntegerProperty(this, "regionRadius");
    private final ReadOnlyObjectWrapper<FlowPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper applied = new ReadOnlyStringWrapper(this, "applied", "");
    private final BooleanBinding alphaUsed = Bindings.createBooleanBinding(() -> EnumSet.of(FlowMethod.BROX,
            FlowMethod.HORN_SCHUNCK, FlowMethod.TV_L1, FlowMethod.CUDA_BROX, FlowMethod.CUDA_TV_L1)
            .contains(method.get()), method);
    private final BooleanBinding gammaUsed = Bindings.createBooleanBinding(() -> method.get() == FlowMethod.BROX
            || method.get() == FlowMethod.CUDA_BROX, method);
    private final BooleanBinding regionUsed = Bindings.createBooleanBinding(() -> EnumSet.of(FlowMethod.KLT,
            FlowMethod.REGION, FlowMethod.FARNEBACK, FlowMethod.CUDA_FARNEBACK, FlowMethod.CUDA_PYRLK)
            .contains(method.get()), method);
    private final ObservableList<FlowMethod> methods = FXCollections.observableArrayList(
            Arrays.stream(FlowMethod.values()).filter(m -> !m.cuda()).toList());
    private boolean loadingDefaults;

    public FlowLabViewModel(WorkbenchContext context) {
        this.context = context;
        this.session = context.session();
        this.previews = new LatestWins<>(context.executor(), "Flow preview",
                (r, cancel) -> FlowPreviewMaker.make(r.dataset(), r.pair(), r.config(), cancel), preview::set,
                e -> context.problems().report(Problems.describe("Could not estimate flow", e)));
        method.addListener((obs, o, n) -> {
            loadDefaults();
            refresh();
        });
        for (Observable o : new Observable[] {alpha, gamma, warps, regionRadius, session.selectedPairProperty(),
            session.datasetProperty()}) {
            o.addListener(x -> refresh());
        }
        loadDefaults();
        refresh();
        // whether the CUDA methods can run is known only once OpenCV's CUDA build has been asked, which may load it
        context.executor().submit("Looking for OpenCV's CUDA flow methods", (progress, cancel) ->
                OpenCvCuda.availableMethods(), outcome -> {
                    if (outcome instanceof Outcome.Done<List<FlowMethod>> done && !done.value().equals(methods)) {
                        methods.setAll(done.value());
                    }
                });
    }

    /** The methods that can run here: those on the CPU at first, the CUDA ones too once found to run. */
    public ObservableList<FlowMethod> methods() {
        return methods;
    }

    private void loadDefaults() {
        FlowConfig d = FlowConfig.defaults(method.get());
        loadingDefaults = true;
        try {
            alpha.set(d.alpha());
            gamma.set(d.gamma());
            warps.set(d.warps());
            regionRadius.set(d.regionRadius());
        } finally {
            loadingDefaults = false;
        }
    }

    /** The parameters as an estimator config, or empty (with {@link #problemProperty()} saying why). */
    public Optional<FlowConfig> config() {
        FlowConfig d = FlowConfig.defaults(method.get());
        try {
            FlowConfig c = new FlowConfig(method.get(), alpha.get(), gamma.get(), warps.get(), d.innerIterations(),
                    d.pyramidScale(), d.pyramidLayers(), regionRadius.get());
            problem.set("");
            return Optional.of(c);
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return Optional.empty();
        }
    }

    private void refresh() {
        PairedDataset ds = session.dataset();
        Pair pair = session.selectedPairProperty().get();
        if (loadingDefaults || ds == null || ds.modality() != Modality.FLOW || pair == null) {
            return;
        }
        config().ifPresent(c -> previews.request(new Request(ds, pair, c)));
    }

    /** The lab's settings as a run spec's {@code encoding.flow} (the action-tubes image at its defaults). */
    public Optional<Encoding.Flow> encoding() {
        return config().map(c -> Encoding.Flow.of(c, Encoding.Flow.DEFAULT_SCALE, null));
    }

    /** Estimates flow for every pair of the dataset with these parameters into the encoding cache (long work). */
    public void applyToDataset() {
        PairedDataset ds = session.dataset();
        Optional<Encoding.Flow> flow = encoding();
        if (ds == null || ds.modality() != Modality.FLOW || flow.isEmpty()) {
            return;
        }
        applied.set("");
        context.work().start("Estimating flow for " + ds.name(), (progress, cancel) -> DatasetEncoding.apply(
                context.cache(), ds, Encoding.defaults().withFlow(flow.get()), progress, cancel),
                outcome -> applied.set(ApplyOutcome.describe(outcome, context.problems())));
    }

    /** Opens a new run's form on this dataset with these settings in its encoding fields. */
    public void useInNewRun() {
        context.newRuns().request(session.dataset(), Modality.FLOW, encoding().map(Encoding.defaults()::withFlow),
                "the encoding lab");
    }

    public ObjectProperty<FlowMethod> methodProperty() {
        return method;
    }

    public DoubleProperty alphaProperty() {
        return alpha;
    }

    public DoubleProperty gammaProperty() {
        return gamma;
    }

    public IntegerProperty warpsProperty() {
        return warps;
    }

    public IntegerProperty regionRadiusProperty() {
        return regionRadius;
    }

    /** Whether the method uses the smoothness weight alpha (and warps): Brox and Horn-Schunck. */
    public BooleanBinding alphaUsedBinding() {
        return alphaUsed;
    }

    public BooleanBinding gammaUsedBinding() {
        return gammaUsed;
    }

    public BooleanBinding regionUsedBinding() {
        return regionUsed;
    }

    public ReadOnlyObjectProperty<FlowPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return previews.busyProperty();
    }
}
