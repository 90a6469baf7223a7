package org.xmodal.engine.data.nyu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;
import org.xmodal.engine.data.DatasetReport;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.task.ProgressListener;

/**
 * Loads NYU Depth v2's labelled file, {@code nyu_depth_v2_labeled.mat} (1449 RGB-D frames, MATLAB v7.3), as a
 * depth-modality {@link PairedDataset} whose pixels are read frame by frame from the file, which stays open until
 * the dataset is closed.
 *
 * <ul>
 *   <li>Pairs: one per frame, id {@code frame-0001} (1-based, as NYU and its split file count), RGB with the filled
 *       {@code depths} in metres; {@code rawDepths} (0 = no measurement) when the file has it.</li>
 *   <li>Objects: per frame from {@code labels}, {@code instances} and {@code names}, see {@link NyuObjects}; frames
 *       are read once at load time for this, with progress reported per frame.</li>
 *   <li>Scene class: {@code sceneTypes} (kitchen, bedroom, ...).</li>
 *   <li>Split: see {@link NyuSplits}; pass NYU's {@code splits.mat} (or the JSON described in
 *       {@link NyuSplitFile}) in {@link NyuLoadOptions#splitsFile()}, or put it beside the data file.</li>
 *   <li>Camera: NYU's colour camera, scaled when the frames are not 640 x 480.</li>
 *   <li>Depth units: the labelled file's floats are metres. At load time a few evenly spread frames
 *       ({@link NyuLoadOptions#depthCheckFrames()}) are read to check the unit (median within 0.1-20 m) and NaNs;
 *       reading all 1449 frames' depth would take long, so every other frame is checked when its depth is read.</li>
 * </ul>
 * A file that is not HDF5 throws {@link BadInputException}; everything else wrong is in the report.
 */
public final class NyuDepthV2Loader {
    public static final String DEFAULT_FILE_NAME = "nyu_depth_v2_labeled.mat";
    public static final String DATASET_NAME = "NYU Depth v2 (labelled)";

    private NyuDepthV2Loader() {
    }

    public static PairedDataset load(Path file, ProgressListener progress) throws BadInputException {
        return load(file, NyuLoadOptions.DEFAULTS, progress);
    }

