package org.xmodal.engine.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/** Reads the pixels of a dataset's pairs on demand, so that a dataset of any size can be opened at once. */
public interface PixelSource extends Closeable {
    RgbImage rgb(Pair pair) throws BadInputException;

    /** Depth in metres (for NYU and synth: the filled depth). Only for the depth modality. */
    DepthMap depth(Pair pair) throws BadInputException;

    /** Raw sensor depth in metres, whose zeros mark missing measurements, when the dataset has it. */
    Optional<DepthMap> rawDepth(Pair pair) throws BadInputException;

    /** The next frame. Only for the flow modality. */
    RgbImage next(Pair pair) throws BadInputException;

    /** Ground-truth flow from the frame to the next one, when the dataset has it. */
    Optional<FlowField> groundTruthFlow(Pair pair) throws BadInputException;

    /** Per-pixel instance ids (0 = none), matching {@link ObjectAnnotation#instance()}, when the dataset has them. */
    Optional<int[]> instances(Pair pair) throws BadInputException;

    @Override
    default void close() throws IOException {
    }
}
