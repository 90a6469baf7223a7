package org.xmodal.engine.proposals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.image.OutputFiles;

/**
 * Object proposals computed once per image and kept in the {@link EncodingCache} beside the HHA images
 * ({@code proposals/<ab>/<key>.json}, all of an image's proposals best first), keyed like them by the pair's input
 * bytes and every parameter: the selective-search config and the HHA encoding (the run's) its depth cues came from. Every arm
 * and seed of an experiment reads the same proposals, and a second experiment on the same data computes none.
 */
public final class ProposalCache {
    /** The stored form: what made the boxes, and the boxes as {@code [x1, y1, x2, y2]}. */
    record Entry(String fingerprint, List<double[]> boxes) {
    }

    private ProposalCache() {
    }

    /** Colour-and-depth selective search for depth datasets with a camera, colour only otherwise. */
    public static ProposalConfig configFor(PairedDataset ds) {
        return usesDepth(ds) ? ProposalConfig.rgbd() : ProposalConfig.rgbd().withoutDepth();
    }

    private static boolean usesDepth(PairedDataset ds) {
        return ds.modality() == Modality.DEPTH && ds.camera().isPresent();
    }

    /**
     * The proposals of each pair, best first, by pair id in the order of {@code pairs}: read from the cache, or
     * computed on all cores and stored.
     */
    public static Map<String, List<Box>> proposals(PairEncoding encoding, List<Pair> pairs, ProgressListener progress,
                                            Cancellation cancel) throws IOException {
        PairedDataset ds = encoding.dataset();
        ProposalConfig config = configFor(ds);
        boolean depth = usesDepth(ds);
        String fingerprint = config.fingerprint() + (depth ? " | " + encoding.hhaFingerprint() : "");
        ThreadLocal<SelectiveSearch> searches = ThreadLocal.withInitial(() -> new SelectiveSearch(config));
        Map<String, List<Box>> found = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        IOException[] failure = new IOException[1];
        Parallel.forEach(pairs.size(), i -> {
            if (failure[0] != null || cancel.isCancelled()) {
                return;
            }
            Pair p = pairs.get(i);
            try {
                Path file = encoding.cache().file("proposals", EncodingCache.key(p, ds.root(), fingerprint), "json");
                List<Box> boxes = read(file, fingerprint);
                if (boxes == null) {
                    RgbImage hha = depth ? encoding.hha(p) : null;
                    boxes = searches.get().propose(ds.rgb(p), hha);
                    write(file, fingerprint, boxes);
                }
                found.put(p.id(), boxes);
            } catch (IOException e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
            int n = done.incrementAndGet();
            progress.progress("Proposals " + n + "/" + pairs.size(), n / (double) pairs.size());
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        cancel.check();
        Map<String, List<Box>> out = new LinkedHashMap<>();
        pairs.forEach(p -> out.put(p.id(), found.get(p.id())));
        return out;
    }

    /** The cached boxes, or null when the file is missing, unreadable or made by something else. */
    private static List<Box> read(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Entry e = Json.MAPPER.readValue(file.toFile(), Entry.class);
            if (!fingerprint.equals(e.fingerprint()) || e.boxes() == null) {
                return null;
            }
            List<Box> boxes = new ArrayList<>(e.boxes().size());
            for (double[] b : e.boxes()) {
                boxes.add(new Box(b[0], b[1], b[2], b[3]));
            }
            return boxes;
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is recomputed and replaced
        }
    }

    /** One line of compact JSON, written to a temporary file and renamed into place. */
    private static void write(Path file, String fingerprint, List<Box> boxes) throws IOException {
        byte[] line = Json.COMPACT.writeValueAsBytes(new Entry(fingerprint,
                boxes.stream().map(Box::toArray).toList()));
        OutputFiles.replace(file, tmp -> Files.write(tmp, line));
    }
}
