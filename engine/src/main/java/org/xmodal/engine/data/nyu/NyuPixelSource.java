package org.xmodal.engine.data.nyu;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PixelSource;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Pixels of NYU pairs, read frame by frame from the open labelled file, which stays open until {@link #close()}.
 * Filled depth is checked for its unit on every read (one pass over the frame), so a frame that the load-time sample
 * did not cover still cannot feed millimetres into HHA.
 */
final class NyuPixelSource implements PixelSource {
    private final NyuMatFile mat;
    private final NyuLayout layout;
    private final List<String> names;

    /** @param names the label names, or an empty list when the file has none (then there are no instances) */
    NyuPixelSource(NyuMatFile mat, NyuLayout layout, List<String> names) {
        this.mat = mat;
        this.layout = layout;
        this.names = List.copyOf(names);
    }

    @Override
    public RgbImage rgb(Pair pair) throws BadInputException {
        return mat.rgb(pair.index(), layout.width(), layout.height());
    }

    @Override
    public DepthMap depth(Pair pair) throws BadInputException {
        DepthMap depth = mat.depth(NyuMatFile.DEPTHS, pair.index(), layout.width(), layout.height());
        Optional<String> problem = DepthUnitCheck.problem(depth);
        if (problem.isPresent()) {
            throw new BadInputException(mat.location(NyuMatFile.DEPTHS) + "[frame " + (pair.index() + 1) + "]",
                    problem.get());
        }
        return depth;
    }

    @Override
    public Optional<DepthMap> rawDepth(Pair pair) throws BadInputException {
        if (!layout.rawDepths()) {
            return Optional.empty();
        }
        return Optional.of(mat.depth(NyuMatFile.RAW_DEPTHS, pair.index(), layout.width(), layout.height()));
    }

    @Override
    public RgbImage next(Pair pair) {
        throw new UnsupportedOperationException("NYU Depth v2 pairs are RGB + depth; there is no next frame");
    }

    @Override
    public Optional<FlowField> groundTruthFlow(Pair pair) {
        return Optional.empty();
    }

    @Override
    public Optional<int[]> instances(Pair pair) throws BadInputException {
        if (!layout.objects(!names.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(objects(pair.index()).objectIds());
    }

    /** The detection objects of a frame, with the per-pixel map of their numbers. */
    NyuObjects objects(int frame) throws BadInputException {
        int w = layout.width();
        int h = layout.height();
        return NyuObjects.find(mat.ints(NyuMatFile.LABELS, frame, w, h), mat.ints(NyuMatFile.INSTANCES, frame, w, h),
                w, h, names);
    }

    @Override
    public void close() throws IOException {
        mat.close();
    }
}
