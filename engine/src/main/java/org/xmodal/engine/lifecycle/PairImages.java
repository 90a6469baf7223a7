package org.xmodal.engine.lifecycle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.transfer.InputNormalisation;
import org.xmodal.engine.transfer.Resize;

/**
 * Whole images of pairs held in memory as the networks take them (warped to a square side, normalised), read once
 * per run by the runs that classify whole images (SOCKET, distillation), and rows of them gathered into batches.
 */
public final class PairImages {
    /** One of a pair's images: its RGB, or its paired modality as the encoding makes it. */
    @FunctionalInterface
    public interface ImageOf {
        RgbImage of(Pair p) throws IOException;
    }

    private PairImages() {
    }

    /**
     * Each pair's image warped to side x side and normalised, read in parallel with progress ("Reading WHAT n/N").
     *
     * @throws IOException the first image that could not be read, naming its file
     */
    public static float[][] read(List<Pair> pairs, ImageOf image, InputNormalisation norm, int side, String what,
                                 ProgressListener progress) throws IOException {
        float[][] out = new float[pairs.size()][];
        IOException[] failure = new IOException[1];
        AtomicInteger done = new AtomicInteger();
        Parallel.forEach(pairs.size(), i -> {
            try {
                float[] a = new float[3 * side * side];
                norm.write(Resize.rgb(image.of(pairs.get(i)), side, side), 0, 0, side, false, a, 0);
                out[i] = a;
            } catch (IOException e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
            int n = done.incrementAndGet();
            progress.progress(String.format(Locale.ROOT, "Reading %s %d/%d", what, n, pairs.size()),
                    n / (double) pairs.size());
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return out;
    }

    /** The rows {@code which} of {@code rows}, one after the other in one array. */
    public static float[] gather(float[][] rows, int[] which) {
        int d = rows[0].length;
        float[] out = new float[which.length * d];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(rows[which[i]], 0, out, i * d, d);
        }
        return out;
    }

    /** An array's rows (its first dimension) as Java arrays, each of the remaining dimensions flattened. */
    public static float[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        float[] flat = a.toFloatArray();
        int d = flat.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    /** What one chunk of images gives: called with the chunk's input batch and the index of its first image. */
    @FunctionalInterface
    public interface Chunk {
        void apply(NDArray batch, int first);
    }

    /**
     * Runs {@code each} over the images a few at a time (16), each chunk as an N x 3 x side x side batch in a
     * sub-manager of {@code manager} that is closed after it: inference over a whole set without holding it on the
     * device at once.
     */
    public static void inChunks(float[][] images, int side, NDManager manager, Chunk each) {
        int chunk = 16;
        for (int i = 0; i < images.length; i += chunk) {
            int n = Math.min(chunk, images.length - i);
            try (NDManager m = manager.newSubManager()) {
                int[] rows = java.util.stream.IntStream.range(i, i + n).toArray();
                each.apply(org.xmodal.engine.nn.NetworkInput.tensor(m, gather(images, rows),
                        new ai.djl.ndarray.types.Shape(n, 3, side, side)), i);
            }
        }
    }
}
