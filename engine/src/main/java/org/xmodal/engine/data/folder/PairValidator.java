package org.xmodal.engine.data.folder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetDepthUnits;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;
import org.xmodal.engine.data.DepthChecks;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairFiles;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/**
 * Checks one manifest entry by reading its files: every file present and decodable, partners of the same size,
 * depth 16-bit and in a plausible unit, annotations well formed. Problems go to the shared issue list; a pair
 * with an error is dropped, a pair with only warnings is kept.
 */
final class PairValidator {
    private final Path dir;
    private final Modality modality;
    private final double unitsPerMetre;
    private final CameraIntrinsics camera;
    private final List<String> classes;
    private final List<String> sceneClasses;
    private final List<DatasetIssue> issues;
    /** Medians of the depth files read, for judging the dataset's unit once all are read. */
    private final List<DatasetDepthUnits.FileMedian> depthMedians = Collections.synchronizedList(new ArrayList<>());

    PairValidator(Path dir, Modality modality, double unitsPerMetre, CameraIntrinsics camera, List<String> classes,
                  List<String> sceneClasses, List<DatasetIssue> issues) {
        this.sceneClasses = sceneClasses;
        this.dir = dir;
        this.modality = modality;
        this.unitsPerMetre = unitsPerMetre;
        this.camera = camera;
        this.classes = classes;
        this.issues = issues;
    }

    Optional<Pair> validate(DatasetManifest.Entry e, int index) {
        String id = e.id();
        Path rgbPath = resolve(e.rgb());
        Path partnerPath = resolve(modality == Modality.DEPTH ? e.depth() : e.next());
        boolean ok = true;
        if (rgbPath == null) {
            ok = error(partnerPath == null ? id : rel(partnerPath), id, "has no RGB partner (expected rgb/" + id + ".png)");
        }
        if (partnerPath == null) {
            ok = error(rgbPath == null ? id : rel(rgbPath), id, modality == Modality.DEPTH
                    ? "has no depth partner (expected depth/" + id + ".png)"
                    : "has no next frame");
        }
        if (!ok) {
            return Optional.empty();
        }
        RgbImage rgb;
        try {
            rgb = ImageFiles.readRgb(rgbPath);
        } catch (BadInputException ex) {
            return fail(ex, id);
        }
        Path rawPath = resolve(e.depthRaw());
        Path flowPath = resolve(e.flow());
        try {
            if (modality == Modality.DEPTH) {
                checkDepth(partnerPath, rgb, id, true);
                if (rawPath != null) {
                    checkDepth(rawPath, rgb, id, false);
                }
            } else {
                RgbImage next = ImageFiles.readRgb(partnerPath);
                requireSameSize(partnerPath, next.width(), next.height(), rgb, rgbPath);
                if (flowPath != null) {
                    FlowField gt = FloFile.read(flowPath);
                    requireSameSize(flowPath, gt.width(), gt.height(), rgb, rgbPath);
                    Optional<String> nan = FloFile.nanProblem(gt);
                    if (nan.isPresent()) {
                        warn(rel(flowPath), id, nan.get() + "; this ground truth is ignored");
                        flowPath = null;
                    }
                }
            }
        } catch (BadInputException ex) {
            return fail(ex, id);
        }
        if (camera != null && (camera.width() != rgb.width() || camera.height() != rgb.height())) {
            warn(rel(rgbPath), id, "is " + rgb.width() + "x" + rgb.height() + " but the camera intrinsics are for "
                    + camera.width() + "x" + camera.height() + "; they will be scaled to the image");
        }
        Path annPath = resolve(e.annotations());
        PairAnnotation annotation = PairAnnotation.NONE;
        if (annPath != null) {
            try {
                annotation = FolderDatasetLoader.readAnnotation(annPath);
                annotation = checkObjects(annotation, annPath, rgb, id);
            } catch (BadInputException ex) {
                warn(ex.location(), id, ex.problem() + "; the pair is kept without annotations");
                annotation = PairAnnotation.NONE;
            }
        }
        Path instPath = resolve(e.instances());
        if (instPath != null) {
            try {
                ImageFiles.readUShort(instPath, rgb.width(), rgb.height());
            } catch (BadInputException ex) {
                warn(ex.location(), id, ex.problem() + "; the pair is kept without instance masks");
                instPath = null;
            }
        }
        Split split = e.split() == null ? Split.TRAIN : Split.parse(e.split());
        boolean labelled = e.labelled() == null ? !annotation.objects().isEmpty() : e.labelled();
        PairFiles files = new PairFiles(rgbPath, partnerPath, rawPath, annPath, instPath, flowPath);
        Corruption corruption = e.corruption() == null ? null : e.corruption().toCorruption(); // checked on reading
        return Optional.of(new Pair(id, index, split, labelled, annotation, rel(rgbPath), files,
                Optional.ofNullable(corruption)));
    }

