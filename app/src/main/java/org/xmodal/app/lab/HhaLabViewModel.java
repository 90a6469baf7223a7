package org.xmodal.app.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.Observable;
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
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.hha.FloorReference;
import org.xmodal.engine.hha.HhaConfig;

/**
 * The HHA half of the encoding lab: every parameter of the encoding as a property; any change recomputes the
 * preview of the selected pair off the UI thread, rapid changes coalesced so the latest wins. Choosing a camera
 * preset fills the intrinsics; editing one of them makes the camera "custom". Invalid values are reported in
 * {@link #problemProperty()} and computed nothing.
 */
public final class HhaLabViewModel {
    private record Request(PairedDataset dataset, Pair pair, HhaConfig config, double depthRatio) {
    }

    private final WorkbenchContext context;
    private final DatasetSession session;
    private final LatestWins<Request, HhaPreview> previews;
    private final ObservableList<CameraPreset> presets = FXCollections.observableArrayList();
    private final ObjectProperty<CameraPreset> preset = new SimpleObjectProperty<>(this, "preset",
            CameraPreset.NYU_COLOUR);
    private final DoubleProperty fx = new SimpleDoubleProperty(this, "fx");
    private final DoubleProperty fy = new SimpleDoubleProperty(this, "fy");
    private final DoubleProperty cx = new SimpleDoubleProperty(this, "cx");
    private final DoubleProperty cy = new SimpleDoubleProperty(this, "cy");
    private final IntegerProperty cameraWidth = new SimpleIntegerProperty(this, "cameraWidth");
    private final IntegerProperty cameraHeight = new SimpleIntegerProperty(this, "cameraHeight");
    private final DoubleProperty unitsPerMetre = new SimpleDoubleProperty(this, "unitsPerMetre", 1000);
    private final IntegerProperty normalRadius = new SimpleIntegerProperty(this, "normalRadius", 3);
    private final IntegerProperty gravityRadius = new SimpleIntegerProperty(this, "gravityRadius", 10);
    private final DoubleProperty coarseAngle = new SimpleDoubleProperty(this, "coarseAngle", 45);
    private final DoubleProperty fineAngle = new SimpleDoubleProperty(this, "fineAngle", 15);
    private final IntegerProperty stageIterations = new SimpleIntegerProperty(this, "stageIterations", 5);
    private final ObjectProperty<FloorReference> floorReference = new SimpleObjectProperty<>(this, "floorReference",
            FloorReference.LOWEST_POINT);
    private final ReadOnlyObjectWrapper<HhaPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper applied = new ReadOnlyStringWrapper(this, "applied", "");
    private boolean fillingCamera;

    public HhaLabViewModel(WorkbenchContext context) {
        this.context = context;
        this.session = context.session();
        this.previews = new LatestWins<>(context.executor(), "HHA preview",
                (r, cancel) -> HhaPreviewMaker.make(r.dataset(), r.pair(), r.config(), r.depthRatio(), cancel),
                preview::set, e -> context.problems().report(Problems.describe("Could not compute HHA", e)));
        preset.addListener((obs, o, n) -> {
            if (n == null) {
                // a choice box clears its value while its items change; the camera stays what it was
                preset.set(o == null || !presets.contains(o) ? CameraPreset.CUSTOM : o);
                return;
            }
            fillCamera();
            refresh();
        });
        for (DoubleProperty p : List.of(fx, fy, cx, cy)) {
            p.addListener(x -> cameraEdited());
        }
        cameraWidth.addListener(x -> cameraEdited());
        cameraHeight.addListener(x -> cameraEdited());
        for (Observable o : new Observable[] {unitsPerMetre, normalRadius, gravityRadius, coarseAngle, fineAngle,
            stageIterations, floorReference, session.selectedPairProperty()}) {
            o.addListener(x -> refresh());
        }
        session.datasetProperty().addListener((obs, o, ds) -> datasetChanged(ds));
        datasetChanged(session.dataset());
    }

    private void datasetChanged(PairedDataset ds) {
        List<CameraPreset> offered = new ArrayList<>(List.of(CameraPreset.values()));
        if (ds == null || ds.camera().isEmpty()) {
            offered.remove(CameraPreset.DATASET);
        }
        if (!presets.equals(offered)) {
            presets.setAll(offered);
        }
        if (ds != null) {
            unitsPerMetre.set(ds.depthUnitsPerMetre());
        }
        CameraPreset start = offered.contains(CameraPreset.DATASET) ? CameraPreset.DATASET : CameraPreset.NYU_COLOUR;
        if (preset.get() == start) {
            fillCamera();
        } else {
            preset.set(start);
        }
        refresh();
    }

    private void fillCamera() {
        Optional<CameraIntrinsics> c = preset.get().intrinsics(session.dataset());
        if (c.isEmpty()) {
            return;
        }
        fillingCamera = true;
        try {
            fx.set(c.get().fx());
            fy.set(c.get().fy());
            cx.set(c.get().cx());
            cy.set(c.get().cy());
            cameraWidth.set(c.get().width());
            cameraHeight.set(c.get().height());
        } finally {
            fillingCamera = false;
        }
    }

    private void cameraEdited() {
        if (fillingCamera) {
            return;
        }
        if (preset.get() != CameraPreset.CUSTOM) {
            preset.set(CameraPreset.CUSTOM);
        }
        refresh();
    }

