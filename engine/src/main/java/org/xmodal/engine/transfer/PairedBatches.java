package org.xmodal.engine.transfer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.StepRandom;

/**
 * Batches of paired inputs for supervision transfer: the RGB image for the teacher and the encoded image (as the
 * run's {@code encoding} says: HHA or depth, or flow in the action-tubes encoding) for the student, with the same random crop and flip on both (a flipped
 * flow field has u negated before it is encoded). Pairs are decoded, encoded (through the cache) and resized once;
 * batches are assembled on a background thread ahead of the training step. A batch depends only on
 * (seed, step), so a resumed run sees the same data as an uninterrupted one.
 */
public final class PairedBatches implements TransferBatches {
    /**
     * Float inputs, already normalised and laid out as NetworkInput says; {@code views} identifies each sample's (pair, crop, flip) for a
     * teacher cache, or is null when crops are free.
     */
    public record Batch(long step, int size, int side, float[] source, float[] target, long[] views) {
    }

    /**
     * Crop side relative to the resized shorter side (Caffe's 227 out of 256); public so the workbench shows a
     * network images at the scale it was trained on.
     */
    public static final double CROP_FRACTION = 227.0 / 256.0;
    private static final int PREFETCH = 2;

    private final RgbImage[] sources;
    private final RgbImage[] images;
    private final FlowField[] flows;
    private final PairEncoding encoding;
    private final int side;
    private final int batchSize;
    private final long seed;
    private final boolean randomCrop;
    private final boolean flip;
    private final int cropGrid;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xmodal-batches");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Future<Batch>> pending = new ConcurrentHashMap<>();
    private final Map<Long, int[]> permutations = new ConcurrentHashMap<>();

    private PairedBatches(RgbImage[] sources, RgbImage[] images, FlowField[] flows, PairEncoding encoding, int side,
                          int batchSize, long seed, boolean randomCrop, boolean flip, int cropGrid) {
        this.sources = sources;
        this.images = images;
        this.flows = flows;
        this.encoding = encoding;
        this.side = side;
        this.batchSize = batchSize;
        this.seed = seed;
        this.randomCrop = randomCrop;
        this.flip = flip;
        this.cropGrid = cropGrid;
    }

