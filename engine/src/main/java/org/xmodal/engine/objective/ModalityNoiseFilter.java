package org.xmodal.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.xmodal.engine.nn.NativeScalar;

/**
 * The Modality Noise Filter of Xia et al. (2023), "Robust Cross-Modal Knowledge Distillation for Unconstrained
 * Videos": a small network, trained beside the student, that removes from the frozen teacher's feature what the
 * student's modality cannot see.
 *
 * <ol>
 *   <li>gate {@code g = sigmoid(Linear(d/2 -> d)(ReLU(BatchNorm(Linear(2d -> d/2)([a; mean(V)])))))}, with
 *       {@code a} the teacher's pooled feature (B, d) and {@code V} the student's N spatial tokens (B, N, d);</li>
 *   <li>filtered teacher {@code a' = g * a};</li>
 *   <li>cross-attention with 2 heads, {@code a'} the single query over the tokens {@code V} as keys and values
 *       (as {@code nn.MultiheadAttention}: in-projections, per-head scaled dot products, softmax over tokens,
 *       heads concatenated, output projection);</li>
 *   <li>selected {@code s = ReLU(BatchNorm(Linear(d -> d)(attended)))};</li>
 *   <li>logits {@code = Linear(d -> classes)(s)}, for the filter's own cross-entropy.</li>
 * </ol>
 *
 * <p>The filter only exists in training, so its BatchNorm layers always normalise by the batch's mean and biased
 * variance (eps 1e-5) and keep no running statistics; a batch therefore needs at least 2 pairs.
 *
 * <p>Parameters are drawn with PyTorch's default initialisations (nn.Linear: weight and bias uniform in
 * +-1/sqrt(fan_in); BatchNorm1d: gamma 1, beta 0; nn.MultiheadAttention: in-projection weights xavier-uniform,
 * in- and out-projection biases 0, out-projection weight as nn.Linear's) but on the Java side, one
 * {@link SplittableRandom} stream per parameter from the seed and the parameter's name, so the same seed gives the
 * same parameters on any machine; the values differ from PyTorch's own generator, the distributions do not.
 * The names are PyTorch's where a layer sits in the reference code's {@code nn.Sequential} ({@code mnf.gate.0},
 * {@code mnf.gate.3}); nn.MultiheadAttention's packed {@code in_proj_weight} (3d, d) is kept as three (d, d)
 * matrices ({@code mnf.attention.query|key|value.weight}), each drawn with the xavier bound of the packed matrix,
 * {@code sqrt(6 / (d + 3d))}, as PyTorch draws them.
 *
 * <p>Differences from the reference code (GeWu-Lab/cross-modal-distillation, {@code models/modality_noise_filter.py}
 * and {@code train.py}):
 * <ul>
 *   <li>{@link #gateSparsity()} sums the L1 of both gate layers; the reference's loop overwrites its sum and so
 *       keeps only the last layer, a slip the paper's description (an L1 on the gate's weights) does not have.</li>
 *   <li>The attention scores are scaled by {@code 1/sqrt(d/2)} after the dot product, not on the query before it:
 *       equal up to float rounding.</li>
 * </ul>
 * As in the reference, five parameters get no gradient from anything downstream, since the training-mode
 * BatchNorm subtracts the batch mean from its input and the attention's softmax ignores a shift shared by all tokens:
 * the gate's first bias ({@code mnf.gate.0.bias}) and the projection's bias ({@code mnf.project.bias}), each right
 * before a BatchNorm; the value and output biases of the attention ({@code mnf.attention.value.bias},
 * {@code mnf.attention.output.bias}), which add the same vector to every row (the attention weights sum to 1) before
 * the projection's BatchNorm; and the key bias ({@code mnf.attention.key.bias}), which adds the same amount to every
 * token's score. They are kept so that the parameters are those of the reference's modules (Adam's weight decay
 * still shrinks them, to no effect on the outputs).
 *
 * <p>Intermediate arrays of {@link #forward} belong to the managers of its inputs (the caller's step), never to the
 * filter's own, so the filter's memory does not grow with the steps.
 */
public final class ModalityNoiseFilter implements AutoCloseable {
    /** Attention heads, as the reference's {@code nn.MultiheadAttention(embed_dim, num_heads=2)}. */
    public static final int HEADS = 2;
    /** BatchNorm1d's default epsilon. */
    public static final float BATCH_NORM_EPSILON = 1e-5f;

