package org.xmodal.engine.data.sequence;

import java.util.Optional;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PixelSource;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** Pixels of consecutive-frame pairs, read from the frame files (and .flo ground truth) when asked for. */
public final class SequencePixelSource implements PixelSource {
    @Override
    public RgbImage rgb(Pair pair) throws BadInputException {
        return ImageFiles.readRgb(pair.files().rgb());
    }

    @Override
    public RgbImage next(Pair pair) throws BadInputException {
        return ImageFiles.readRgb(pair.files().partner());
    }

    @Override
    public Optional<FlowField> groundTruthFlow(Pair pair) throws BadInputException {
        if (pair.files().groundTruthFlow() == null) {
            return Optional.empty();
        }
        return Optional.of(FloFile.read(pair.files().groundTruthFlow()));
    }

    @Override
    public DepthMap depth(Pair pair) {
        throw new UnsupportedOperationException("video frame pairs have no depth; their partner is the next frame");
    }

    @Override
    public Optional<DepthMap> rawDepth(Pair pair) {
        return Optional.empty();
    }

    @Override
    public Optional<int[]> instances(Pair pair) {
        return Optional.empty();
    }
}
