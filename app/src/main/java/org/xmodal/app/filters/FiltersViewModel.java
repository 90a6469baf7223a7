package org.xmodal.app.filters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.runs.RunLibrary;
import org.xmodal.app.runs.RunRecord;
import org.xmodal.app.runs.RunSummary;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.LatestWins;
import org.xmodal.app.task.Outcome;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.run.FilterAnimation;
import org.xmodal.engine.run.FilterStructure;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.viz.FilterPictures;

/**
 * The filters view: conv1 of a run at any of its checkpoints (a slider over them, following a running run's newest),
 * as one colour composite or one grey grid per input plane; and the paper's Figure 2, conv1 of an RGB teacher, of a
 * copy of it fine-tuned on the other modality, of a supervision-transfer student and of a random initialisation,
 * side by side. Filters are read off the UI thread, the latest request winning when the slider is dragged.
 */
public final class FiltersViewModel {
    /** Screen pixels per picture pixel of the exported evolution (the pictures have 4 a weight). */
    static final int EVOLUTION_SCALE = 2;
    static final int EVOLUTION_DELAY_MS = 400;
    /** How the planes of a filter are shown. */
    public enum Display { COMPOSITE, CHANNELS }

    /** The four pictures of Figure 2, each filled from the newest run of its kind (the first three). */
    public enum Slot {
        TEACHER("RGB teacher", "teacher"),
        FINETUNE("Copy from RGB, fine-tuned", "finetune"),
        TRANSFER("Supervision transfer", "transfer"),
        RANDOM("Random init", null);

        private final String title;
        private final String kind;

        Slot(String title, String kind) {
            this.title = title;
            this.kind = kind;
        }

        public String title() {
            return title;
        }

        /** The run kind this picture comes from, or null for the random init. */
        public String kind() {
            return kind;
        }
    }

    /** A picture with a line saying what it shows. */
    public record Picture(RgbImage image, String caption) {
    }

    private record GridRequest(String run, Path file, long step, String input, Display display) {
    }

    private record SlotRun(Slot slot, String id, Path path, String input) {
    }

    private record FigureRequest(List<SlotRun> runs, String architecture, long seed, WeightInit weightInit) {
    }

    static final String DEFAULT_ARCHITECTURE = "alexnet-small";
    private static final int GRID_CELL = 44;
    private static final int FIGURE_CELL = 66;

    private final WorkbenchContext context;
    private final RunLibrary library;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> run = new SimpleObjectProperty<>(this, "run");
    private final ObservableList<Long> steps = FXCollections.observableArrayList();
    private final IntegerProperty stepIndex = new SimpleIntegerProperty(this, "stepIndex");
    private final ObjectProperty<Display> display = new SimpleObjectProperty<>(this, "display", Display.COMPOSITE);
    private final ReadOnlyObjectWrapper<Picture> grid = new ReadOnlyObjectWrapper<>(this, "grid");
    private final Map<Slot, ObservableList<RunRecord>> candidates = new EnumMap<>(Slot.class);
    private final Map<Slot, ObjectProperty<RunRecord>> chosen = new EnumMap<>(Slot.class);
    private final BooleanProperty figureWanted = new SimpleBooleanProperty(this, "figureWanted");
    private final ReadOnlyObjectWrapper<Picture> figure = new ReadOnlyObjectWrapper<>(this, "figure");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final LatestWins<GridRequest, Picture> grids;
    private final LatestWins<FigureRequest, Picture> figures;
    /** Random inits by architecture and seed: the engine is asked once for each. */
    private final Map<String, FilterPictures.Filters> randomInits = new ConcurrentHashMap<>();
    private FigureRequest lastFigure;

