package org.xmodal.engine.data.folder;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.data.CameraIntrinsics;
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
    private final List<DatasetIssue> issues;

    PairValidator(Path dir, Modality modality, double unitsPerMetre, CameraIntrinsics camera, List<String> classes,
                  List<DatasetIssue> issues) {
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
                checkObjects(annotation, annPath, rgb, id);
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
        return Optional.of(new Pair(id, index, split, labelled, annotation, rel(rgbPath), files));
    }

    private void checkDepth(Path file, RgbImage rgb, String id, boolean filled) throws BadInputException {
        DepthMap d = ImageFiles.readDepth16(file, unitsPerMetre);
        requireSameSize(file, d.width(), d.height(), rgb, null);
        Optional<String> problem = DepthChecks.problem(d, unitsPerMetre);
        if (problem.isPresent()) {
            throw new BadInputException(rel(file), problem.get());
        }
        if (filled && d.validFraction() < 0.5) {
            warn(rel(file), id, String.format(java.util.Locale.ROOT,
                    "has depth on only %.0f%% of its pixels; filled depth is expected to be nearly complete",
                    100 * d.validFraction()));
        }
    }

    private void requireSameSize(Path file, int w, int h, RgbImage rgb, Path rgbPath) throws BadInputException {
        if (w != rgb.width() || h != rgb.height()) {
            throw new BadInputException(rel(file), "is " + w + "x" + h + " but its RGB partner is " + rgb.width() + "x"
                    + rgb.height() + "; the pair is not aligned");
        }
    }

    private void checkObjects(PairAnnotation a, Path annPath, RgbImage rgb, String id) {
        for (ObjectAnnotation o : a.objects()) {
            if (!classes.contains(o.className())) {
                warn(rel(annPath), id, "object class '" + o.className() + "' is not among the dataset's classes");
            }
            if (o.box().x1() < 0 || o.box().y1() < 0 || o.box().x2() >= rgb.width() || o.box().y2() >= rgb.height()) {
                warn(rel(annPath), id, "box of '" + o.className() + "' reaches outside the " + rgb.width() + "x"
                        + rgb.height() + " image");
            }
        }
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
