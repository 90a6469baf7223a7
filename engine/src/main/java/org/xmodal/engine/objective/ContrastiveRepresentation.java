package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.xmodal.engine.nn.NativeScalar;

/**
 * Contrastive representation distillation (Tian, Krishnan and Isola, "Contrastive Representation Distillation",
 * ICLR 2020), with a memory bank of negatives and the NCE loss of the authors' code (RepDistiller's
 * {@code CRDLoss}, {@code ContrastMemory} and {@code ContrastLoss}).
 *
 * <p>Two trainable heads embed the student's and the teacher's features: {@code e = normalise(W x + b)}, a linear map
 * to {@code embedding} dimensions followed by L2 normalisation. Two memory banks hold one embedding per training pair,
 * the student's and the teacher's, as running averages. For each row {@code i} of a batch, with {@code y_i} its index
 * in the training set and {@code K} negatives {@code n_i1..n_iK} drawn from the other indices, the student's
 * embedding is scored against the teacher's memory at {@code [y_i, n_i1..n_iK]}, and the teacher's embedding against
 * the student's memory at the same indices: {@code h = exp(<e, m> / T) / Z}. The normaliser {@code Z} of each side is
 * estimated once, on the first batch, as the mean of that batch's unnormalised scores times the training-set size
 * {@code N}, and kept from then on (it is part of {@link #state()}). Each side's loss is NCE with a uniform noise
 * distribution {@code Pn = 1/N}:
 * {@code -mean_i [log(h_i0 / (h_i0 + K Pn + eps)) + sum_k log(K Pn / (h_ik + K Pn + eps))]}, {@code eps = 1e-7};
 * the term is the student side plus the teacher side. After the scores are computed (from gathered copies of the
 * memory, so the backward pass does not see the update), each bank's rows of the batch move towards the batch's
 * embeddings, without gradient: {@code m[y_i] = normalise(momentum * m[y_i] + (1 - momentum) * e_i)}.
 *
 * <p>Gradient reaches the student's features and both heads; the teacher's features are constants (the teacher is
 * frozen), but the teacher's head is trained, as in CRD, through the teacher side of the loss.
 *
 * <p>Where this differs from RepDistiller, and why:
 * <ul>
 *   <li>Negatives are drawn uniformly with replacement from the training indices other than the row's own, with the
 *   caller's {@link SplittableRandom} (a step-seeded one, so that a resumed run draws the same negatives).
 *   When RepDistiller's {@code ContrastMemory} draws them itself, its alias sampler draws from all indices, the
 *   anchor's own included, which then counts as a negative of itself. Its CIFAR-100 training (the paper's setting)
 *   instead passes negatives that the data loader draws from the samples of the other classes, which needs class
 *   labels that a cross-modal pairing does not have.</li>
 *   <li>The heads' initialisation is PyTorch's {@code nn.Linear} default (weight and bias uniform in
 *   {@code ±1/sqrt(fan_in)}) and the banks' RepDistiller's (uniform in {@code ±1/sqrt(embedding/3)}), but drawn from
 *   {@code seed} with Java's {@link SplittableRandom}, so the numbers are not PyTorch's. The weights keep PyTorch's
 *   layout, (embedding, input features).</li>
 *   <li>The L2 normalisations divide by {@code max(|x|, 1e-12)}, so an all-zero vector gives 0 rather than NaN;
 *   RepDistiller divides by the plain norm.</li>
 *   <li>{@link Settings#DEFAULTS} uses 4096 negatives, not RepDistiller's 16384, to fit CPU runs and smaller
 *   training sets; the other defaults (embedding 128, temperature 0.07, momentum 0.5) are the authors'.</li>
 *   <li>A batch is expected to hold distinct training indices (a shuffled epoch's batch); if an index repeats, the
 *   memory keeps the update of one of its rows.</li>
 * </ul>
 */
public final class ContrastiveRepresentation implements AutoCloseable {
    /** The epsilon in the NCE loss's denominators, as RepDistiller has it. */
    static final double NCE_EPSILON = 1e-7;
    /** The clamp on the norms of the L2 normalisations. */
    static final double NORM_FLOOR = 1e-12;

    /**
     * @param embedding   the dimension of the heads' output and of the memory's rows
     * @param negatives   {@code K}, the negatives drawn per row
     * @param temperature {@code T} in {@code exp(<e, m> / T)}
     * @param momentum    the share of a memory row's old value in its update, in [0, 1)
     */
    public record Settings(int embedding, int negatives, double temperature, double momentum) {
        /** Embedding 128, 4096 negatives, temperature 0.07, momentum 0.5. */
        public static final Settings DEFAULTS = new Settings(128, 4096, 0.07, 0.5);