    public FiltersViewModel(WorkbenchContext context) {
        this.context = context;
        this.library = context.runs();
        this.grids = new LatestWins<>(context.executor(), "Reading conv1", (r, cancel) -> grid(r), grid::set,
                e -> context.problems().report(Problems.describe("Could not draw the filters", e)));
        this.figures = new LatestWins<>(context.executor(), "Drawing Figure 2", (r, cancel) -> figure(r), figure::set,
                e -> context.problems().report(Problems.describe("Could not draw Figure 2", e)));
        for (Slot s : Slot.values()) {
            candidates.put(s, FXCollections.observableArrayList());
            ObjectProperty<RunRecord> p = new SimpleObjectProperty<>(this, s.name());
            p.addListener((obs, o, n) -> requestFigure());
            chosen.put(s, p);
        }
        run.addListener((obs, o, n) -> {
            steps.setAll(n == null ? List.of() : n.summary().checkpoints());
            stepIndex.set(Math.max(0, steps.size() - 1));
            requestGrid();
        });
        stepIndex.addListener((obs, o, n) -> requestGrid());
        display.addListener((obs, o, n) -> requestGrid());
        figureWanted.addListener((obs, o, n) -> requestFigure());
        library.afterEachLook(this::afterLook);
        afterLook();
    }

    private void afterLook() {
        List<RunRecord> drawable = library.runs().stream().filter(r -> !r.summary().checkpoints().isEmpty())
                .toList();
        if (!drawable.equals(runs)) {
            runs.setAll(drawable);
        }
        RunRecord r = run.get();
        if (r != null && !runs.contains(r)) {
            run.set(null);
        } else if (r != null && !r.summary().checkpoints().equals(steps)) {
            boolean following = stepIndex.get() >= steps.size() - 1;
            steps.setAll(r.summary().checkpoints());
            if (following) {
                stepIndex.set(steps.size() - 1);
            }
        }
        if (run.get() == null && !runs.isEmpty()) {
            run.set(runs.get(0));
        }
        for (Slot s : Slot.values()) {
            if (s.kind() == null) {
                continue;
            }
            List<RunRecord> ofKind = drawable.stream().filter(x -> s.kind().equals(x.summary().spec().kind()))
                    .filter(x -> s != Slot.FINETUNE || fineTunedCopy(x))
                    .toList();
            if (!ofKind.equals(candidates.get(s))) {
                candidates.get(s).setAll(ofKind);
            }
            ObjectProperty<RunRecord> c = chosen.get(s);
            if (c.get() != null && !ofKind.contains(c.get())) {
                c.set(null);
            }
            if (c.get() == null && !ofKind.isEmpty()) {
                c.set(ofKind.stream().filter(x -> x.summary().status().state() == RunStatus.State.FINISHED)
                        .findFirst().orElse(ofKind.get(0)));
            }
        }
        requestFigure();
    }

    /** A fine-tuning run that started from an RGB teacher run of the runs folder (not from a transfer student). */
    private boolean fineTunedCopy(RunRecord r) {
        return library.runs().stream().filter(t -> "teacher".equals(t.summary().spec().kind()))
                .anyMatch(t -> r.summary().spec().fineTunesCopyOf(t.path()));
    }

    private void requestGrid() {
        RunRecord r = run.get();
        if (r == null || steps.isEmpty()) {
            grid.set(null);
            return;
        }
        int i = Math.max(0, Math.min(steps.size() - 1, stepIndex.get()));
        long step = steps.get(i);
        grids.request(new GridRequest(r.id(), checkpoint(r.path(), step), step, r.summary().spec().input(), display.get()));
    }

    private static Picture grid(GridRequest r) throws IOException {
        FilterPictures.Filters f = FirstLayer.read(r.file());
        int zoom = Math.max(2, Math.round(GRID_CELL / (float) f.k()));
        RgbImage img = r.display() == Display.COMPOSITE || f.channels() == 1 ? FilterPictures.composite(f, zoom)
                : FilterPictures.planes(f, FirstLayer.planes(r.input()), zoom);
        return new Picture(img, String.format(Locale.ROOT, "%s \u00b7 step %d \u00b7 %d filters %dx%d on %s input%s"
                + " \u00b7 %s", r.run(), r.step(), f.count(), f.k(), f.k(), inputName(r.input()),
                r.display() == Display.COMPOSITE ? " (composite of the three planes)" : "", structure(f)));
    }

