package org.xmodal.engine.data.nyu;

import java.nio.file.Path;
import java.util.Objects;
import org.xmodal.engine.task.Cancellation;

/**
 * How to load NYU Depth v2's labelled file.
 *
 * @param splitsFile       NYU's official split ({@code splits.mat}, or JSON, see {@link NyuDepthV2Loader}); null
 *                         to use a {@code splits.mat} beside the data file, or else a split by scene
 * @param depthCheckFrames how many frames, evenly spread, are read at load time to check that depth is in metres
 *                         and free of NaN (every other frame is checked when it is read)
 * @param cancellation     checked between frames while annotations are computed
 */
public record NyuLoadOptions(Path splitsFile, int depthCheckFrames, Cancellation cancellation) {
    public static final int DEFAULT_DEPTH_CHECK_FRAMES = 8;
    public static final NyuLoadOptions DEFAULTS = new NyuLoadOptions(null, DEFAULT_DEPTH_CHECK_FRAMES,
            Cancellation.NEVER);

    public NyuLoadOptions {
        if (depthCheckFrames < 1) {
            throw new IllegalArgumentException("at least one frame must be checked for depth units, got "
                    + depthCheckFrames);
        }
        Objects.requireNonNull(cancellation, "cancellation");
    }

    public NyuLoadOptions withSplitsFile(Path file) {
        return new NyuLoadOptions(file, depthCheckFrames, cancellation);
    }

    public NyuLoadOptions withCancellation(Cancellation c) {
        return new NyuLoadOptions(splitsFile, depthCheckFrames, c);
    }
}
