package org.xmodal.engine.transfer;

import org.xmodal.engine.run.FinetuneInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.proposals.ProposalCache;
import org.xmodal.engine.regions.RegionImages;
import org.xmodal.engine.regions.RegionInputs;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.StepRandom;

/**
 * Transfer batches made of object regions instead of whole-image crops: a pair, then one of its first N object
 * proposals, drawn uniformly; the region warped with context (R-CNN) from the RGB image for the teacher and from
 * the paired image (HHA, or flow with u negated when flipped) for the student, with the same flip. This is what a
 * region classifier sees, so the student learns the teacher's features of exactly the inputs it will be
 * fine-tuned on. A batch depends on (seed, step) alone.
 */
final class PairedRegionBatches implements TransferBatches {
    private static final long STREAM = 6;

    private final RegionImages rgb;
    private final RegionImages paired;
    private final List<List<Box>> boxes;
    private final int batchSize;
    private final long seed;
    private final boolean flip;

    private PairedRegionBatches(RegionImages rgb, RegionImages paired, List<List<Box>> boxes, int batchSize, long seed,
                                boolean flip) {
        this.rgb = rgb;
        this.paired = paired;
        this.boxes = boxes;
        this.batchSize = batchSize;
        this.seed = seed;
        this.flip = flip;
    }

    /** Reads both images of every pair (the paired one through the encoding cache) and their proposals. */
    static PairedRegionBatches prepare(PairEncoding encoding, List<Pair> pairs, int side, int batchSize, long seed,
                                       boolean flip, int proposals, ProgressListener progress, Cancellation cancel)
            throws IOException {
        PairedDataset ds = encoding.dataset();
        Map<String, List<Box>> found = ProposalCache.proposals(encoding, pairs, progress, cancel);
        List<Pair> usable = new ArrayList<>();
        List<List<Box>> boxes = new ArrayList<>();
        for (Pair p : pairs) {
            List<Box> b = found.get(p.id());
            if (!b.isEmpty()) {
                usable.add(p);
                boxes.add(List.copyOf(b.subList(0, Math.min(proposals, b.size()))));
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException(ds.root() + ": no training pair has an object proposal to transfer on");
        }
        RegionImages rgb = RegionInputs.load(encoding, usable, FinetuneInput.RGB, side, progress, cancel);
        RegionImages paired = RegionInputs.load(encoding, usable, FinetuneInput.PAIRED, side, progress, cancel);
        return new PairedRegionBatches(rgb, paired, boxes, batchSize, seed, flip);
    }

    @Override
    public PairedBatches.Batch get(long step) {
        int side = rgb.side();
        float[] source = new float[batchSize * 3 * side * side];
        float[] target = new float[batchSize * 3 * side * side];
        SplittableRandom r = StepRandom.of(seed, step, STREAM);
        for (int b = 0; b < batchSize; b++) {
            int pair = r.nextInt(boxes.size());
            List<Box> candidates = boxes.get(pair);
            Box box = candidates.get(r.nextInt(candidates.size()));
            boolean mirror = flip && r.nextBoolean();
            rgb.write(pair, box, mirror, source, b);
            paired.write(pair, box, mirror, target, b);
        }
        return new PairedBatches.Batch(step, batchSize, side, source, target, null);
    }

    @Override
    public int pairCount() {
        return boxes.size();
    }

    @Override
    public long viewCount() {
        return 0;
    }

    @Override
    public void close() {
    }
}
