package org.xmodal.engine.finetune;

import java.util.List;
import java.util.SplittableRandom;
import org.xmodal.engine.regions.Region;
import org.xmodal.engine.regions.RegionImages;
import org.xmodal.engine.train.StepRandom;

/**
 * Training batches for a region classifier: a fixed share of foreground regions (Fast R-CNN's 25%) and background
 * for the rest, each drawn uniformly with replacement and flipped at random. A batch is a function of
 * (seed, step) alone, so a resumed run draws exactly what the uninterrupted one did.
 */
final class RegionSampler {
    /** Inputs (laid out as NetworkInput says) and their labels. */
    record Batch(float[] inputs, int[] labels, int size) {
    }

    private static final long STREAM = 5;

    private final RegionImages images;
    private final TrainingRegions regions;
    private final double foregroundShare;
    private final boolean flip;
    private final long seed;

    RegionSampler(RegionImages images, TrainingRegions regions, double foregroundShare, boolean flip, long seed) {
        if (regions.foreground().isEmpty()) {
            throw new IllegalArgumentException("no labelled object to train on: the labelled train pairs have no box "
                    + "of the dataset's classes");
        }
        this.images = images;
        this.regions = regions;
        this.foregroundShare = regions.background().isEmpty() ? 1 : foregroundShare;
        this.flip = flip;
        this.seed = seed;
    }

    /** Foreground regions in a batch of {@code size}: at least one, and all when there is no background. */
    int foregroundCount(int size) {
        return Math.max(1, Math.min(size, (int) Math.round(foregroundShare * size)));
    }

    Batch get(long step, int size) {
        SplittableRandom r = StepRandom.of(seed, step, STREAM);
        int side = images.side();
        float[] inputs = new float[size * 3 * side * side];
        int[] labels = new int[size];
        int fg = foregroundCount(size);
        for (int b = 0; b < size; b++) {
            List<Region> pool = b < fg ? regions.foreground() : regions.background();
            Region region = pool.get(r.nextInt(pool.size()));
            images.write(region.pair(), region.box(), flip && r.nextBoolean(), inputs, b);
            labels[b] = region.label();
        }
        return new Batch(inputs, labels, size);
    }
}
