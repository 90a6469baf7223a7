package org.xmodal.engine.data.sequence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;
import org.xmodal.engine.data.DatasetReport;
import org.xmodal.engine.data.GroupSplit;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairFiles;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.ProgressListener;

/**
 * Loads a folder of video frames as a flow-modality {@link PairedDataset}: every frame with the frame after it.
 *
 * <pre>
 * root/frame_1.png, frame_2.png, ...        one sequence: frames directly in the folder, and/or
 * root/&lt;sequence&gt;/frame_1.png, ...          one sequence per subfolder (one level deep)
 * &lt;sequence folder&gt;/frame_1.flo             optional ground truth from frame_1 to the next frame, beside the
 * &lt;sequence folder&gt;/flow/frame_1.flo        frame or in its flow/ subfolder (flow/ is never a sequence)
 * </pre>
 * Frames are PNG or JPEG, ordered naturally by name ({@code frame_2} before {@code frame_10}); pairs never cross
 * sequences. A pair's id is {@code <sequence>/<first frame's name without extension>} (without the sequence part
 * for frames in the root). Whole sequences go to train or test, see {@link ImageSequenceOptions#testFraction()}.
 *
 * <p>Problems are reported, not thrown, unless the folder has no frames at all: an unreadable, empty or corrupt
 * frame, a frame whose size differs from most of its sequence, or two frames with the same name but different
 * extensions each drop the two pairs that use that frame; a sequence of one frame gives no pair; unusable
 * ground truth is ignored with a warning.
 */
public final class ImageSequenceLoader {
    private ImageSequenceLoader() {
    }

    public static PairedDataset load(Path folder, ProgressListener progress) throws BadInputException {
        return load(folder, ImageSequenceOptions.DEFAULTS, progress);
    }

