package org.xmodal.engine.data.sunrgbd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetReport;
import org.xmodal.engine.data.GroupSplit;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairFiles;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.PixelSource;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * SUN RGB-D in its own folder layout (the SOCKET paper's dataset): under the folder given, every frame is a folder
 * with {@code image/} (the RGB JPEG), {@code depth/} (raw depth), {@code depth_bfx/} (filled depth),
 * {@code intrinsics.txt} (the 3x3 camera matrix, row by row) and {@code scene.txt} (the scene class). Depth is
 * decoded as {@link SunRgbdDepth} says. A dataset has one camera, so one sensor's folder ({@code kv1},
 * {@code kv2}, {@code realsense}, {@code xtion}) is opened at a time, as the paper evaluates them: frames whose
 * intrinsics differ from the most common ones are left out, each named. SUN RGB-D's official split lives in its
 * toolbox, not in the frame folders: the split is {@link GroupSplit}'s (every ~3rd frame in path order tests).
 */
public final class SunRgbdLoader {
    /** The share of frames that test. */
    public static final double TEST_FRACTION = 0.3;
    /** How far (relative) a frame's intrinsics may be from the dataset's camera and still count as the same. */
    static final double SAME_CAMERA = 0.02;
    private static final int SEARCH_DEPTH = 6;

    private record Frame(Path dir, String id, Path rgb, Path raw, Path filled, String scene,
                         CameraIntrinsics camera) {
    }

    private SunRgbdLoader() {
    }

