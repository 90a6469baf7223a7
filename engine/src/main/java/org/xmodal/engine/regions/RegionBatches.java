package org.xmodal.engine.regions;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.train.StepRandom;
import org.xmodal.engine.transfer.InputNormalisation;

/**
 * Batches of labelled regions (ground-truth object boxes, warped with context) for training classifiers: the RGB
 * teacher, and the region fine-tuning of students. Regions are sampled uniformly with replacement and flipped at
 * random, from (seed, step) alone, so a resumed run draws the same batches.
 */
public final class RegionBatches {
    /** Inputs (normalised, laid out as NetworkInput says) and their class indices. */
    public record Batch(float[] inputs, int[] labels, int size, int side) {
    }

    private final RegionImages images;
    private final List<Region> regions;
    private final long seed;

    public RegionBatches(List<RgbImage> images, List<Region> regions, InputNormalisation normalisation, int side,
                         long seed) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("no labelled regions to train on");
        }
        this.images = new RegionImages(images, null, normalisation, side);
        this.regions = List.copyOf(regions);
        this.seed = seed;
    }

    /** The regions of the pairs' objects whose class is in {@code classes}; {@code pair} indexes {@code pairs}. */
    public static List<Region> regionsOf(List<Pair> pairs, List<String> classes) {
        List<Region> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (ObjectAnnotation o : pairs.get(i).annotation().objects()) {
                int label = classes.indexOf(o.className());
                if (label >= 0) {
                    out.add(new Region(i, o.box(), label));
                }
            }
        }
        return out;
    }

    public int regionCount() {
        return regions.size();
    }

    public Batch get(long step, int batchSize) {
        SplittableRandom r = StepRandom.of(seed, step, 3);
        int side = images.side();
        float[] inputs = new float[batchSize * 3 * side * side];
        int[] labels = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            Region region = regions.get(r.nextInt(regions.size()));
            images.write(region.pair(), region.box(), r.nextBoolean(), inputs, b);
            labels[b] = region.label();
        }
        return new Batch(inputs, labels, batchSize, side);
    }

    /** Every region once, unflipped, in order (for evaluation), in chunks of {@code chunk}. */
    public List<Batch> all(int chunk) {
        List<Batch> out = new ArrayList<>();
        int side = images.side();
        for (int start = 0; start < regions.size(); start += chunk) {
            int n = Math.min(chunk, regions.size() - start);
            float[] inputs = new float[n * 3 * side * side];
            int[] labels = new int[n];
            for (int b = 0; b < n; b++) {
                Region region = regions.get(start + b);
                images.write(region.pair(), region.box(), false, inputs, b);
                labels[b] = region.label();
            }
            out.add(new Batch(inputs, labels, n, side));
        }
        return out;
    }
}
