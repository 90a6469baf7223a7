package org.xmodal.engine.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * A validated collection of pairs of one modality, with the camera, depth units, class names, splits and the
 * report of what was wrong when it was loaded. Only the pairs that passed validation are in {@link #pairs()}.
 * Pixels are read on demand through {@link #pixels()}.
 */
public final class PairedDataset implements Closeable {
    private final String name;
    private final Path root;
    private final Modality modality;
    private final CameraIntrinsics camera;
    private final double depthUnitsPerMetre;
    private final List<String> classes;
    private final List<String> sceneClasses;
    private final List<Pair> pairs;
    private final Map<String, Pair> byId;
    private final DatasetReport report;
    private final PixelSource pixels;
    private final List<String> taskIrrelevantScenes;

    public PairedDataset(String name, Path root, Modality modality, CameraIntrinsics camera, double depthUnitsPerMetre,
                         List<String> classes, List<String> sceneClasses, List<Pair> pairs, DatasetReport report,
                         PixelSource pixels) {
        this(name, root, modality, camera, depthUnitsPerMetre, classes, sceneClasses, List.of(), pairs, report,
                pixels);
    }

    /**
     * @param taskIrrelevantScenes scene classes whose pairs are task-irrelevant (SOCKET: paired RGB and target images
     *                             of other classes than the task's); a subset of {@code sceneClasses}
     */
    public PairedDataset(String name, Path root, Modality modality, CameraIntrinsics camera, double depthUnitsPerMetre,
                         List<String> classes, List<String> sceneClasses, List<String> taskIrrelevantScenes,
                         List<Pair> pairs, DatasetReport report, PixelSource pixels) {
        this.taskIrrelevantScenes = List.copyOf(taskIrrelevantScenes);
        this.name = Objects.requireNonNull(name, "name");
        this.root = Objects.requireNonNull(root, "root");
        this.modality = Objects.requireNonNull(modality, "modality");
        this.camera = camera;
        this.depthUnitsPerMetre = depthUnitsPerMetre;
        this.classes = List.copyOf(classes);
        this.sceneClasses = List.copyOf(sceneClasses);
        this.pairs = List.copyOf(pairs);
        this.byId = this.pairs.stream().collect(Collectors.toUnmodifiableMap(Pair::id, Function.identity()));
        this.report = Objects.requireNonNull(report, "report");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
    }

    public String name() {
        return name;
    }

    /** The folder or file the dataset was loaded from. */
    public Path root() {
        return root;
    }

    public Modality modality() {
        return modality;
    }

    /** Intrinsics of the (depth-registered) colour camera; empty for flow datasets without calibration. */
    public Optional<CameraIntrinsics> camera() {
        return Optional.ofNullable(camera);
    }

    /** How many stored depth units make a metre in the dataset's files (1000 for millimetres). */
    public double depthUnitsPerMetre() {
        return depthUnitsPerMetre;
    }

    public List<String> classes() {
        return classes;
    }

    public List<String> sceneClasses() {
        return sceneClasses;
    }

    /** The scene classes marked task-irrelevant (none unless the dataset says so). */
    public List<String> taskIrrelevantScenes() {
        return taskIrrelevantScenes;
    }

    /** The scene classes of the task: every scene class but the task-irrelevant ones. */
    public List<String> taskRelevantScenes() {
        return sceneClasses.stream().filter(c -> !taskIrrelevantScenes.contains(c)).toList();
    }

    /** Whether a pair is of a task-irrelevant scene class. */
    public boolean isTaskIrrelevant(Pair p) {
        return p.annotation().sceneClass() != null && taskIrrelevantScenes.contains(p.annotation().sceneClass());
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public List<Pair> pairs(Split split) {
        return pairs.stream().filter(p -> p.split() == split).toList();
    }

    /** Pairs of a split whose annotations may be used for supervised training. */
    public List<Pair> labelled(Split split) {
        return pairs.stream().filter(p -> p.split() == split && p.labelled()).toList();
    }

    public Optional<Pair> pair(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public DatasetReport report() {
        return report;
    }

    public PixelSource pixels() {
        return pixels;
    }

    public RgbImage rgb(Pair p) throws BadInputException {
        return pixels.rgb(p);
    }

    public DepthMap depth(Pair p) throws BadInputException {
        return pixels.depth(p);
    }

    public Optional<DepthMap> rawDepth(Pair p) throws BadInputException {
        return pixels.rawDepth(p);
    }

    public RgbImage next(Pair p) throws BadInputException {
        return pixels.next(p);
    }

    public Optional<FlowField> groundTruthFlow(Pair p) throws BadInputException {
        return pixels.groundTruthFlow(p);
    }

    @Override
    public void close() throws IOException {
        pixels.close();
    }

    @Override
    public String toString() {
        return name + " (" + modality.id() + ", " + pairs.size() + " pairs, " + root + ")";
    }
}
