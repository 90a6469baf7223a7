package org.xmodal.engine.finetune;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.eval.Detection;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.image.OutputFiles;

/**
 * A region classifier's pre-softmax class scores for every scored box of every test image: what late fusion
 * averages (the paper's RGB + D: 0.5 / 0.5 on pre-softmax scores) without running either network again.
 *
 * <p>On disk, in a run's {@code results/}: {@code scores.f32}, the scores as little-endian float32, row-major,
 * one row per box and one column per class (numpy: {@code np.fromfile(f, "<f4").reshape(rows, len(columns))}), and
 * {@code scores.json}, the columns (the background first when there is one), and the images in row order with
 * their boxes {@code [x1, y1, x2, y2]}.
 *
 * @param columns    class names of the columns; {@link #BACKGROUND} first for detection
 * @param images     the scored images in row order, each with its boxes
 * @param scores     rows x columns, row-major
 */
public record RegionScores(List<String> columns, List<ImageBoxes> images, float[] scores) {
    public static final String BACKGROUND = "__background__";
    public static final String SCORES_FILE = "scores.f32";
    public static final String INDEX_FILE = "scores.json";

    /** One image's scored boxes. */
    public record ImageBoxes(String id, List<Box> boxes) {
        public ImageBoxes {
            Objects.requireNonNull(id, "id");
            boxes = List.copyOf(boxes);
        }
    }

    /** {@code scores.json}. */
    @JsonPropertyOrder({"format", "version", "rows", "columns", "images"})
    record Index(String format, int version, int rows, List<String> columns, List<IndexImage> images) {
    }

    record IndexImage(String id, List<double[]> boxes) {
    }

    private static final String FORMAT = "xmodal-region-scores";

    public RegionScores {
        columns = List.copyOf(columns);
        images = List.copyOf(images);
        if (scores.length != (long) rows(images) * columns.size()) {
            throw new IllegalArgumentException("expected " + rows(images) + " x " + columns.size() + " scores, got "
                    + scores.length);
        }
    }

    private static int rows(List<ImageBoxes> images) {
        return images.stream().mapToInt(i -> i.boxes().size()).sum();
    }

    public int rows() {
        return rows(images);
    }

    public boolean hasBackground() {
        return !columns.isEmpty() && columns.get(0).equals(BACKGROUND);
    }

    /** The object classes: the columns without the background. */
    public List<String> classes() {
        return hasBackground() ? columns.subList(1, columns.size()) : columns;
    }

    /**
     * Late fusion: {@code weightA * a + (1 - weightA) * b}, score by score.
     *
     * @throws IllegalArgumentException unless both scored the same boxes of the same images for the same classes
     */
    public static RegionScores average(RegionScores a, RegionScores b, double weightA) {
        if (!a.columns.equals(b.columns)) {
            throw new IllegalArgumentException("cannot fuse scores of different classes: " + a.columns + " and "
                    + b.columns);
        }
        if (!a.images.equals(b.images)) {
            throw new IllegalArgumentException("cannot fuse scores of different boxes: both runs must score the same "
                    + "proposals of the same test images");
        }
        float[] out = new float[a.scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (weightA * a.scores[i] + (1 - weightA) * b.scores[i]);
        }
        return new RegionScores(a.columns, a.images, out);
    }

    /**
     * Every scored box as a detection of every class, scored by its softmax probability over the columns (the
     * background's own probability is not a detection), by image id.
     */
    public Map<String, List<Detection>> detections() {
        Map<String, List<Detection>> out = new LinkedHashMap<>();
        int k = columns.size();
        int firstClass = hasBackground() ? 1 : 0;
        double[] p = new double[k];
        int row = 0;
        for (ImageBoxes image : images) {
            List<Detection> dets = new ArrayList<>(image.boxes().size() * (k - firstClass));
            for (Box box : image.boxes()) {
                softmax(scores, row * k, k, p);
                for (int c = firstClass; c < k; c++) {
                    dets.add(new Detection(image.id(), columns.get(c), box, p[c]));
                }
                row++;
            }
            out.put(image.id(), dets);
        }
        return out;
    }

    /** Each scored box's softmax probabilities over the columns, in row order. */
    public double[][] probabilities() {
        int k = columns.size();
        double[][] p = new double[rows()][k];
        for (int row = 0; row < p.length; row++) {
            softmax(scores, row * k, k, p[row]);
        }
        return p;
    }

    static void softmax(float[] x, int offset, int k, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, x[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            out[c] = Math.exp(x[offset + c] - max);
            sum += out[c];
        }
        for (int c = 0; c < k; c++) {
            out[c] /= sum;
        }
    }

    /** Writes {@code scores.f32} and then {@code scores.json} into {@code dir}, each atomically. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer buf = ByteBuffer.allocate(scores.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(scores);
        OutputFiles.replace(dir.resolve(SCORES_FILE), tmp -> Files.write(tmp, buf.array()));
        List<IndexImage> index = images.stream()
                .map(i -> new IndexImage(i.id(), i.boxes().stream().map(Box::toArray).toList())).toList();
        Json.writeAtomically(new Index(FORMAT, 1, rows(), columns, index), dir.resolve(INDEX_FILE));
    }

    /** Reads what {@link #write} wrote into {@code dir} (a run's {@code results/}). */
    public static RegionScores read(Path dir) throws IOException {
        Path indexFile = dir.resolve(INDEX_FILE);
        Path scoresFile = dir.resolve(SCORES_FILE);
        if (!Files.isRegularFile(indexFile) || !Files.isRegularFile(scoresFile)) {
            throw new BadInputException(dir, "has no region scores (" + INDEX_FILE + " and " + SCORES_FILE
                    + "): was the run a finished fine-tuning run?");
        }
        Index index = Json.MAPPER.readValue(indexFile.toFile(), Index.class);
        if (!FORMAT.equals(index.format())) {
            throw new BadInputException(indexFile, "is not an index of region scores");
        }
        List<ImageBoxes> images = new ArrayList<>();
        for (IndexImage i : index.images()) {
            images.add(new ImageBoxes(i.id(), i.boxes().stream().map(b -> new Box(b[0], b[1], b[2], b[3])).toList()));
        }
        byte[] bytes = Files.readAllBytes(scoresFile);
        long expected = (long) rows(images) * index.columns().size() * Float.BYTES;
        if (bytes.length != expected) {
            throw new BadInputException(scoresFile, "holds " + bytes.length + " bytes but its index describes "
                    + expected);
        }
        float[] scores = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(scores);
        return new RegionScores(index.columns(), images, scores);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionScores r && columns.equals(r.columns) && images.equals(r.images)
                && java.util.Arrays.equals(scores, r.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, images, java.util.Arrays.hashCode(scores));
    }

    @Override
    public String toString() {
        return "RegionScores[" + rows() + " boxes x " + columns.size() + " columns]";
    }
}