    private void requestFigure() {
        if (!figureWanted.get()) {
            return;
        }
        List<SlotRun> slotRuns = new ArrayList<>();
        for (Slot s : Slot.values()) {
            RunRecord r = chosen.get(s).get();
            if (s.kind() != null && r != null) {
                // the latest weights change as a run goes on: its newest checkpoint is part of the request
                slotRuns.add(new SlotRun(s, r.id() + "@" + r.summary().checkpoints(), r.path(),
                        r.summary().spec().input()));
            }
        }
        RunRecord transfer = chosen.get(Slot.TRANSFER).get();
        RunSummary t = transfer == null ? null : transfer.summary();
        String architecture = t != null && t.spec().studentArchitecture() != null ? t.spec().studentArchitecture()
                : DEFAULT_ARCHITECTURE;
        FigureRequest request = new FigureRequest(slotRuns, architecture, t == null ? 1 : t.spec().seed(),
                WeightInit.parse(t == null ? null : t.spec().studentWeightInit()));
        if (!request.equals(lastFigure)) {
            lastFigure = request;
            figures.request(request);
        }
    }

    private Picture figure(FigureRequest r) throws IOException {
        List<FilterPictures.Panel> panels = new ArrayList<>();
        for (Slot s : Slot.values()) {
            if (s == Slot.RANDOM) {
                String key = r.architecture() + "#" + r.seed() + "#" + r.weightInit();
                FilterPictures.Filters f = randomInits.get(key);
                if (f == null) {
                    f = FirstLayer.random(context.runsSetup().inspection(), r.architecture(), r.seed(),
                            r.weightInit());
                    randomInits.put(key, f);
                }
                panels.add(new FilterPictures.Panel(s.title(), r.architecture() + ", seed " + r.seed()
                        + (r.weightInit() == WeightInit.KAIMING ? "" : ", " + r.weightInit().id() + " init")
                        + " \u00b7 " + structure(f), composite(f)));
                continue;
            }
            Optional<SlotRun> sr = r.runs().stream().filter(x -> x.slot() == s).findFirst();
            Optional<Path> weights = sr.isEmpty() ? Optional.empty() : FirstLayer.latestWeights(sr.get().path());
            if (weights.isEmpty()) {
                panels.add(new FilterPictures.Panel(s.title(), s == Slot.FINETUNE
                        ? "no fine-tuning run from an RGB teacher in the runs folder"
                        : "no " + s.kind() + " run in the runs folder",
                        placeholder(FIGURE_CELL * 5)));
                continue;
            }
            String id = sr.get().path().getFileName().toString();
            FilterPictures.Filters f = FirstLayer.read(weights.get());
            panels.add(new FilterPictures.Panel(s.title(), id + " \u00b7 " + describe(weights.get()) + " \u00b7 "
                    + structure(f), composite(f)));
        }
        return new Picture(FilterPictures.figure(panels), "conv1 filters, each contrast-normalised, the three input "
                + "planes as colour (R G B, or for HHA disparity height angle, for flow u v |flow|)");
    }

    /**
     * The filters' structure score (the metric runs log as filterStructure), beside what noise scores: how far from
     * random the filters have come.
     */
    static String structure(FilterPictures.Filters f) {
        return String.format(Locale.ROOT, "structure %.2f (noise %.2f)", FilterStructure.score(f.weights(), f.count(),
                f.channels(), f.k()), FilterStructure.noiseLevel(f.k()));
    }

    /** A light square where a missing run's filters would be. */
    private static RgbImage placeholder(int side) {
        RgbImage img = RgbImage.blank(side, side);
        java.util.Arrays.fill(img.rgb(), (byte) 226);
        return img;
    }

    private static RgbImage composite(FilterPictures.Filters f) {
        return FilterPictures.composite(f, Math.max(2, Math.round(FIGURE_CELL / (float) f.k())));
    }