    private void checkDepth(Path file, RgbImage rgb, String id, boolean filled) throws BadInputException {
        DepthMap d = ImageFiles.readDepth16(file, unitsPerMetre);
        requireSameSize(file, d.width(), d.height(), rgb, null);
        Optional<String> problem = DepthChecks.contentProblem(d);
        if (problem.isPresent()) {
            throw new BadInputException(rel(file), problem.get());
        }
        depthMedians.add(new DatasetDepthUnits.FileMedian(id, rel(file), d.medianMetres()));
        if (filled && d.validFraction() < 0.5) {
            warn(rel(file), id, String.format(java.util.Locale.ROOT,
                    "has depth on only %.0f%% of its pixels; filled depth is expected to be nearly complete",
                    100 * d.validFraction()));
        }
    }

    /**
     * The depth files (of pairs that passed every other check) whose unit disagrees with the dataset's, judged
     * over all of them; call after every pair is validated.
     */
    List<DatasetDepthUnits.Disagreement> unitDisagreements() {
        List<DatasetDepthUnits.FileMedian> sorted = new ArrayList<>(depthMedians);
        sorted.sort(Comparator.comparing(DatasetDepthUnits.FileMedian::location));
        return DatasetDepthUnits.judge(sorted, unitsPerMetre);
    }

    private void requireSameSize(Path file, int w, int h, RgbImage rgb, Path rgbPath) throws BadInputException {
        if (w != rgb.width() || h != rgb.height()) {
            throw new BadInputException(rel(file), "is " + w + "x" + h + " but its RGB partner is " + rgb.width() + "x"
                    + rgb.height() + "; the pair is not aligned");
        }
    }

    /**
     * Reports unknown object and scene classes and boxes reaching outside the image. A box partly outside is
     * clipped to the image, one wholly outside is left out with its object: training and AP would otherwise use
     * boxes no detector can hit.
     */
    private PairAnnotation checkObjects(PairAnnotation a, Path annPath, RgbImage rgb, String id) {
        if (a.sceneClass() != null && !sceneClasses.isEmpty() && !sceneClasses.contains(a.sceneClass())) {
            warn(rel(annPath), id, "scene class '" + a.sceneClass() + "' is not among the dataset's scene classes "
                    + sceneClasses);
        }
        List<ObjectAnnotation> kept = new ArrayList<>();
        int w = rgb.width();
        int h = rgb.height();
        for (ObjectAnnotation o : a.objects()) {
            if (!classes.contains(o.className())) {
                warn(rel(annPath), id, "object class '" + o.className() + "' is not among the dataset's classes");
            }
            Box b = o.box();
            if (b.x1() >= 0 && b.y1() >= 0 && b.x2() <= w - 1 && b.y2() <= h - 1) {
                kept.add(o);
            } else if (b.x2() < 0 || b.y2() < 0 || b.x1() > w - 1 || b.y1() > h - 1) {
                warn(rel(annPath), id, "box of '" + o.className() + "' " + b + " lies wholly outside the " + w + "x"
                        + h + " image; the object is left out");
            } else {
                Box clipped = new Box(Math.max(0, b.x1()), Math.max(0, b.y1()), Math.min(w - 1, b.x2()),
                        Math.min(h - 1, b.y2()));
                warn(rel(annPath), id, "box of '" + o.className() + "' reaches outside the " + w + "x" + h
                        + " image; it is clipped to it");
                kept.add(new ObjectAnnotation(o.className(), clipped, o.instance()));
            }
        }
        return kept.size() == a.objects().size() && kept.equals(a.objects()) ? a
                : new PairAnnotation(a.sceneClass(), kept, a.cameraPose());
    }

    private Path resolve(String relative) {
        if (relative == null || relative.isBlank()) {
            return null;
        }
        return dir.resolve(relative).normalize();
    }

    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path base = dir.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : p.toString();
    }

    private Optional<Pair> fail(BadInputException ex, String id) {
        String loc = ex.location();
        try {
            loc = rel(Path.of(loc));
        } catch (RuntimeException ignored) {
            // not a path (file#entry); keep it as it is
        }
        error(loc, id, ex.problem());
        return Optional.empty();
    }

    private boolean error(String location, String id, String problem) {
        issues.add(new DatasetIssue(Severity.ERROR, location, id, problem));
        return false;
    }

    private void warn(String location, String id, String problem) {
        issues.add(new DatasetIssue(Severity.WARNING, location, id, problem));
    }
}