    private final NDManager manager;
    private final int dim;
    private final int classes;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private NDManager latestInputs;

    /**
     * One output of {@link #forward}.
     *
     * @param gate      the gate {@code g}, (B, d), in (0, 1)
     * @param filtered  the filtered teacher {@code a' = g * a}, (B, d)
     * @param selected  the selected student feature {@code s}, (B, d)
     * @param logits    the filter's classifier on {@code s}, (B, classes)
     * @param attention the attention weights of {@code a'} over the tokens averaged over the heads, (B, N); each row
     *                  sums to 1
     */
    public record Output(NDArray gate, NDArray filtered, NDArray selected, NDArray logits, NDArray attention) {
    }

    /**
     * @param manager where the parameters live (in a sub-manager that {@link #close()} frees)
     * @param dim     the width d of the teacher's and the student's features; even (2 heads of d/2; the gate's hidden
     *                width is d/2, 256 at 512 as in the reference)
     * @param classes the classes of the filter's classifier
     * @param seed    the seed every parameter is drawn from
     */
    public ModalityNoiseFilter(NDManager manager, int dim, int classes, long seed) {
        if (dim < 2 || dim % 2 != 0) {
            throw new IllegalArgumentException("the modality noise filter needs an even feature width (its attention "
                    + "has " + HEADS + " heads of d/2 and its gate a hidden width of d/2), got " + dim);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("the modality noise filter needs at least one class, got " + classes);
        }
        this.dim = dim;
        this.classes = classes;
        this.manager = manager.newSubManager();
        int hidden = dim / 2;
        linear("mnf.gate.0", hidden, 2 * dim, seed);
        batchNorm("mnf.gate.bn", hidden);
        linear("mnf.gate.3", dim, hidden, seed);
        double xavier = Math.sqrt(6.0 / (dim + 3.0 * dim));
        for (String p : new String[] {"query", "key", "value"}) {
            String name = "mnf.attention." + p;
            add(name + ".weight", uniform(name + ".weight", new Shape(dim, dim), xavier, seed));
            add(name + ".bias", this.manager.zeros(new Shape(dim)));
        }
        add("mnf.attention.output.weight", uniform("mnf.attention.output.weight", new Shape(dim, dim),
                1 / Math.sqrt(dim), seed));
        add("mnf.attention.output.bias", this.manager.zeros(new Shape(dim)));
        linear("mnf.project", dim, dim, seed);
        batchNorm("mnf.project.bn", dim);
        linear("mnf.classifier", classes, dim, seed);
    }

    private void linear(String prefix, int out, int in, long seed) {
        double bound = 1 / Math.sqrt(in);
        add(prefix + ".weight", uniform(prefix + ".weight", new Shape(out, in), bound, seed));
        add(prefix + ".bias", uniform(prefix + ".bias", new Shape(out), bound, seed));
    }

    private void batchNorm(String prefix, int channels) {
        add(prefix + ".gamma", manager.ones(new Shape(channels)));
        add(prefix + ".beta", manager.zeros(new Shape(channels)));
    }

    /** Uniform draws in +-bound from the parameter's own stream (its name folded into the seed). */
    private NDArray uniform(String name, Shape shape, double bound, long seed) {
        SplittableRandom random = new SplittableRandom(mix(seed, name));
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return manager.create(values, shape);
    }

    private void add(String name, NDArray value) {
        value.setRequiresGradient(true);
        parameters.put(name, value);
    }