        public Settings {
            if (embedding < 1) {
                throw new IllegalArgumentException("CRD: the embedding needs at least 1 dimension, got " + embedding);
            }
            if (negatives < 1) {
                throw new IllegalArgumentException("CRD: the number of negatives must be at least 1, got "
                        + negatives);
            }
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("CRD: the temperature must be a number > 0, got " + temperature);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("CRD: the memory's momentum must be in [0, 1), got " + momentum);
            }
        }
    }

    private final NDManager manager;
    private final int studentDim;
    private final int teacherDim;
    private final int dataSize;
    private final Settings settings;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> state = new LinkedHashMap<>();

    /**
     * @param manager    the arrays live in a sub-manager of it, freed by {@link #close()}
     * @param studentDim the size of the student's feature rows
     * @param teacherDim the size of the teacher's feature rows
     * @param dataSize   {@code N}, the number of training pairs (rows of each memory bank)
     * @param settings   embedding size, negatives, temperature, momentum
     * @param seed       initialises the heads and the memory banks
     */
    public ContrastiveRepresentation(NDManager manager, int studentDim, int teacherDim, int dataSize,
                                     Settings settings, long seed) {
        if (studentDim < 1 || teacherDim < 1) {
            throw new IllegalArgumentException("CRD needs features of at least 1 dimension, got " + studentDim
                    + " (student) and " + teacherDim + " (teacher)");
        }
        if (settings.negatives() >= dataSize) {
            throw new IllegalArgumentException("CRD draws " + settings.negatives() + " negatives from a memory bank of "
                    + dataSize + " train pairs: it needs more train pairs than negatives (lower the negatives below "
                    + dataSize + ")");
        }
        this.studentDim = studentDim;
        this.teacherDim = teacherDim;
        this.dataSize = dataSize;
        this.settings = settings;
        this.manager = manager.newSubManager();
        SplittableRandom random = new SplittableRandom(seed);
        int e = settings.embedding();
        parameters.put("crd.student.weight", uniform(random, new Shape(e, studentDim), 1 / Math.sqrt(studentDim)));
        parameters.put("crd.student.bias", uniform(random, new Shape(e), 1 / Math.sqrt(studentDim)));
        parameters.put("crd.teacher.weight", uniform(random, new Shape(e, teacherDim), 1 / Math.sqrt(teacherDim)));
        parameters.put("crd.teacher.bias", uniform(random, new Shape(e), 1 / Math.sqrt(teacherDim)));
        parameters.values().forEach(p -> p.setRequiresGradient(true));
        double s = 1 / Math.sqrt(e / 3.0);
        state.put("crd.memory.student", uniform(random, new Shape(dataSize, e), s));
        state.put("crd.memory.teacher", uniform(random, new Shape(dataSize, e), s));
        state.put("crd.z.student", this.manager.create(new float[] {-1}));
        state.put("crd.z.teacher", this.manager.create(new float[] {-1}));
    }

    private NDArray uniform(SplittableRandom random, Shape shape, double bound) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return manager.create(v, shape);
    }

    /** The heads' trainable arrays, by name. */
    public Map<String, NDArray> parameters() {
        return java.util.Collections.unmodifiableMap(parameters);
    }

    /**
     * The memory banks and the normalisers (a negative normaliser: not yet estimated), by name: the arrays
     * themselves, to checkpoint and to restore in place (for instance with {@code array.set(float[])}), so that a
     * resumed run continues with the memory and the normalisers it had.
     */
    public Map<String, NDArray> state() {
        return java.util.Collections.unmodifiableMap(state);
    }

    /**
     * The term for one batch; updates the memory banks (and on the first call, the normalisers).
     *
     * @param student (batch, studentDim) the student's features; gradient flows to them
     * @param teacher (batch, teacherDim) the teacher's features; get no gradient
     * @param indices each row's index in the training set, 0..dataSize-1
     * @param random  draws the negatives
     * @return a scalar: the student side's NCE loss plus the teacher side's
     */
    public NDArray value(NDArray student, NDArray teacher, int[] indices, SplittableRandom random) {
        check(student, teacher, indices);
        return value(student, teacher, indices, negatives(indices, settings.negatives(), dataSize, random));
    }

    /** For each row, {@code negatives} indices drawn uniformly with replacement from 0..dataSize-1 but its own. */
    static int[][] negatives(int[] indices, int negatives, int dataSize, SplittableRandom random) {
        int[][] out = new int[indices.length][negatives];
        for (int i = 0; i < indices.length; i++) {
            for (int k = 0; k < negatives; k++) {
                int r = random.nextInt(dataSize - 1);
                out[i][k] = r >= indices[i] ? r + 1 : r;
            }
        }
        return out;
    }

    /** The term with the negatives given, {@code negatives[row][k]}. */
    NDArray value(NDArray student, NDArray teacher, int[] indices, int[][] negatives) {
        check(student, teacher, indices);
        int batch = indices.length;
        int k = settings.negatives();
        long[] drawn = new long[batch * (k + 1)];
        for (int i = 0; i < batch; i++) {
            if (negatives[i].length != k) {
                throw new IllegalArgumentException("CRD: row " + i + " has " + negatives[i].length
                        + " negatives, expected " + k);
            }
            drawn[i * (k + 1)] = indices[i];
            for (int j = 0; j < k; j++) {
                int n = negatives[i][j];
                if (n < 0 || n >= dataSize) {
                    throw new IllegalArgumentException("CRD: negative " + n + " of row " + i + " is outside the "
                            + "memory bank of " + dataSize + " train pairs");
                }
                drawn[i * (k + 1) + j + 1] = n;
            }
        }
        NDManager step = student.getManager();
        NDArray at = step.create(drawn);
        NDArray studentEmbedding = embed(student, "crd.student");
        NDArray teacherEmbedding = embed(teacher.stopGradient(), "crd.teacher");
        // the student's embedding against the teacher's memory, and the teacher's against the student's
        NDArray studentScores = scores(studentEmbedding, rows(state.get("crd.memory.teacher"), at, step), batch);
        NDArray teacherScores = scores(teacherEmbedding, rows(state.get("crd.memory.student"), at, step), batch);
        NDArray loss = nce(studentScores.div(normaliser("crd.z.student", studentScores, step)))
                .add(nce(teacherScores.div(normaliser("crd.z.teacher", teacherScores, step))));
        NDArray own = step.create(toLong(indices));
        update("crd.memory.student", own, studentEmbedding.stopGradient(), step);
        update("crd.memory.teacher", own, teacherEmbedding.stopGradient(), step);
        return loss;
    }

    /** {@code normalise(x W^T + b)}, (batch, embedding). */
    private NDArray embed(NDArray x, String head) {
        NDArray weight = into(x.getManager(), parameters.get(head + ".weight").transpose());
        return x.matMul(weight).add(parameters.get(head + ".bias")).normalize(2, 1, NORM_FLOOR);
    }

    /** {@code exp(<e_i, m_ij> / T)}, (batch, K + 1). */
    private NDArray scores(NDArray embedding, NDArray memory, int batch) {
        int e = settings.embedding();
        NDArray dots = memory.reshape(batch, -1, e).batchMatMul(embedding.reshape(batch, e, 1)).reshape(batch, -1);
        return dots.div(NativeScalar.of(embedding.getManager(), (float) settings.temperature())).exp();
    }

    /** A copy of the side's normaliser, estimated from {@code scores} if it is not yet. */
    private NDArray normaliser(String name, NDArray scores, NDManager step) {
        NDArray z = state.get(name);
        if (z.getFloat() < 0) {
            double mean = scores.stopGradient().mean().getFloat();
            z.set(new float[] {(float) (mean * dataSize)});
        }
        return into(step, z.duplicate());
    }

    /**
     * RepDistiller's {@code ContrastLoss}: {@code -mean_i [log(h_i0 / (h_i0 + c)) + sum_k log(K Pn / (h_ik + c))]}
     * with {@code c = K Pn + eps}.
     */
    private NDArray nce(NDArray h) {
        double kPn = (double) settings.negatives() / dataSize;
        float c = (float) (kPn + NCE_EPSILON);
        NDArray positive = h.get(":, 0");
        NDArray negative = h.get(":, 1:");
        // -log(h0 / (h0 + c)) = log(h0 + c) - log(h0); -log(K Pn / (hk + c)) = log((hk + c) / (K Pn))
        NDArray positives = positive.add(c).log().sub(positive.log());
        NDArray negatives = negative.add(c).div(NativeScalar.of(h.getManager(), (float) kPn)).log()
                .sum(new int[] {1});
        return positives.add(negatives).mean();
    }

    /** {@code memory[rows] = normalise(momentum * memory[rows] + (1 - momentum) * embedding)}, in place. */
    private void update(String name, NDArray own, NDArray embedding, NDManager step) {
        NDArray memory = state.get(name);
        NDArray old = rows(memory, own, step);
        NDArray updated = old.mul((float) settings.momentum()).add(embedding.mul((float) (1 - settings.momentum())))
                .normalize(2, 1, NORM_FLOOR);
        memory.set(new NDIndex("{}", own), updated);
    }

    /** A copy of the rows {@code at} of {@code memory}, in {@code step} (not in this object's manager). */
    private static NDArray rows(NDArray memory, NDArray at, NDManager step) {
        return into(step, memory.get(at));
    }

    /** Moves an array made from one of this object's arrays to the step's manager, so that closing it frees it. */
    private static NDArray into(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private void check(NDArray student, NDArray teacher, int[] indices) {
        Shape s = student.getShape();
        Shape t = teacher.getShape();
        if (s.dimension() != 2 || s.get(1) != studentDim) {
            throw new IllegalArgumentException("CRD: the student's features must be (batch, " + studentDim
                    + "), got " + s);
        }
        if (t.dimension() != 2 || t.get(1) != teacherDim) {
            throw new IllegalArgumentException("CRD: the teacher's features must be (batch, " + teacherDim
                    + "), got " + t);
        }
        if (s.get(0) != t.get(0) || s.get(0) != indices.length) {
            throw new IllegalArgumentException("CRD: the batch has " + s.get(0) + " student rows, " + t.get(0)
                    + " teacher rows and " + indices.length + " indices; they must agree");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= dataSize) {
                throw new IllegalArgumentException("CRD: row " + i + " of the batch has index " + indices[i]
                        + ", outside the memory bank of " + dataSize + " train pairs (0.." + (dataSize - 1) + ")");
            }
        }
    }

    /** The sub-manager holding this object's arrays (tests check that a step leaves nothing in it). */
    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
