package org.xmodal.app.lab;

import java.nio.file.Path;
import java.util.List;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.DatasetEncoder;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * "Apply to dataset": encodes every pair with exactly the encoding tuned in the lab (camera included) into the
 * encoding cache, on all cores, through the engine's batch encoder; a run whose spec has the same encoding reads them.
 */
public final class DatasetEncoding {
    /** What applying did. */
    public record Summary(int encoded, List<DatasetIssue> failures, double seconds, Path cache) {
    }

    private DatasetEncoding() {
    }

    public static Summary apply(EncodingCache cache, PairedDataset ds, Encoding encoding, ProgressListener progress,
                                Cancellation cancel) {
        DatasetEncoder.Summary s = new DatasetEncoder(cache).encodeAll(ds, encoding, progress, cancel);
        return new Summary(s.encoded() + s.reused(), s.failures(), s.seconds(), cache.root());
    }
}