    public static PairedDataset load(Path folder, ImageSequenceOptions options, ProgressListener progress)
            throws BadInputException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        List<DatasetIssue> issues = new ArrayList<>();
        List<FrameSequence> sequences = FrameSequence.scan(folder, issues);
        int total = sequences.stream().mapToInt(s -> s.frames().size()).sum();
        List<Pair> pairs = new ArrayList<>();
        int found = 0;
        int checked = 0;
        for (int ordinal = 0; ordinal < sequences.size(); ordinal++) {
            FrameSequence sequence = sequences.get(ordinal);
            List<Path> frames = sequence.frames();
            found += Math.max(0, frames.size() - 1);
            if (frames.size() < 2) {
                issues.add(new DatasetIssue(Severity.WARNING, sequence.folder().toString(), null, "has only one frame; "
                        + "a pair needs two consecutive frames"));
            }
            int[][] sizes = new int[frames.size()][];
            String[] problems = new String[frames.size()];
            Map<String, Path> byStem = new HashMap<>();
            for (int k = 0; k < frames.size(); k++) {
                options.cancellation().check();
                progress.progress("Checking frame " + (checked + 1) + " of " + total, checked++ / (double) total);
                Path previous = byStem.putIfAbsent(FrameSequence.stem(frames.get(k)), frames.get(k));
                if (previous != null) {
                    problems[k] = "has the same name as " + previous.getFileName() + "; frames and their .flo files "
                            + "are matched by name, so names must differ by more than the extension";
                    continue;
                }
                try {
                    sizes[k] = size(frames.get(k), options.decodeFrames());
                } catch (BadInputException e) {
                    problems[k] = e.problem();
                }
            }
            int[] reference = mostCommon(sizes);
            for (int k = 0; k < frames.size(); k++) {
                if (problems[k] == null && reference != null && !sameSize(sizes[k], reference)) {
                    problems[k] = "is " + sizes[k][0] + "x" + sizes[k][1] + " but the other frames of its sequence are "
                            + reference[0] + "x" + reference[1];
                }
            }
            report(sequence, problems, issues);
            Split split = GroupSplit.of(ordinal, options.testFraction());
            for (int k = 0; k + 1 < frames.size(); k++) {
                if (problems[k] == null && problems[k + 1] == null) {
                    pairs.add(pair(sequence, k, split, reference, issues));
                }
            }
        }
        progress.progress("Loaded " + pairs.size() + " frame pairs", 1);
        return new PairedDataset("Video frames: " + folder.toAbsolutePath().normalize().getFileName(), folder,
                Modality.FLOW, null, 1.0, List.of(), List.of(), pairs, new DatasetReport(found, pairs.size(), issues),
                new SequencePixelSource());
    }

    /** The id of the pair starting at {@code frame}. */
    static String pairId(FrameSequence sequence, Path frame) {
        String stem = FrameSequence.stem(frame);
        return sequence.name().isEmpty() ? stem : sequence.name() + "/" + stem;
    }

    private static Pair pair(FrameSequence sequence, int k, Split split, int[] size, List<DatasetIssue> issues) {
        Path frame = sequence.frames().get(k);
        String id = pairId(sequence, frame);
        Path flow = sequence.groundTruthFlow(frame).orElse(null);
        if (flow != null) {
            try {
                FlowField gt = FloFile.read(flow);
                int[] flowSize = {gt.width(), gt.height()};
                Optional<String> nan = FloFile.nanProblem(gt);
                if (!sameSize(flowSize, size)) {
                    issues.add(new DatasetIssue(Severity.WARNING, flow.toString(), id, "is " + flowSize[0] + "x"
                            + flowSize[1] + " but the frames are " + size[0] + "x" + size[1]
                            + "; this ground truth is ignored"));
                    flow = null;
                } else if (nan.isPresent()) {
                    issues.add(new DatasetIssue(Severity.WARNING, flow.toString(), id, nan.get()
                            + "; this ground truth is ignored"));
                    flow = null;
                }
            } catch (BadInputException e) {
                issues.add(new DatasetIssue(Severity.WARNING, e.location(), id, e.problem()
                        + "; this ground truth is ignored"));
                flow = null;
            }
        }
        return new Pair(id, k, split, false, PairAnnotation.NONE, frame.toString(),
                new PairFiles(frame, sequence.frames().get(k + 1), null, null, null, flow));
    }

    /** One error per unusable frame, naming the pairs it takes with it. */
    private static void report(FrameSequence sequence, String[] problems, List<DatasetIssue> issues) {
        List<Path> frames = sequence.frames();
        for (int k = 0; k < frames.size(); k++) {
            if (problems[k] == null) {
                continue;
            }
            List<String> dropped = new ArrayList<>();
            if (k > 0) {
                dropped.add(pairId(sequence, frames.get(k - 1)));
            }
            if (k + 1 < frames.size()) {
                dropped.add(pairId(sequence, frames.get(k)));
            }
            String consequence = dropped.isEmpty() ? "" : "; pair" + (dropped.size() > 1 ? "s " : " ")
                    + String.join(" and ", dropped) + (dropped.size() > 1 ? " are" : " is") + " dropped";
            issues.add(new DatasetIssue(Severity.ERROR, frames.get(k).toString(),
                    dropped.isEmpty() ? null : dropped.get(0), problems[k] + consequence));
        }
    }

    private static int[] size(Path frame, boolean decode) throws BadInputException {
        if (decode) {
            RgbImage image = ImageFiles.readRgb(frame);
            return new int[] {image.width(), image.height()};
        }
        return ImageFiles.size(frame);
    }

    /** The size most frames have (ties go to the size seen first), or null when no frame could be read. */
    private static int[] mostCommon(int[][] sizes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, int[]> bySize = new HashMap<>();
        for (int[] s : sizes) {
            if (s != null) {
                String key = s[0] + "x" + s[1];
                counts.merge(key, 1, Integer::sum);
                bySize.putIfAbsent(key, s);
            }
        }
        Optional<String> best = Optional.empty();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best.isEmpty() || e.getValue() > counts.get(best.get())) {
                best = Optional.of(e.getKey());
            }
        }
        return best.map(bySize::get).orElse(null);
    }

    private static boolean sameSize(int[] a, int[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }
}
