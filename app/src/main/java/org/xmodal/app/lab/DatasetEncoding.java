package org.xmodal.app.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.DatasetEncoder;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * "Apply to dataset": encodes every pair with exactly the parameters tuned in the lab, into the encoding cache,
 * on all cores. (DatasetEncoder.encodeAll replaces the camera by the dataset's own, which is right for the command
 * line but would ignore a camera chosen here, so the lab drives the encoder's per-pair methods itself.)
 */
public final class DatasetEncoding {
    /** What applying did. */
    public record Summary(int encoded, List<DatasetIssue> failures, double seconds, Path cache) {
    }

    @FunctionalInterface
    private interface PairEncoding {
        void encode(Pair pair) throws IOException;
    }

    private DatasetEncoding() {
    }

    public static Summary hha(EncodingCache cache, PairedDataset ds, HhaConfig config, ProgressListener progress,
                              Cancellation cancel) {
        DatasetEncoder encoder = new DatasetEncoder(cache);
        ThreadLocal<HhaEncoder> encoders = ThreadLocal.withInitial(HhaEncoder::new);
        return each(cache, ds, "HHA", p -> encoder.hha(ds, p, config, encoders.get()), progress, cancel);
    }

    public static Summary flow(EncodingCache cache, PairedDataset ds, FlowConfig config, ProgressListener progress,
                               Cancellation cancel) {
        DatasetEncoder encoder = new DatasetEncoder(cache);
        ThreadLocal<FlowEstimator> estimators = ThreadLocal.withInitial(() -> new FlowEstimator(config));
        return each(cache, ds, "flow (" + config.method().id() + ")", p -> encoder.flow(ds, p, config,
                estimators.get()), progress, cancel);
    }

    private static Summary each(EncodingCache cache, PairedDataset ds, String label, PairEncoding encoding,
                                ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        List<Pair> pairs = ds.pairs();
        List<DatasetIssue> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        progress.progress("Encoding " + label + " 0/" + pairs.size(), 0);
        IntStream.range(0, pairs.size()).parallel().forEach(i -> {
            if (cancel.isCancelled()) {
                return;
            }
            Pair p = pairs.get(i);
            try {
                encoding.encode(p);
            } catch (BadInputException e) {
                failures.add(new DatasetIssue(DatasetIssue.Severity.ERROR, e.location(), p.id(), e.problem()));
            } catch (IOException | RuntimeException e) {
                failures.add(new DatasetIssue(DatasetIssue.Severity.ERROR, p.location(), p.id(),
                        "could not be encoded: " + e.getMessage()));
            }
            int n = done.incrementAndGet();
            progress.progress("Encoding " + label + " " + n + "/" + pairs.size(), n / (double) pairs.size());
        });
        cancel.check();
        return new Summary(done.get() - failures.size(), List.copyOf(failures), (System.nanoTime() - start) / 1e9,
                cache.root());
    }
}