    private static String describe(Path weights) {
        String name = weights.getFileName().toString();
        return name.startsWith("step-") ? "step " + Long.parseLong(name.replaceAll("\\D", "")) : "final weights";
    }

    private static String inputName(String input) {
        return switch (input) {
            case "depth" -> "HHA";
            case "flow" -> "flow";
            default -> "RGB";
        };
    }

    /** Writes the grid shown to a PNG file. */
    public void exportGrid(Path file) {
        export(grid.get(), file);
    }

    /** Writes Figure 2 to a PNG file. */
    public void exportFigure(Path file) {
        export(figure.get(), file);
    }

    /**
     * Writes the chosen run's conv1 evolution (every checkpoint and filter snapshot, step 0 included) as a looping GIF
     * for slides, as {@code ./xmodal filters RUN_DIR --gif F} does.
     */
    public void exportEvolution(Path file) {
        RunRecord r = run.get();
        if (r == null) {
            return;
        }
        Path folder = r.path();
        context.executor().submit("Saving " + file.getFileName(), (progress, cancel) -> writeEvolution(folder, file),
                outcome -> {
                    if (outcome instanceof Outcome.Done<Integer> done) {
                        notice.set("Saved " + file + " (" + done.value() + " frames)");
                    } else if (outcome instanceof Outcome.Failed<Integer> failed) {
                        context.problems().report(Problems.describe("Could not save " + file, failed.error()));
                    }
                });
    }

    /** Writes the conv1 evolution of the run in {@code runFolder} as a looping GIF; returns its number of frames. */
    public static int writeEvolution(Path runFolder, Path file) throws java.io.IOException {
        List<FilterAnimation.Frame> frames = FilterAnimation.frames(RunDirectory.open(runFolder));
        FilterAnimation.write(frames, file, EVOLUTION_SCALE, EVOLUTION_DELAY_MS);
        return frames.size();
    }

    private void export(Picture p, Path file) {
        if (p == null) {
            return;
        }
        context.executor().submit("Saving " + file.getFileName(), (progress, cancel) -> {
            ImageFiles.writeRgb(p.image(), file);
            return file;
        }, outcome -> {
            if (outcome instanceof Outcome.Done<Path> done) {
                notice.set("Saved " + done.value());
            } else if (outcome instanceof Outcome.Failed<Path> failed) {
                context.problems().report(Problems.describe("Could not save " + file, failed.error()));
            }
        });
    }

    /** Runs with at least one checkpoint, newest first. */
    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObjectProperty<RunRecord> runProperty() {
        return run;
    }

    /** The chosen run's checkpoint steps, ascending. */
    public ObservableList<Long> steps() {
        return steps;
    }

    /** Which checkpoint is shown: an index into {@link #steps()}. */
    public IntegerProperty stepIndexProperty() {
        return stepIndex;
    }

    public Optional<Long> step() {
        int i = stepIndex.get();
        return i >= 0 && i < steps.size() ? Optional.of(steps.get(i)) : Optional.empty();
    }

    public ObjectProperty<Display> displayProperty() {
        return display;
    }

    public ReadOnlyObjectProperty<Picture> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ObservableList<RunRecord> candidates(Slot slot) {
        return candidates.get(slot);
    }

    public ObjectProperty<RunRecord> chosen(Slot slot) {
        return chosen.get(slot);
    }

    /** Figure 2 is drawn once it is wanted (its random init loads the engine), and kept current after. */
    public BooleanProperty figureWantedProperty() {
        return figureWanted;
    }

    public ReadOnlyObjectProperty<Picture> figureProperty() {
        return figure.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public boolean busy() {
        return grids.busyProperty().get() || figures.busyProperty().get();
    }

    private static Path checkpoint(Path run, long step) {
        return run.resolve("checkpoints").resolve(String.format(Locale.ROOT, "step-%08d.params", step));
    }
}
