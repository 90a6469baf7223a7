package org.xmodal.engine.encode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;

/**
 * Encodes every pair of a dataset (HHA for depth, flow for frame pairs) into an {@link EncodingCache}, on all
 * cores, skipping what is already cached; a run with the same {@link Encoding} then reads them from the cache. A
 * pair that fails is reported and the others go on.
 */
public final class DatasetEncoder {
    /** What a batch did. */
    public record Summary(int encoded, int reused, List<DatasetIssue> failures, double seconds) {
    }

    private final EncodingCache cache;

    public DatasetEncoder(EncodingCache cache) {
        this.cache = cache;
    }

    /**
     * Encodes all pairs as {@code encoding} says (HHA for depth datasets read as HHA, flow for frame pairs), exactly
     * as a run with that encoding will read them.
     */
    public Summary encodeAll(PairedDataset ds, Encoding encoding, ProgressListener progress, Cancellation cancel) {
        return encodeShard(ds, encoding, 0, 1, progress, cancel);
    }

    /**
     * Encodes one shard of the pairs: those whose place in the dataset's list is {@code shard} modulo {@code shards}
     * (the shards of one dataset are disjoint and together every pair; a cluster's job array encodes them side by
     * side into one shared cache).
     */
    public Summary encodeShard(PairedDataset ds, Encoding encoding, int shard, int shards, ProgressListener progress,
                               Cancellation cancel) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + ": a shard is 0.." + (shards - 1));
        }
        long start = System.nanoTime();
        List<Pair> all = ds.pairs();
        List<Pair> pairs = new ArrayList<>();
        for (int i = shard; i < all.size(); i += shards) {
            pairs.add(all.get(i));
        }
        List<DatasetIssue> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger reused = new AtomicInteger();
        PairEncoding enc = PairEncoding.of(encoding, ds, cache);
        String label = enc.label();
        Parallel.forEach(pairs.size(), i -> {
            if (cancel.isCancelled()) {
                return;
            }
            Pair p = pairs.get(i);
            try {
                if (enc.ensureCached(p)) {
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