    /** The parameters as an encoder config, or empty (with {@link #problemProperty()} saying why). */
    public Optional<HhaConfig> config() {
        try {
            CameraIntrinsics camera = new CameraIntrinsics(fx.get(), fy.get(), cx.get(), cy.get(), cameraWidth.get(),
                    cameraHeight.get());
            HhaConfig reference = HhaConfig.reference(camera);
            int it = stageIterations.get();
            HhaConfig config = new HhaConfig(camera, normalRadius.get(), gravityRadius.get(),
                    new double[] {coarseAngle.get(), fineAngle.get()}, new int[] {it, it}, reference.floorVisibleCm(),
                    reference.assumedCameraHeightCm(), reference.minDepthCm(), reference.disparityNumerator(),
                    reference.angleOffsetDegrees(), floorReference.get());
            problem.set("");
            return Optional.of(config);
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return Optional.empty();
        }
    }

    private void refresh() {
        PairedDataset ds = session.dataset();
        Pair pair = session.selectedPairProperty().get();
        if (fillingCamera || ds == null || ds.modality() != Modality.DEPTH || pair == null) {
            return;
        }
        if (!(unitsPerMetre.get() > 0) || Double.isInfinite(unitsPerMetre.get())) {
            problem.set("depth units per metre must be a positive number, got " + unitsPerMetre.get());
            return;
        }
        config().ifPresent(c -> previews.request(new Request(ds, pair, c,
                ds.depthUnitsPerMetre() / unitsPerMetre.get())));
    }

    /**
     * The lab's settings as a run spec's {@code encoding.depth}: the camera as chosen (a preset by name, edited
     * intrinsics as explicit ones), the depth units when they differ from the dataset's. Empty (with
     * {@link #problemProperty()} saying why) when a value is invalid.
     */
    public Optional<Encoding.Depth> encoding() {
        PairedDataset ds = session.dataset();
        if (!(unitsPerMetre.get() > 0) || Double.isInfinite(unitsPerMetre.get())) {
            problem.set("depth units per metre must be a positive number, got " + unitsPerMetre.get());
            return Optional.empty();
        }
        Double units = ds != null && unitsPerMetre.get() == ds.depthUnitsPerMetre() ? null : unitsPerMetre.get();
        Encoding.Camera camera = switch (preset.get()) {
            case DATASET -> Encoding.Camera.DATASET;
            case NYU_COLOUR -> Encoding.Camera.NYU;
            case NYU_CROP -> Encoding.Camera.NYU_CROP;
            case CUSTOM -> Encoding.Camera.EXPLICIT;
        };
        return config().map(c -> Encoding.Depth.of(c, camera, units));
    }

    /** Encodes every pair of the dataset with these parameters into the encoding cache (long work). */
    public void applyToDataset() {
        PairedDataset ds = session.dataset();
        if (ds == null || ds.modality() != Modality.DEPTH) {
            return;
        }
        Optional<Encoding.Depth> depth = encoding();
        if (depth.isEmpty()) {
            return;
        }
        applied.set("");
        context.work().start("Encoding HHA for " + ds.name(), (progress, cancel) -> DatasetEncoding.apply(
                context.cache(), ds, Encoding.defaults().withDepth(depth.get()), progress, cancel),
                outcome -> applied.set(ApplyOutcome.describe(outcome, context.problems())));
    }

    /** Opens a new run's form on this dataset with these settings in its encoding fields. */
    public void useInNewRun() {
        context.newRuns().request(session.dataset(), Modality.DEPTH, encoding().map(Encoding.defaults()::withDepth),
                "the encoding lab");
    }

    public ObservableList<CameraPreset> presets() {
        return presets;
    }

    public ObjectProperty<CameraPreset> presetProperty() {
        return preset;
    }

    public DoubleProperty fxProperty() {
        return fx;
    }

    public DoubleProperty fyProperty() {
        return fy;
    }

    public DoubleProperty cxProperty() {
        return cx;
    }

    public DoubleProperty cyProperty() {
        return cy;
    }

    /** The image width the intrinsics are given for; the encoder scales them to the depth image. */
    public IntegerProperty cameraWidthProperty() {
        return cameraWidth;
    }

    public IntegerProperty cameraHeightProperty() {
        return cameraHeight;
    }

    public DoubleProperty unitsPerMetreProperty() {
        return unitsPerMetre;
    }

    public IntegerProperty normalRadiusProperty() {
        return normalRadius;
    }

    public IntegerProperty gravityRadiusProperty() {
        return gravityRadius;
    }

    /** Floor/wall threshold of the first (coarse) gravity stage, in degrees. */
    public DoubleProperty coarseAngleProperty() {
        return coarseAngle;
    }

    /** Floor/wall threshold of the second (fine) gravity stage, in degrees. */
    public DoubleProperty fineAngleProperty() {
        return fineAngle;
    }

    public IntegerProperty stageIterationsProperty() {
        return stageIterations;
    }

    public ObjectProperty<FloorReference> floorReferenceProperty() {
        return floorReference;
    }

    public ReadOnlyObjectProperty<HhaPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the last "apply to dataset" did. */
    public ReadOnlyStringProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return previews.busyProperty();
    }

    /** How many previews were computed, for tests of the coalescing. */
    public int previewsComputed() {
        return previews.computationsStarted();
    }
}
