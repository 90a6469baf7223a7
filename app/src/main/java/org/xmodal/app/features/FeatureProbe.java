package org.xmodal.app.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.xmodal.app.runs.InspectionProcess;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.inspect.FeatureMaps;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.transfer.PairedBatches;
import org.xmodal.engine.transfer.Resize;

/**
 * A transfer run's teacher and student (with its adaptation layer, from a checkpoint) on one pair: the images are
 * read, encoded and resized here, as training resized them (called off the UI thread), and the networks run in the
 * engine's inspection process ({@link InspectionProcess}), never in the window's. The images are shown whole (the
 * networks are convolutional); if the two transfer layers do not line up on the whole image, the centre crop
 * training used is shown instead.
 */
public final class FeatureProbe {
    private FeatureProbe() {
    }

    /**
     * @param teacherScale the factor the run applied to its teacher's features when it matched feature norms (its
     *     {@code teacherScale} metric event); empty for runs that logged none
     */
    public static FeatureComparison compare(InspectionProcess maps, RunSpec spec, Path checkpoint,
                                            OptionalDouble teacherScale, PairedDataset ds, Pair pair,
                                            EncodingCache cache, Cancellation cancel) throws IOException {
        FeatureMaps.Request request = request(spec, checkpoint, teacherScale, ds, pair, cache);
        cancel.check();
        FeatureMaps.Result r = maps.featureMaps(request, cancel);
        RgbImage rgb = r.cropSide() == 0 ? request.rgb() : FeatureMaps.crop(request.rgb(), r.cropSide());
        RgbImage paired = r.cropSide() == 0 ? request.paired() : FeatureMaps.crop(request.paired(), r.cropSide());
        return new FeatureComparison(rgb, paired, r.teacher(), r.student(), r.channels(), r.width(), r.height(),
                FeatureComparison.l2(r.teacher(), r.student(), r.channels(), r.width(), r.height()), r.tap(),
                r.notes());
    }

    /** The request for a pair: its images read, encoded and resized as the run's training batches were. */
    public static FeatureMaps.Request request(RunSpec spec, Path checkpoint, OptionalDouble teacherScale,
                                             PairedDataset ds, Pair pair, EncodingCache cache) throws IOException {
        RgbImage rgb = ds.rgb(pair);
        int side = spec.inputSize();
        int[] size = Resize.toShortSide(rgb.width(), rgb.height(),
                (int) Math.ceil(side / PairedBatches.CROP_FRACTION));
        return new FeatureMaps.Request(spec, checkpoint, teacherScale.isPresent() ? teacherScale.getAsDouble() : null,
                ds.modality(), Resize.rgb(rgb, size[0], size[1]),
                paired(PairEncoding.of(spec.encoding(), ds, cache), pair, size));
    }

    /** The student's image of the pair, encoded as the run's spec says (as its training batches were). */
    private static RgbImage paired(PairEncoding encoding, Pair pair, int[] size) throws IOException {
        if (encoding.dataset().modality() == Modality.FLOW) {
            return encoding.flowImage(Resize.flow(encoding.flow(pair), size[0], size[1]));
        }
        return Resize.rgb(encoding.depthInput(pair), size[0], size[1]);
    }
}
