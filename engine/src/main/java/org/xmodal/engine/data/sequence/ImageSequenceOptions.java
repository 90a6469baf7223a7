package org.xmodal.engine.data.sequence;

import java.util.Objects;
import org.xmodal.engine.task.Cancellation;

/**
 * How to load a folder of video frames.
 *
 * @param testFraction share of the sequences held out for testing, whole sequences at a time, spread evenly through
 *                     their natural order (0.2: the 5th, 10th, ...); a folder with one sequence is all train
 * @param decodeFrames whether every frame is decoded at load time; by default only the image headers are read,
 *                     which finds empty, missing, foreign and wrongly sized files at a fraction of the cost but
 *                     leaves a frame truncated inside its pixel data to fail when it is read
 * @param cancellation checked between frames
 */
public record ImageSequenceOptions(double testFraction, boolean decodeFrames, Cancellation cancellation) {
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    public static final ImageSequenceOptions DEFAULTS = new ImageSequenceOptions(DEFAULT_TEST_FRACTION, false,
            Cancellation.NEVER);

    public ImageSequenceOptions {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
        Objects.requireNonNull(cancellation, "cancellation");
    }

    public ImageSequenceOptions withDecodeFrames(boolean decode) {
        return new ImageSequenceOptions(testFraction, decode, cancellation);
    }

    public ImageSequenceOptions withTestFraction(double fraction) {
        return new ImageSequenceOptions(fraction, decodeFrames, cancellation);
    }

    public ImageSequenceOptions withCancellation(Cancellation c) {
        return new ImageSequenceOptions(testFraction, decodeFrames, c);
    }
}
