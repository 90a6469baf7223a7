package org.xmodal.app.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * preset fills the intrinsics; editing one of them makes the camera "custom". The encoder scales intrinsics to the
 * depth image, so a preset's are shown as it uses them, scaled to the image (known from the first preview), and
 * {@link #cameraNoteProperty()} says from what size; custom intrinsics given for another size are left as typed and
 * the note says what they become. Invalid values are reported in {@link #problemProperty()} and computed nothing.
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
    private final ReadOnlyStringWrapper cameraNote = new ReadOnlyStringWrapper(this, "cameraNote", "");
    private boolean fillingCamera;
    /** The depth image's width and height as the last preview found them; null before the first. */
    private int[] imageSize;

    public HhaLabViewModel(WorkbenchContext context) {
        this.context = context;
        this.session = context.session();
        this.previews = new LatestWins<>(context.executor(), "HHA preview",
                (r, cancel) -> HhaPreviewMaker.make(r.dataset(), r.pair(), r.config(), r.depthRatio(), cancel),
                this::previewArrived, e -> context.problems().report(Problems.describe("Could not compute HHA", e)));
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
        imageSize = null; // until this dataset's first preview says it
        CameraPreset start = offered.contains(CameraPreset.DATASET) ? CameraPreset.DATASET : CameraPreset.NYU_COLOUR;
        if (preset.get() == start) {
            fillCamera();
        } else {
            preset.set(start);
        }
        refresh();
    }

    /** Fills the intrinsics from the preset, scaled to the depth image when its size is known (as HHA uses them). */
    private void fillCamera() {
        Optional<CameraIntrinsics> c = preset.get().intrinsics(session.dataset()).map(this::asUsed);
        if (c.isEmpty()) {
            updateNote();
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
        updateNote();
    }

    /** The intrinsics as the encoder uses them on the depth image: scaled to its size (once that is known). */
    private CameraIntrinsics asUsed(CameraIntrinsics c) {
        return imageSize == null || (c.width() == imageSize[0] && c.height() == imageSize[1]) ? c
                : c.scaledTo(imageSize[0], imageSize[1]);
    }

    private void previewArrived(HhaPreview p) {
        CameraIntrinsics used = p.result().camera();
        boolean newSize = imageSize == null || imageSize[0] != used.width() || imageSize[1] != used.height();
        imageSize = new int[] {used.width(), used.height()};
        if (newSize && preset.get() != CameraPreset.CUSTOM) {
            // what the fields show becomes what was used: the same numbers the encoder scaled to, so no new preview
            fillCamera();
        }
        updateNote();
        preview.set(p);
    }

    /** Says where the intrinsics shown come from, or what the encoder makes of them, when they are scaled. */
    private void updateNote() {
        Optional<CameraIntrinsics> given = preset.get().intrinsics(session.dataset());
        if (imageSize == null) {
            cameraNote.set("");
        } else if (preset.get() != CameraPreset.CUSTOM) {
            cameraNote.set(given.filter(c -> c.width() != imageSize[0] || c.height() != imageSize[1])
                    .map(c -> String.format(Locale.ROOT, "Scaled from the preset's %dx%d to the depth image's %dx%d,"
                            + " as HHA uses them", c.width(), c.height(), imageSize[0], imageSize[1])).orElse(""));
        } else if (cameraWidth.get() != imageSize[0] || cameraHeight.get() != imageSize[1]) {
            String used;
            try {
                CameraIntrinsics c = new CameraIntrinsics(fx.get(), fy.get(), cx.get(), cy.get(), cameraWidth.get(),
                        cameraHeight.get()).scaledTo(imageSize[0], imageSize[1]);
                used = String.format(Locale.ROOT, ": fx %.1f, fy %.1f, cx %.1f, cy %.1f", c.fx(), c.fy(), c.cx(),
                        c.cy());
            } catch (IllegalArgumentException e) {
                used = "";
            }
            cameraNote.set(String.format(Locale.ROOT, "HHA scales these from %dx%d to the depth image's %dx%d%s",
                    cameraWidth.get(), cameraHeight.get(), imageSize[0], imageSize[1], used));
        } else {
            cameraNote.set("");
        }
    }

    private void cameraEdited() {
        if (fillingCamera) {
            return;
        }
        if (preset.get() != CameraPreset.CUSTOM) {
            preset.set(CameraPreset.CUSTOM);
        }
        updateNote();
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

    /**
     * The image width the intrinsics are given for; the encoder scales them to the depth image. A preset's are
     * shown for the depth image's size, so this is the width HHA uses.
     */
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

    /**
     * Where the intrinsics shown come from when they are scaled ("Scaled from the preset's 640x480 to the depth
     * image's 160x120 ..."), or what HHA makes of custom ones given for another size; empty when what is shown is
     * what is used as it stands.
     */
    public ReadOnlyStringProperty cameraNoteProperty() {
        return cameraNote.getReadOnlyProperty();
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