    public static PairedDataset load(Path file, NyuLoadOptions options, ProgressListener progress)
            throws BadInputException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        progress.progress("Opening " + file.getFileName(), -1);
        NyuMatFile mat = NyuMatFile.open(file);
        try {
            return read(mat, options, progress);
        } catch (BadInputException | RuntimeException e) {
            try {
                mat.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The id of the pair of a 0-based frame index. */
    static String pairId(int frame) {
        return String.format(Locale.ROOT, "frame-%04d", frame + 1);
    }

    private static PairedDataset read(NyuMatFile mat, NyuLoadOptions options, ProgressListener progress)
            throws BadInputException {
        List<DatasetIssue> issues = new ArrayList<>();
        NyuLayout layout = NyuLayout.inspect(mat, issues);
        int frames = layout.frames();
        List<String> names = layout.labels() && layout.instances() ? names(mat, issues) : List.of();
        List<String> sceneTypes = perFrame(mat, NyuMatFile.SCENE_TYPES, frames, issues, "pairs have no scene class");
        List<String> scenes = perFrame(mat, NyuMatFile.SCENES, frames, issues, "frames cannot be grouped by scene");
        Split[] splits = NyuSplits.assign(options.splitsFile(), mat.file(), frames, scenes, issues);
        Set<Integer> dropped = checkDepthSample(mat, layout, options.depthCheckFrames(), issues, progress);

        NyuPixelSource pixels = new NyuPixelSource(mat, layout, names);
        boolean objects = layout.objects(!names.isEmpty());
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            options.cancellation().check();
            progress.progress("Reading NYU Depth v2 frame " + (i + 1) + " of " + frames, i / (double) frames);
            if (splits[i] == null || dropped.contains(i)) {
                continue;
            }
            List<ObjectAnnotation> found = List.of();
            if (objects) {
                try {
                    found = frameObjects(pixels.objects(i), mat, i, names.size(), issues);
                } catch (BadInputException e) {
                    issues.add(new DatasetIssue(Severity.ERROR, e.location(), pairId(i), e.problem()));
                    continue;
                }
            }
            String scene = sceneTypes == null ? null : sceneTypes.get(i);
            pairs.add(new Pair(pairId(i), i, splits[i], objects, new PairAnnotation(scene, found, null),
                    mat.location(pairId(i)), null));
        }
        progress.progress("Loaded " + pairs.size() + " NYU Depth v2 pairs", 1);

        List<String> sceneClasses = sceneTypes == null ? List.of() : List.copyOf(new TreeSet<>(sceneTypes));
        return new PairedDataset(DATASET_NAME, mat.file(), Modality.DEPTH, camera(layout), 1.0,
                DetectionClasses.NYUD2_19, sceneClasses, pairs, new DatasetReport(layout.framesFound(), pairs.size(),
                issues), pixels);
    }

    private static List<ObjectAnnotation> frameObjects(NyuObjects found, NyuMatFile mat, int frame, int nameCount,
                                                       List<DatasetIssue> issues) {
        if (!found.unnamedLabels().isEmpty()) {
            issues.add(new DatasetIssue(Severity.WARNING, mat.location(NyuMatFile.LABELS) + "[frame " + (frame + 1)
                    + "]", pairId(frame), "label(s) " + found.unnamedLabels().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " exceed the " + nameCount + " names; those pixels are ignored"));
        }
        return found.objects();
    }

    private static List<String> names(NyuMatFile mat, List<DatasetIssue> issues) {
        if (mat.dataset(NyuMatFile.NAMES).isEmpty()) {
            issues.add(new DatasetIssue(Severity.WARNING, mat.location(NyuMatFile.NAMES), null,
                    "is missing: labels cannot be named, so pairs have no object boxes"));
            return List.of();
        }
        try {
            return mat.cellStrings(NyuMatFile.NAMES);
        } catch (BadInputException e) {
            issues.add(new DatasetIssue(Severity.WARNING, e.location(), null, e.problem()
                    + "; pairs have no object boxes"));
            return List.of();
        }
    }

    /** A cell array with one string per frame, or null (with a warning) when it is missing or unreadable. */
    private static List<String> perFrame(NyuMatFile mat, String name, int frames, List<DatasetIssue> issues,
                                         String consequence) {
        if (mat.dataset(name).isEmpty()) {
            issues.add(new DatasetIssue(Severity.WARNING, mat.location(name), null, "is missing: " + consequence));
            return null;
        }
        try {
            List<String> values = mat.cellStrings(name);
            if (values.size() < frames) {
                issues.add(new DatasetIssue(Severity.WARNING, mat.location(name), null, "has " + values.size()
                        + " entries for " + frames + " frames; it is ignored, so " + consequence));
                return null;
            }
            return values;
        } catch (BadInputException e) {
            issues.add(new DatasetIssue(Severity.WARNING, e.location(), null, e.problem() + "; " + consequence));
            return null;
        }
    }

    /**
     * Reads the depth of a few evenly spread frames: NaNs or a median outside 0.1-20 m are an error for that frame
     * (every other frame is checked the same way when it is read). When every sampled frame fails, the whole file is taken as wrong.
     *
     * @return the frames to drop
     */
    private static Set<Integer> checkDepthSample(NyuMatFile mat, NyuLayout layout, int count,
                                                 List<DatasetIssue> issues, ProgressListener progress) {
        Set<Integer> dropped = new HashSet<>();
        int frames = layout.frames();
        Set<Integer> sample = new TreeSet<>();
        int k = Math.min(count, frames);
        for (int j = 0; j < k; j++) {
            sample.add(k == 1 ? 0 : (int) Math.round(j * (frames - 1) / (double) (k - 1)));
        }
        for (int frame : sample) {
            progress.progress("Checking depth of frame " + (frame + 1), -1);
            String location = mat.location(NyuMatFile.DEPTHS) + "[frame " + (frame + 1) + "]";
            DepthMap depth;
            try {
                depth = mat.depth(NyuMatFile.DEPTHS, frame, layout.width(), layout.height());
            } catch (BadInputException e) {
                issues.add(new DatasetIssue(Severity.ERROR, e.location(), pairId(frame), e.problem()));
                dropped.add(frame);
                continue;
            }
            DepthUnitCheck.problem(depth).ifPresent(problem -> {
                issues.add(new DatasetIssue(Severity.ERROR, location, pairId(frame), problem));
                dropped.add(frame);
            });
        }
        if (!sample.isEmpty() && dropped.size() == sample.size()) {
            issues.add(new DatasetIssue(Severity.ERROR, mat.location(NyuMatFile.DEPTHS), null, "every one of the "
                    + sample.size() + " sampled frames has unusable depth (see above), so the depth of the whole file "
                    + "is taken as wrong and no pair is usable"));
            for (int i = 0; i < frames; i++) {
                dropped.add(i);
            }
        }
        return dropped;
    }

    private static CameraIntrinsics camera(NyuLayout layout) {
        CameraIntrinsics nyu = CameraIntrinsics.nyuColour();
        if (layout.width() == nyu.width() && layout.height() == nyu.height()) {
            return nyu;
        }
        return nyu.scaledTo(layout.width(), layout.height());
    }
}
