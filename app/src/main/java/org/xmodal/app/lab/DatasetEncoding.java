package org.xmodal.app.lab;

import java.nio.file.Path;
import java.util.List;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.DatasetEncoder;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * "Apply to dataset": encodes every pair with exactly the parameters tuned in the lab (camera included) into the
 * encoding cache, on all cores, through the engine's batch encoder.
 */
public final class DatasetEncoding {
    /** What applying did. */
    public record Summary(int encoded, List<DatasetIssue> failures, double seconds, Path cache) {
    }

    private DatasetEncoding() {
    }

    public static Summary hha(EncodingCache cache, PairedDataset ds, HhaConfig config, ProgressListener progress,
                              Cancellation cancel) {
        return summary(cache, new DatasetEncoder(cache).encodeAll(ds, config, FlowConfig.defaults(FlowMethod.BROX),
                progress, cancel));
    }

    public static Summary flow(EncodingCache cache, PairedDataset ds, FlowConfig config, ProgressListener progress,
                               Cancellation cancel) {
        return summary(cache, new DatasetEncoder(cache).encodeAll(ds, HhaConfig.reference(
                ds.camera().orElse(org.xmodal.engine.data.CameraIntrinsics.nyuColour())), config, progress, cancel));
    }

    private static Summary summary(EncodingCache cache, DatasetEncoder.Summary s) {
        return new Summary(s.encoded() + s.reused(), s.failures(), s.seconds(), cache.root());
    }
}