    /** Decodes, encodes and resizes every pair once (all cores), reporting progress. */
    public static PairedBatches prepare(PairEncoding encoding, List<Pair> pairs, int side, int batchSize, long seed,
                                        boolean randomCrop, boolean flip, int cropGrid, ProgressListener progress,
                                        Cancellation cancel) throws IOException {
        PairedDataset ds = encoding.dataset();
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(ds.root() + ": no training pairs to transfer with");
        }
        int n = pairs.size();
        RgbImage[] src = new RgbImage[n];
        RgbImage[] img = new RgbImage[n];
        FlowField[] flo = ds.modality() == Modality.FLOW ? new FlowField[n] : null;
        AtomicInteger done = new AtomicInteger();
        IOException[] failure = new IOException[1];
        Parallel.forEach(n, i -> {
            if (failure[0] != null || cancel.isCancelled()) {
                return;
            }
            try {
                Pair p = pairs.get(i);
                RgbImage rgb = ds.rgb(p);
                src[i] = resized(rgb, side);
                int w = src[i].width();
                int h = src[i].height();
                if (flo != null) {
                    flo[i] = Resize.flow(encoding.flow(p), w, h);
                } else {
                    img[i] = Resize.rgb(encoding.depthInput(p), w, h);
                }
            } catch (IOException e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
            int k = done.incrementAndGet();
            progress.progress("Encoding " + encoding.label() + " " + k + " of " + n + " pairs", k / (double) n);
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        cancel.check();
        return new PairedBatches(src, img, flo, encoding, side, batchSize, seed, randomCrop, flip, cropGrid);
    }

    @Override
    public int pairCount() {
        return sources.length;
    }

    /** Distinct (pair, crop position, flip) views a teacher cache must hold; 0 when crops are free. */
    @Override
    public long viewCount() {
        return cropGrid > 1 || !randomCrop ? (long) sources.length * positions() * positions() * 2 : 0;
    }

    private int positions() {
        return positions(randomCrop, cropGrid);
    }

    /** Crop positions along each side: the grid's with random crops from a grid, one (the centre) without. */
    static int positions(boolean randomCrop, int cropGrid) {
        return randomCrop ? Math.max(1, cropGrid) : 1;
    }

    /** An image as the batches crop it: its shorter side resized to {@code side / CROP_FRACTION}. */
    static RgbImage resized(RgbImage rgb, int side) {
        int[] size = Resize.toShortSide(rgb.width(), rgb.height(), (int) Math.ceil(side / CROP_FRACTION));
        return Resize.rgb(rgb, size[0], size[1]);
    }

    /**
     * Where the crop of cell {@code cell} of a {@code g} x {@code g} grid starts ({x, y}) in a {@code width} x
     * {@code height} image: the grid's corners spread over the image, the centre for a grid of one.
     */
    static int[] gridOrigin(int width, int height, int side, int g, int cell) {
        int gx = cell % g;
        int gy = cell / g;
        return new int[] {g == 1 ? (width - side) / 2 : Math.round(gx * (width - side) / (float) (g - 1)),
                g == 1 ? (height - side) / 2 : Math.round(gy * (height - side) / (float) (g - 1))};
    }

    /** A teacher cache's slot for (pair, grid cell, flip): a pair's views are consecutive. */
    static long view(int pair, int g, int cell, boolean mirror) {
        return ((long) pair * g * g + cell) * 2 + (mirror ? 1 : 0);
    }

    /** The batch of step {@code step}; the next ones are prepared in the background meanwhile. */
    @Override
    public Batch get(long step) {
        for (long s = step; s <= step + PREFETCH; s++) {
            long k = s;
            pending.computeIfAbsent(k, x -> worker.submit(() -> assemble(k)));
        }
        try {
            return pending.remove(step).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while loading a batch");
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not assemble batch " + step + ": " + e.getCause(), e.getCause());
        }
    }

    Batch assemble(long step) {
        int plane = 3 * side * side;
        float[] source = new float[batchSize * plane];
        float[] target = new float[batchSize * plane];
        boolean gridded = viewCount() > 0;
        long[] views = gridded ? new long[batchSize] : null;
        SplittableRandom rnd = StepRandom.of(seed, step, 1);
        int g = positions();
        for (int b = 0; b < batchSize; b++) {
            int i = pairAt(step * batchSize + b);
            RgbImage s = sources[i];
            int x0;
            int y0;
            int cell = 0;
            if (!randomCrop || gridded) {
                if (randomCrop) {
                    int gx = rnd.nextInt(g);
                    int gy = rnd.nextInt(g);
                    cell = gy * g + gx;
                }
                int[] origin = gridOrigin(s.width(), s.height(), side, g, cell);
                x0 = origin[0];
                y0 = origin[1];
            } else {
                x0 = rnd.nextInt(s.width() - side + 1);
                y0 = rnd.nextInt(s.height() - side + 1);
            }
            boolean mirror = flip && rnd.nextBoolean();
            if (gridded) {
                views[b] = view(i, g, cell, mirror);
            }
            InputNormalisation.IMAGE.write(s, x0, y0, side, mirror, source, b);
            if (flows != null) {
                FlowField f = flows[i];
                RgbImage encoded = encoding.flowImage(mirror ? FlowImages.flipHorizontally(f) : f);
                // the flipped field is already mirrored: take the mirrored window without flipping again
                int fx0 = mirror ? f.width() - side - x0 : x0;
                InputNormalisation.FLOW.write(encoded, fx0, y0, side, false, target, b);
            } else {
                InputNormalisation.IMAGE.write(images[i], x0, y0, side, mirror, target, b);
            }
        }
        return new Batch(step, batchSize, side, source, target, views);
    }

    /** Sample position {@code k} of the endless stream: epochs are fresh permutations of (seed, epoch). */
    private int pairAt(long k) {
        int n = sources.length;
        long epoch = k / n;
        int[] perm = permutations.computeIfAbsent(epoch, e -> {
            int[] p = IntStream.range(0, n).toArray();
            SplittableRandom r = StepRandom.of(seed, e, 2);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        });
        permutations.keySet().removeIf(e -> e < epoch - 1);
        return perm[(int) (k % n)];
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