    /** FNV-1a of the name folded into the seed: one independent stream per parameter, whatever the order. */
    private static long mix(long seed, String name) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Every parameter by its name (prefixed {@code mnf.}), in a stable order; weights are (out, in) as PyTorch's. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    private NDArray p(String name) {
        return parameters.get(name);
    }

    /**
     * @param teacher the frozen teacher's pooled feature {@code a}, (B, d), B at least 2
     * @param tokens  the student's spatial feature map as N tokens {@code V}, (B, N, d)
     */
    public Output forward(NDArray teacher, NDArray tokens) {
        Shape a = teacher.getShape();
        Shape v = tokens.getShape();
        if (a.dimension() != 2 || a.get(1) != dim) {
            throw new IllegalArgumentException("the modality noise filter takes the teacher's feature as (batch, " + dim
                    + "), got " + a);
        }
        if (v.dimension() != 3 || v.get(0) != a.get(0) || v.get(2) != dim || v.get(1) < 1) {
            throw new IllegalArgumentException("the modality noise filter takes the student's tokens as (" + a.get(0)
                    + ", tokens, " + dim + ") for a teacher feature of " + a + ", got " + v);
        }
        if (a.get(0) < 2) {
            throw new IllegalArgumentException("the modality noise filter normalises by batch statistics (BatchNorm "
                    + "in training mode) and needs at least 2 pairs in a batch, got " + a.get(0));
        }
        NDArray context = tokens.mean(new int[] {1});
        NDArray joint = teacher.concat(context, 1);
        NDArray hidden = Activation.relu(batchNorm(linear(joint, "mnf.gate.0"), "mnf.gate.bn"));
        NDArray gate = Activation.sigmoid(linear(hidden, "mnf.gate.3"));
        NDArray filtered = gate.mul(teacher);
        NDArray[] attended = attend(filtered, tokens);
        NDArray selected = Activation.relu(batchNorm(linear(attended[0], "mnf.project"), "mnf.project.bn"));
        NDArray logits = linear(selected, "mnf.classifier");
        latestInputs = teacher.getManager();
        return new Output(gate, filtered, selected, logits, attended[1]);
    }

    /** {@code x W^T + b}, the result in x's manager. */
    private NDArray linear(NDArray x, String prefix) {
        return Linear.linear(x, p(prefix + ".weight"), p(prefix + ".bias")).singletonOrThrow();
    }

    /** Training-mode BatchNorm1d over the rows: batch mean, biased batch variance, then the affine map. */
    private NDArray batchNorm(NDArray x, String prefix) {
        NDArray centred = x.sub(x.mean(new int[] {0}));
        NDArray variance = centred.square().mean(new int[] {0});
        return centred.div(variance.add(BATCH_NORM_EPSILON).sqrt()).mul(p(prefix + ".gamma")).add(p(prefix + ".beta"));
    }

    /** @return {the output projection of the attended values (B, d), the head-averaged weights (B, N)} */
    private NDArray[] attend(NDArray query, NDArray tokens) {
        long b = tokens.getShape().get(0);
        long n = tokens.getShape().get(1);
        long width = dim / HEADS;
        NDArray q = linear(query, "mnf.attention.query").reshape(b, HEADS, width, 1);
        NDArray k = linear(tokens, "mnf.attention.key").reshape(b, n, HEADS, width).transpose(0, 2, 1, 3);
        NDArray values = linear(tokens, "mnf.attention.value").reshape(b, n, HEADS, width).transpose(0, 2, 1, 3);
        // the scale as an engine-allocated scalar: autograd keeps it for the backward pass (NativeScalar)
        NDArray scores = k.matMul(q).reshape(b, HEADS, n)
                .mul(NativeScalar.of(tokens.getManager(), (float) (1 / Math.sqrt(width))));
        NDArray weights = scores.softmax(2);
        NDArray heads = weights.reshape(b, HEADS, 1, n).matMul(values).reshape(b, dim);
        return new NDArray[] {linear(heads, "mnf.attention.output"), weights.mean(new int[] {1})};
    }

    /**
     * The L1 of the gate's two linear weight matrices: for each, the mean over its output rows of the sum of
     * {@code |W|} over its inputs, summed over both layers (the reference keeps only the last; see the class
     * comment). The paper's factor 0.001 is the caller's term weight. The scalar belongs to the manager of the
     * latest {@link #forward} call's teacher feature (the caller's step), so it is freed with that step; before any
     * forward call, or once that manager is closed, to the filter's own until {@link #close()}.
     */
    public NDArray gateSparsity() {
        return gateSparsity(latestInputs != null && latestInputs.isOpen() ? latestInputs : manager);
    }

    /** {@link #gateSparsity()} with the scalar in {@code into}; its intermediate arrays are freed at once. */
    public NDArray gateSparsity(NDManager into) {
        NDArray total;
        try (NDScope temporaries = new NDScope()) {
            total = rowL1(p("mnf.gate.0.weight")).add(rowL1(p("mnf.gate.3.weight")));
            NDScope.unregister(total);
        }
        total.attach(into);
        return total;
    }

    private static NDArray rowL1(NDArray w) {
        return w.abs().sum(new int[] {1}).mean();
    }

    /** The feature width d. */
    public int dim() {
        return dim;
    }

    /** The classes of the filter's classifier. */
    public int classes() {
        return classes;
    }

    /** Frees the parameters. */
    @Override
    public void close() {
        manager.close();
    }
}
