package org.xmodal.engine.data.nyu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;
import org.xmodal.engine.data.GroupSplit;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;

/**
 * Decides each frame's split. NYU's official split (795 train, 654 test frames, separated by scene) comes in a
 * separate {@code splits.mat}; it is used when given, or when a file of that name lies beside the labelled file.
 * Without it frames are split by scene with {@link GroupSplit}, holding out the official share of 654/1449, and
 * the report says so, because numbers from such a split cannot be compared with published ones.
 */
final class NyuSplits {
    static final String SPLITS_FILE_NAME = "splits.mat";
    static final double OFFICIAL_TEST_FRACTION = 654.0 / 1449.0;
    private static final int LISTED_IN_MESSAGE = 5;

    private NyuSplits() {
    }

    /**
     * @param splitsFile a splits file the user named, or null to look for {@code splits.mat} beside the data
     * @param scenes     the scene name of each frame, or null when the file has none
     * @return the split of each frame, or null for a frame that must be dropped (it is listed as both)
     */
    static Split[] assign(Path splitsFile, Path matFile, int frames, List<String> scenes, List<DatasetIssue> issues)
            throws BadInputException {
        Path file = splitsFile;
        if (file == null) {
            Path beside = matFile.toAbsolutePath().resolveSibling(SPLITS_FILE_NAME);
            if (Files.isRegularFile(beside)) {
                try {
                    return official(NyuSplitFile.read(beside), beside, frames, issues);
                } catch (BadInputException e) {
                    issues.add(new DatasetIssue(Severity.WARNING, e.location(), null, e.problem()
                            + "; it is ignored and frames are split by scene instead"));
                }
            }
            return byScene(matFile, frames, scenes, issues);
        }
        return official(NyuSplitFile.read(file), file, frames, issues);
    }

    private static Split[] official(NyuSplitFile.Lists lists, Path file, int frames, List<DatasetIssue> issues) {
        boolean[] train = new boolean[frames];
        boolean[] test = new boolean[frames];
        int beyond = mark(lists.train(), train) + mark(lists.test(), test);
        if (beyond > 0) {
            issues.add(new DatasetIssue(Severity.WARNING, file.toString(), null, beyond + " frame number(s) are beyond "
                    + "the " + frames + " frames of the data file and are ignored"));
        }
        Split[] splits = new Split[frames];
        List<Integer> unlisted = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            if (train[i] && test[i]) {
                issues.add(new DatasetIssue(Severity.ERROR, file.toString(), NyuDepthV2Loader.pairId(i),
                        "frame " + (i + 1) + " is listed in both " + NyuSplitFile.TRAIN + " and " + NyuSplitFile.TEST));
            } else if (test[i]) {
                splits[i] = Split.TEST;
            } else {
                splits[i] = Split.TRAIN;
                if (!train[i]) {
                    unlisted.add(i + 1);
                }
            }
        }
        if (!unlisted.isEmpty()) {
            String some = unlisted.stream().limit(LISTED_IN_MESSAGE).map(String::valueOf)
                    .collect(Collectors.joining(", "));
            String more = unlisted.size() > LISTED_IN_MESSAGE ? " and " + (unlisted.size() - LISTED_IN_MESSAGE)
                    + " more" : "";
            issues.add(new DatasetIssue(Severity.WARNING, file.toString(), null, "frame(s) " + some + more
                    + " are in neither list; they are put in train"));
        }
        return splits;
    }

    /** Marks 1-based frame numbers; returns how many were out of range. */
    private static int mark(int[] numbers, boolean[] marks) {
        int beyond = 0;
        for (int n : numbers) {
            if (n <= marks.length) {
                marks[n - 1] = true;
            } else {
                beyond++;
            }
        }
        return beyond;
    }

    private static Split[] byScene(Path matFile, int frames, List<String> scenes, List<DatasetIssue> issues) {
        boolean haveScenes = scenes != null && scenes.size() >= frames;
        Map<String, Integer> ordinals = new HashMap<>();
        Split[] splits = new Split[frames];
        for (int i = 0; i < frames; i++) {
            String group = haveScenes ? scenes.get(i) : String.valueOf(i);
            int ordinal = ordinals.computeIfAbsent(group, g -> ordinals.size());
            splits[i] = GroupSplit.of(ordinal, OFFICIAL_TEST_FRACTION);
        }
        issues.add(new DatasetIssue(Severity.WARNING, matFile.toString(), null, "no splits file (NYU's official split is "
                + SPLITS_FILE_NAME + " with " + NyuSplitFile.TRAIN + "/" + NyuSplitFile.TEST + "; put it beside the "
                + "data or name it); frames were split " + (haveScenes ? "by scene" : "frame by frame, as the file "
                + "has no scene names,") + " with " + Math.round(100 * OFFICIAL_TEST_FRACTION) + "% for test, so "
                + "results are not comparable with published ones"));
        return splits;
    }
}
