package org.xmodal.engine.data.nyu;

import io.jhdf.api.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetIssue.Severity;

/**
 * Which of NYU's per-frame datasets a file has, and the frame count and size they agree on. {@code images} and
 * {@code depths} are required; a missing or misshapen optional dataset ({@code rawDepths}, {@code labels},
 * {@code instances}) is reported as a warning and then treated as absent. The frame size is read from the file,
 * so a downsampled copy loads as well as the 640 x 480 original.
 *
 * @param framesFound frames in {@code images}
 * @param frames      frames usable: those present in both {@code images} and {@code depths}
 */
record NyuLayout(int framesFound, int frames, int width, int height, boolean rawDepths, boolean labels,
                 boolean instances) {

    /** Whether objects can be found: labels, instances and the label names are all there. */
    boolean objects(boolean names) {
        return labels && instances && names;
    }

    static NyuLayout inspect(NyuMatFile mat, List<DatasetIssue> issues) {
        Optional<Dataset> images = mat.dataset(NyuMatFile.IMAGES);
        if (images.isEmpty()) {
            issues.add(error(mat, NyuMatFile.IMAGES, "is missing: the file has no RGB frames (is this "
                    + "nyu_depth_v2_labeled.mat?)"));
            return new NyuLayout(0, 0, 1, 1, false, false, false);
        }
        int[] imageDims = images.get().getDimensions();
        if (imageDims.length != 4 || imageDims[1] != 3) {
            issues.add(error(mat, NyuMatFile.IMAGES, "has shape " + Arrays.toString(imageDims)
                    + "; expected [N][3][W][H] (MATLAB's H x W x 3 x N)"));
            return new NyuLayout(0, 0, 1, 1, false, false, false);
        }
        int found = imageDims[0];
        int width = imageDims[2];
        int height = imageDims[3];
        int frames = found;

        Optional<Dataset> depths = mat.dataset(NyuMatFile.DEPTHS);
        if (depths.isEmpty()) {
            issues.add(error(mat, NyuMatFile.DEPTHS, "is missing: the file has no depth maps"));
            frames = 0;
        } else {
            int[] d = depths.get().getDimensions();
            if (d.length != 3 || d[1] != width || d[2] != height) {
                issues.add(error(mat, NyuMatFile.DEPTHS, "has shape " + Arrays.toString(d) + "; expected [N][" + width
                        + "][" + height + "] to match images"));
                frames = 0;
            } else if (d[0] != found) {
                issues.add(error(mat, NyuMatFile.DEPTHS, "has " + d[0] + " frames but images has " + found
                        + "; only frames present in both are used"));
                frames = Math.min(found, d[0]);
            }
        }
        return new NyuLayout(found, frames, width, height,
                optional(mat, NyuMatFile.RAW_DEPTHS, frames, width, height, issues,
                        "raw depth (the mask of missing measurements) is unavailable"),
                optional(mat, NyuMatFile.LABELS, frames, width, height, issues, "pairs have no object boxes"),
                optional(mat, NyuMatFile.INSTANCES, frames, width, height, issues,
                        "objects cannot be told apart, so pairs have no object boxes"));
    }

    private static boolean optional(NyuMatFile mat, String name, int frames, int width, int height,
                                    List<DatasetIssue> issues, String consequence) {
        Optional<Dataset> dataset = mat.dataset(name);
        if (dataset.isEmpty()) {
            issues.add(warning(mat, name, "is missing: " + consequence));
            return false;
        }
        int[] d = dataset.get().getDimensions();
        if (d.length != 3 || d[0] < frames || d[1] != width || d[2] != height) {
            issues.add(warning(mat, name, "has shape " + Arrays.toString(d) + ", expected [" + frames + "][" + width
                    + "][" + height + "]; it is ignored, so " + consequence));
            return false;
        }
        return true;
    }

    private static DatasetIssue error(NyuMatFile mat, String dataset, String problem) {
        return new DatasetIssue(Severity.ERROR, mat.location(dataset), null, problem);
    }

    private static DatasetIssue warning(NyuMatFile mat, String dataset, String problem) {
        return new DatasetIssue(Severity.WARNING, mat.location(dataset), null, problem);
    }
}
