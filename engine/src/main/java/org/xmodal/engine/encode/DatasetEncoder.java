package org.xmodal.engine.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;

/**
 * Encodes every pair of a dataset (HHA for depth, flow for frame pairs) into an {@link EncodingCache}, on all
 * cores, skipping what is already cached. A pair that fails is reported and the others go on.
 */
public final class DatasetEncoder {
    /** What a batch did. */
    public record Summary(int encoded, int reused, List<DatasetIssue> failures, double seconds) {
    }

    private final EncodingCache cache;

    public DatasetEncoder(EncodingCache cache) {
        this.cache = cache;
    }

    /** The cached HHA image of a pair for a config, computing and storing it when missing. */
    public Path hha(PairedDataset ds, Pair pair, HhaConfig config, HhaEncoder encoder) throws IOException {
        return hhaEntry(ds, pair, config, encoder).file();
    }

    /** The cached flow (.flo) of a frame pair for a config, computing and storing it when missing. */
    public Path flow(PairedDataset ds, Pair pair, FlowConfig config, FlowEstimator estimator) throws IOException {
        return flowEntry(ds, pair, config, estimator).file();
    }

    private record Entry(Path file, boolean reused) {
    }

    private Entry hhaEntry(PairedDataset ds, Pair pair, HhaConfig config, HhaEncoder encoder) throws IOException {
        Path file = cache.file("hha", EncodingCache.key(pair, ds.root(), config.fingerprint()), "png");
        if (Files.exists(file)) {
            return new Entry(file, true);
        }
        DepthMap filled = ds.depth(pair);
        DepthMap raw = ds.rawDepth(pair).orElse(null);
        ImageFiles.writeRgb(encoder.encode(filled, raw, config).hha(), file);
        return new Entry(file, false);
    }

    private Entry flowEntry(PairedDataset ds, Pair pair, FlowConfig config, FlowEstimator estimator)
            throws IOException {
        Path file = cache.file("flow", EncodingCache.key(pair, ds.root(), config.fingerprint()), "flo");
        if (Files.exists(file)) {
            return new Entry(file, true);
        }
        RgbImage a = ds.rgb(pair);
        RgbImage b = ds.next(pair);
        FloFile.write(estimator.estimate(a, b), file);
        return new Entry(file, false);
    }

    /**
     * Encodes all pairs: HHA with {@code hhaConfig} (its camera as given; the encoder scales it to each image) for
     * depth datasets, flow with {@code flowConfig} for frame pairs.
     */
    public Summary encodeAll(PairedDataset ds, HhaConfig hhaConfig, FlowConfig flowConfig, ProgressListener progress,
                             Cancellation cancel) {
        long start = System.nanoTime();
        List<Pair> pairs = ds.pairs();
        List<DatasetIssue> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger reused = new AtomicInteger();
        HhaConfig hha = ds.modality() == Modality.DEPTH ? hhaConfig : null;
        ThreadLocal<HhaEncoder> encoders = ThreadLocal.withInitial(HhaEncoder::new);
        ThreadLocal<FlowEstimator> estimators = ThreadLocal.withInitial(() -> new FlowEstimator(flowConfig));
        String label = hha != null ? "HHA" : "flow (" + flowConfig.method().id() + ")";
        Parallel.forEach(pairs.size(), i -> {
            if (cancel.isCancelled()) {
                return;
            }
            Pair p = pairs.get(i);
            try {
                Entry e = hha != null ? hhaEntry(ds, p, hha, encoders.get())
                        : flowEntry(ds, p, flowConfig, estimators.get());
                if (e.reused()) {
                    reused.incrementAndGet();
                }
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
        int total = done.get();
        return new Summary(total - reused.get() - failures.size(), reused.get(), List.copyOf(failures),
                (System.nanoTime() - start) / 1e9);
    }
}