    /** Whether {@code dir} holds SUN RGB-D frame folders (within a few levels). */
    public static boolean looksLikeSunRgbd(Path dir) {
        try (Stream<Path> s = Files.walk(dir, SEARCH_DEPTH)) {
            return s.anyMatch(p -> p.getFileName() != null && p.getFileName().toString().equals("intrinsics.txt")
                    && Files.isDirectory(p.resolveSibling("image")));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    public static PairedDataset load(Path dir, ProgressListener progress, Cancellation cancel)
            throws BadInputException {
        List<Path> frameDirs;
        try (Stream<Path> s = Files.walk(dir, SEARCH_DEPTH)) {
            frameDirs = s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("intrinsics.txt"))
                    .map(Path::getParent).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException(dir, "cannot be read (" + e.getMessage() + ")");
        }
        if (frameDirs.isEmpty()) {
            throw new BadInputException(dir, "holds no SUN RGB-D frame folder (a folder with image/, depth/, "
                    + "depth_bfx/, intrinsics.txt and scene.txt)");
        }
        List<DatasetIssue> issues = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < frameDirs.size(); i++) {
            cancel.check();
            Path f = frameDirs.get(i);
            String id = dir.relativize(f).toString().replace('\\', '/').replace('/', '_');
            try {
                frames.add(frame(f, id, issues));
            } catch (BadInputException e) {
                issues.add(new DatasetIssue(DatasetIssue.Severity.ERROR, e.location(), id, e.problem()));
            }
            progress.progress("Reading SUN RGB-D frames " + (i + 1) + "/" + frameDirs.size(),
                    (i + 1) / (double) frameDirs.size());
        }
        CameraIntrinsics camera = mostCommon(frames);
        List<Pair> pairs = new ArrayList<>();
        TreeSet<String> scenes = new TreeSet<>();
        for (Frame fr : frames) {
            if (camera != null && !sameCamera(fr.camera(), camera)) {
                issues.add(new DatasetIssue(DatasetIssue.Severity.WARNING, fr.dir().resolve("intrinsics.txt")
                        .toString(), fr.id(), String.format(Locale.ROOT, "intrinsics (fx %.1f, fy %.1f, cx %.1f, cy "
                                + "%.1f) are another camera's than the dataset's (fx %.1f, fy %.1f, cx %.1f, cy %.1f): "
                                + "left out; open each sensor's folder on its own", fr.camera().fx(),
                        fr.camera().fy(), fr.camera().cx(), fr.camera().cy(), camera.fx(), camera.fy(), camera.cx(),
                        camera.cy())));
                continue;
            }
            scenes.add(fr.scene());
            int index = pairs.size();
            pairs.add(new Pair(fr.id(), index, GroupSplit.of(index, TEST_FRACTION), true,
                    new PairAnnotation(fr.scene(), List.of(), null), fr.dir().toString(),
                    new PairFiles(fr.rgb(), fr.filled(), fr.raw(), null, null, null)));
        }
        return new PairedDataset(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), dir,
                Modality.DEPTH, camera, 1000, List.of(), new ArrayList<>(scenes), pairs,
                new DatasetReport(frameDirs.size(), pairs.size(), issues), new Pixels());
    }

    private static Frame frame(Path dir, String id, List<DatasetIssue> issues) throws BadInputException {
        Path rgb = only(dir.resolve("image"), "the RGB image");
        Path raw = only(dir.resolve("depth"), "the raw depth");
        Path filled;
        if (Files.isDirectory(dir.resolve("depth_bfx"))) {
            filled = only(dir.resolve("depth_bfx"), "the filled depth");
        } else {
            filled = raw;
            issues.add(new DatasetIssue(DatasetIssue.Severity.WARNING, dir.toString(), id, "has no depth_bfx/: the "
                    + "raw depth stands in for the filled depth"));
        }
        String scene;
        try {
            scene = Files.exists(dir.resolve("scene.txt")) ? Files.readString(dir.resolve("scene.txt")).trim() : "";
        } catch (IOException e) {
            throw new BadInputException(dir.resolve("scene.txt"), "cannot be read (" + e.getMessage() + ")");
        }
        if (scene.isEmpty()) {
            throw new BadInputException(dir.resolve("scene.txt"), "is missing or empty: every frame needs its scene "
                    + "class");
        }
        int[] size = ImageFiles.size(rgb);
        return new Frame(dir, id, rgb, raw, filled, scene.toLowerCase(Locale.ROOT),
                intrinsics(dir.resolve("intrinsics.txt"), size[0], size[1]));
    }

    /** The one file of a frame's sub-folder. */
    private static Path only(Path folder, String what) throws BadInputException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, "is missing (" + what + " of the frame)");
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new BadInputException(folder, "is empty (" + what + " of the frame)");
            }
            return files.get(0);
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The 3x3 matrix {@code fx 0 cx / 0 fy cy / 0 0 1}; its principal point is 1-based, as the toolbox uses it. */
    static CameraIntrinsics intrinsics(Path file, int width, int height) throws BadInputException {
        String[] t;
        try {
            t = Files.readString(file).trim().split("\\s+");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (t.length != 9) {
            throw new BadInputException(file, "must hold the 3x3 camera matrix (9 numbers), has " + t.length);
        }
        try {
            return new CameraIntrinsics(Double.parseDouble(t[0]), Double.parseDouble(t[4]), Double.parseDouble(t[2]),
                    Double.parseDouble(t[5]), width, height);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, "holds something that is not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, e.getMessage());
        }
    }

    private static CameraIntrinsics mostCommon(List<Frame> frames) {
        CameraIntrinsics best = null;
        int bestCount = 0;
        for (Frame a : frames) {
            int n = (int) frames.stream().filter(b -> sameCamera(a.camera(), b.camera())).count();
            if (n > bestCount) {
                best = a.camera();
                bestCount = n;
            }
        }
        return best;
    }

    private static boolean sameCamera(CameraIntrinsics a, CameraIntrinsics b) {
        return close(a.fx(), b.fx()) && close(a.fy(), b.fy()) && close(a.cx(), b.cx()) && close(a.cy(), b.cy())
                && a.width() == b.width() && a.height() == b.height();
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= SAME_CAMERA * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Pixels from the frame folders' files, depth decoded as SUN RGB-D stores it. */
    private static final class Pixels implements PixelSource {
        @Override
        public RgbImage rgb(Pair pair) throws BadInputException {
            return ImageFiles.readRgb(pair.files().rgb());
        }

        @Override
        public DepthMap depth(Pair pair) throws BadInputException {
            return SunRgbdDepth.read(pair.files().partner());
        }

        @Override
        public Optional<DepthMap> rawDepth(Pair pair) throws BadInputException {
            return Optional.of(SunRgbdDepth.read(pair.files().rawDepth()));
        }

        @Override
        public RgbImage next(Pair pair) {
            throw new UnsupportedOperationException("SUN RGB-D holds depth, not frame pairs");
        }

        @Override
        public Optional<FlowField> groundTruthFlow(Pair pair) {
            return Optional.empty();
        }

        @Override
        public Optional<int[]> instances(Pair pair) {
            return Optional.empty();
        }
    }
}
