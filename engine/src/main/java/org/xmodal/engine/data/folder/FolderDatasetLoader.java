package org.xmodal.engine.data.folder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetDepthUnits;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetReport;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.UserJson;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;

/**
 * Loads a dataset in the project's folder format ({@code dataset.json} + {@code rgb/}, {@code depth/}, ...), or a
 * plain folder of {@code rgb/} and {@code depth/} images matched by file name when there is no manifest.
 * Every pair is validated ({@link PairValidator}); the problems are collected into one report and the pairs
 * with errors are left out, so one bad file never makes the rest unusable.
 */
public final class FolderDatasetLoader {
    /** Units of depth PNGs in a folder without a manifest: millimetres, the common Kinect/RealSense export. */
    public static final double DEFAULT_UNITS_PER_METRE = 1000;

    private FolderDatasetLoader() {
    }

    public static boolean looksLikeFolderDataset(Path dir) {
        return Files.isRegularFile(dir.resolve(DatasetManifest.FILE_NAME))
                || (Files.isDirectory(dir.resolve("rgb")) && Files.isDirectory(dir.resolve("depth")));
    }

    public static PairedDataset load(Path dir) throws BadInputException {
        return load(dir, ProgressListener.NONE, Cancellation.NEVER);
    }

    public static PairedDataset load(Path dir, ProgressListener progress, Cancellation cancel)
            throws BadInputException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir, Files.exists(dir) ? "is not a folder" : "does not exist");
        }
        Path manifestFile = dir.resolve(DatasetManifest.FILE_NAME);
        List<DatasetIssue> issues = Collections.synchronizedList(new ArrayList<>());
        DatasetManifest manifest = Files.isRegularFile(manifestFile) ? readManifest(manifestFile)
                : ManifestInference.infer(dir, issues);
        checkManifest(manifest, manifestFile);
        Modality modality = Modality.parse(manifest.modality());
        double units = manifest.depthUnitsPerMetre() == null ? DEFAULT_UNITS_PER_METRE : manifest.depthUnitsPerMetre();
        CameraIntrinsics camera = toCamera(manifest.camera(), manifestFile);
        List<String> classes = manifest.classes() == null ? DetectionClasses.NYUD2_19 : manifest.classes();

        List<DatasetManifest.Entry> entries = manifest.pairs();
        List<String> sceneClasses = manifest.sceneClasses() == null ? List.of() : manifest.sceneClasses();
        List<String> irrelevant = manifest.taskIrrelevantScenes() == null ? List.of() : manifest.taskIrrelevantScenes();
        for (String s : irrelevant) {
            if (!sceneClasses.contains(s)) {
                throw new BadInputException(manifestFile, "taskIrrelevantScenes names '" + s + "', which is not one of "
                        + "its sceneClasses (" + String.join(", ", sceneClasses) + ")");
            }
        }
        PairValidator validator = new PairValidator(dir, modality, units, camera, classes, sceneClasses, issues);
        Pair[] valid = new Pair[entries.size()];
        AtomicInteger done = new AtomicInteger();
        Parallel.forEach(entries.size(), i -> {
            cancel.check();
            valid[i] = validator.validate(entries.get(i), i).orElse(null);
            int n = done.incrementAndGet();
            if (n % 16 == 0 || n == entries.size()) {
                progress.progress("Checking pairs of " + dir.getFileName(), n / (double) entries.size());
            }
        });
        Set<String> wrongUnit = new HashSet<>();
        for (DatasetDepthUnits.Disagreement d : validator.unitDisagreements()) {
            issues.add(new DatasetIssue(DatasetIssue.Severity.ERROR, d.location(), d.pairId(), d.problem()));
            wrongUnit.add(d.pairId());
        }
        List<Pair> pairs = new ArrayList<>();
        for (Pair p : valid) {
            if (p != null && !wrongUnit.contains(p.id())) {
                pairs.add(p);
            }
        }
        List<DatasetIssue> sorted = new ArrayList<>(issues);
        sorted.sort(Comparator.comparing(DatasetIssue::location).thenComparing(DatasetIssue::problem));
        DatasetReport report = new DatasetReport(entries.size(), pairs.size(), sorted);
        String name = manifest.name() == null || manifest.name().isBlank() ? dir.getFileName().toString()
                : manifest.name();
        return new PairedDataset(name, dir, modality, camera, units, classes, sceneClasses, irrelevant, pairs, report,
                new FolderPixelSource(units));
    }

    static PairAnnotation readAnnotation(Path file) throws BadInputException {
        try {
            return UserJson.read(file, AnnotationJson.class, "annotation file").toAnnotation();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file.toString(), e.getMessage(), e);
        }
    }

    private static DatasetManifest readManifest(Path file) throws BadInputException {
        return UserJson.read(file, DatasetManifest.class, "dataset manifest");
    }

    private static void checkManifest(DatasetManifest m, Path file) throws BadInputException {
        if (m.format() != null && !DatasetManifest.FORMAT.equals(m.format())) {
            throw new BadInputException(file, "has format '" + m.format() + "', expected '" + DatasetManifest.FORMAT + "'");
        }
        if (m.version() > DatasetManifest.VERSION) {
            throw new BadInputException(file, "is format version " + m.version() + ", newer than this workbench reads ("
                    + DatasetManifest.VERSION + "); update the workbench");
        }
        if (m.modality() == null) {
            throw new BadInputException(file, "has no \"modality\" (depth or flow)");
        }
        try {
            Modality.parse(m.modality());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, e.getMessage());
        }
        if (m.pairs() == null) {
            throw new BadInputException(file, "has no \"pairs\" list");
        }
        if (m.depthUnitsPerMetre() != null && !(m.depthUnitsPerMetre() > 0)) {
            throw new BadInputException(file, "has depthUnitsPerMetre " + m.depthUnitsPerMetre() + "; it must be positive");
        }
        for (DatasetManifest.Entry e : m.pairs()) {
            if (e.id() == null || e.id().isBlank()) {
                throw new BadInputException(file, "has a pair without an \"id\"");
            }
            if (e.split() != null) {
                try {
                    Split.parse(e.split());
                } catch (IllegalArgumentException ex) {
                    throw new BadInputException(file, "pair " + e.id() + ": " + ex.getMessage());
                }
            }
            if (e.corruption() != null) {
                try {
                    e.corruption().toCorruption();
                } catch (IllegalArgumentException ex) {
                    throw new BadInputException(file, "pair " + e.id() + ": " + ex.getMessage());
                }
            }
        }
        for (DatasetManifest.Entry e : m.pairs()) {
            checkInside(file, e.id(), "rgb", e.rgb());
            checkInside(file, e.id(), "depth", e.depth());
            checkInside(file, e.id(), "depthRaw", e.depthRaw());
            checkInside(file, e.id(), "next", e.next());
            checkInside(file, e.id(), "flow", e.flow());
            checkInside(file, e.id(), "annotations", e.annotations());
            checkInside(file, e.id(), "instances", e.instances());
        }
        long distinct = m.pairs().stream().map(DatasetManifest.Entry::id).distinct().count();
        if (distinct != m.pairs().size()) {
            throw new BadInputException(file, "lists " + (m.pairs().size() - distinct) + " duplicate pair id(s)");
        }
    }

    /**
     * A manifest names files relative to its folder; an absolute path or one climbing out with {@code ..} is refused
     * before anything is opened, so a downloaded manifest cannot make the workbench read (and encode, and train on)
     * files elsewhere on the machine.
     */
    private static void checkInside(Path manifestFile, String id, String field, String relative)
            throws BadInputException {
        if (relative == null || relative.isBlank()) {
            return;
        }
        Path dir = manifestFile.toAbsolutePath().normalize().getParent();
        boolean absolute = relative.startsWith("/") || relative.startsWith("\\") || relative.matches("^[A-Za-z]:.*");
        Path resolved;
        try {
            resolved = dir.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(manifestFile, "pair " + id + ": " + field + " '" + relative
                    + "' is not a valid path");
        }
        if (absolute || Path.of(relative).isAbsolute() || !resolved.startsWith(dir)) {
            throw new BadInputException(manifestFile, "pair " + id + ": " + field + " '" + relative
                    + "' is outside the dataset folder; paths must be relative to it, without '..' out of it");
        }
    }

    private static CameraIntrinsics toCamera(DatasetManifest.Camera c, Path file) throws BadInputException {
        if (c == null) {
            return null;
        }
        try {
            return new CameraIntrinsics(c.fx(), c.fy(), c.cx(), c.cy(), c.width(), c.height());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, "camera: " + e.getMessage());
        }
    }
}
