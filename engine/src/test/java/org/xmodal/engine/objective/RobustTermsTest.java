package org.xmodal.engine.objective;

import static org.xmodal.engine.objective.TermChecks.backward;
import static org.xmodal.engine.objective.TermChecks.variable;
import static org.xmodal.engine.objective.TermChecks.maxAbs;
import static org.xmodal.engine.objective.TermChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Xia et al.'s robust cross-modal distillation: the Modality Noise Filter's forward pass, gate sparsity and
 * parameters (its triplet term and Contrastive Semantic Calibration: CalibrationTermsTest), each value against a
 * direct computation in double precision on small tensors and each gradient against central differences of that
 * computation. Every
 * backward pass runs after a garbage collection, which turns a gradient through a Java number (see NativeScalar)
 * into garbage.
 */
class RobustTermsTest {

    // ---------------------------------------------------------------- the filter's forward pass, directly

    /** The outputs of the filter's forward pass in double precision, rows of (B, ...) as flat arrays. */
    private record Direct(double[] gate, double[] filtered, double[] selected, double[] logits, double[] attention) {
    }

    /** {@code x W^T + b} for x (rows, in), W (out, in). */
    private static double[] linear(double[] x, int rows, double[] w, double[] b, int out, int in) {
        double[] y = new double[rows * out];
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int k = 0; k < in; k++) {
                    s += x[i * in + k] * w[o * in + k];
                }
                y[i * out + o] = s;
            }
        }
        return y;
    }

    /** Training-mode BatchNorm1d: batch mean, biased batch variance, eps 1e-5, affine. */
    private static double[] batchNorm(double[] x, int rows, int c, double[] gamma, double[] beta) {
        double[] y = new double[x.length];
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += x[i * c + ch] / rows;
            }
            double var = 0;
            for (int i = 0; i < rows; i++) {
                var += (x[i * c + ch] - mean) * (x[i * c + ch] - mean) / rows;
            }
            for (int i = 0; i < rows; i++) {
                y[i * c + ch] = (x[i * c + ch] - mean) / Math.sqrt(var + 1e-5) * gamma[ch] + beta[ch];
            }
        }
        return y;
    }

    private static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i]);
        }
        return y;
    }

    private static Direct mnf(Map<String, double[]> p, double[] a, double[] tokens, int b, int n, int d, int k) {
        int hidden = d / 2;
        double[] joint = new double[b * 2 * d];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < d; c++) {
                joint[i * 2 * d + c] = a[i * d + c];
                double mean = 0;
                for (int t = 0; t < n; t++) {
                    mean += tokens[(i * n + t) * d + c] / n;
                }
                joint[i * 2 * d + d + c] = mean;
            }
        }
        double[] h = relu(batchNorm(linear(joint, b, p.get("mnf.gate.0.weight"), p.get("mnf.gate.0.bias"), hidden,
                2 * d), b, hidden, p.get("mnf.gate.bn.gamma"), p.get("mnf.gate.bn.beta")));
        double[] gate = linear(h, b, p.get("mnf.gate.3.weight"), p.get("mnf.gate.3.bias"), d, hidden);
        double[] filtered = new double[b * d];
        for (int i = 0; i < gate.length; i++) {
            gate[i] = 1 / (1 + Math.exp(-gate[i]));
            filtered[i] = gate[i] * a[i];
        }
        double[] q = linear(filtered, b, p.get("mnf.attention.query.weight"), p.get("mnf.attention.query.bias"), d, d);
        double[] keys = linear(tokens, b * n, p.get("mnf.attention.key.weight"), p.get("mnf.attention.key.bias"), d,
                d);
        double[] values = linear(tokens, b * n, p.get("mnf.attention.value.weight"),
                p.get("mnf.attention.value.bias"), d, d);
        int heads = 2;
        int width = d / heads;
        double[] attended = new double[b * d];
        double[] attention = new double[b * n];
        for (int i = 0; i < b; i++) {
            for (int hd = 0; hd < heads; hd++) {
                double[] score = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < n; t++) {
                    for (int c = hd * width; c < (hd + 1) * width; c++) {
                        score[t] += q[i * d + c] * keys[(i * n + t) * d + c];
                    }
                    score[t] /= Math.sqrt(width);
                    max = Math.max(max, score[t]);
                }
                double z = 0;
                for (int t = 0; t < n; t++) {
                    z += Math.exp(score[t] - max);
                }
                for (int t = 0; t < n; t++) {
                    double w = Math.exp(score[t] - max) / z;
                    attention[i * n + t] += w / heads;
                    for (int c = hd * width; c < (hd + 1) * width; c++) {
                        attended[i * d + c] += w * values[(i * n + t) * d + c];
                    }
                }
            }
        }
        double[] out = linear(attended, b, p.get("mnf.attention.output.weight"), p.get("mnf.attention.output.bias"),
                d, d);
        double[] selected = relu(batchNorm(linear(out, b, p.get("mnf.project.weight"), p.get("mnf.project.bias"), d,
                d), b, d, p.get("mnf.project.bn.gamma"), p.get("mnf.project.bn.beta")));
        double[] logits = linear(selected, b, p.get("mnf.classifier.weight"), p.get("mnf.classifier.bias"), k, d);
        return new Direct(gate, filtered, selected, logits, attention);
    }

    private static Map<String, double[]> values(ModalityNoiseFilter filter) {
        Map<String, double[]> out = new LinkedHashMap<>();
        filter.parameters().forEach((name, p) -> out.put(name, TermChecks.doubles(p)));
        return out;
    }

    /** Mean cross-entropy of the logits (rows, k) against the labels. */
    private static double crossEntropy(double[] logits, int[] labels, int k) {
        double s = 0;
        for (int i = 0; i < labels.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[i * k + c]);
            }
            double z = 0;
            for (int c = 0; c < k; c++) {
                z += Math.exp(logits[i * k + c] - max);
            }
            s -= logits[i * k + labels[i]] - max - Math.log(z);
        }
        return s / labels.length;
    }

    private static final int B = 4;
    private static final int N = 3;
    private static final int D = 6;
    private static final int K = 5;

    @Test
    void theFiltersForwardPassIsTheDirectComputationWithItsOwnParameters() {
        double[] a = TermChecks.asFloat32(TermChecks.random(B * D, 1, 1));
        double[] tokens = TermChecks.asFloat32(TermChecks.random(B * N * D, 2, 1.5));
        try (NDManager m = NDManager.newBaseManager();
             ModalityNoiseFilter filter = new ModalityNoiseFilter(m, D, K, 7)) {
            ModalityNoiseFilter.Output out = filter.forward(m.create(TermChecks.floats(a), new Shape(B, D)),
                    m.create(TermChecks.floats(tokens), new Shape(B, N, D)));
            Direct direct = mnf(values(filter), a, tokens, B, N, D, K);
            assertEquals(new Shape(B, D), out.gate().getShape());
            assertEquals(new Shape(B, D), out.filtered().getShape());
            assertEquals(new Shape(B, D), out.selected().getShape());
            assertEquals(new Shape(B, K), out.logits().getShape());
            assertEquals(new Shape(B, N), out.attention().getShape());
            assertClose(direct.gate(), TermChecks.doubles(out.gate()), 1e-5, "gate");
            assertClose(direct.filtered(), TermChecks.doubles(out.filtered()), 1e-5, "filtered teacher");
            assertClose(direct.attention(), TermChecks.doubles(out.attention()), 1e-5, "attention");
            assertClose(direct.selected(), TermChecks.doubles(out.selected()), 1e-4, "selected");
            assertClose(direct.logits(), TermChecks.doubles(out.logits()), 1e-4, "logits");
            // the direct computation is not degenerate: the gate varies, ReLU cuts, attention is not uniform
            assertTrue(maxAbs(direct.attention()) > 1.0 / N + 0.02, "some token draws more attention");
            assertTrue(Arrays.stream(direct.selected()).anyMatch(s -> s == 0)
                    && Arrays.stream(direct.selected()).anyMatch(s -> s > 0.1), "ReLU both cuts and passes");
        }
    }

    @Test
    void theFiltersGradientsAreTheDirectOnesAndOnlyTheFiveCancelledBiasesGetNone() {
        int d = 4;
        int k = 3;
        int[] labels = {0, 2, 1, 2};
        double[] a = TermChecks.asFloat32(TermChecks.random(B * d, 3, 1));
        double[] tokens = TermChecks.asFloat32(TermChecks.random(B * N * d, 4, 1.5));
        try (NDManager m = NDManager.newBaseManager();
             ModalityNoiseFilter filter = new ModalityNoiseFilter(m, d, k, 11)) {
            Map<String, double[]> p = values(filter);
            NDArray teacher = variable(m, a, new Shape(B, d));
            NDArray v = variable(m, tokens, new Shape(B, N, d));
            double value = backward(() -> CentroidPseudoLabels.crossEntropy(filter.forward(teacher, v).logits(),
                    labels));
            assertEquals(crossEntropy(mnf(p, a, tokens, B, N, d, k).logits(), labels, k), value, 1e-5);
            Set<String> cancelled = Set.of("mnf.gate.0.bias", "mnf.project.bias", "mnf.attention.key.bias",
                    "mnf.attention.value.bias", "mnf.attention.output.bias");
            List<String> reached = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : filter.parameters().entrySet()) {
                String name = e.getKey();
                double[] expected = TermChecks.numeric(p.get(name), x -> {
                    Map<String, double[]> q = new LinkedHashMap<>(p);
                    q.put(name, x);
                    return crossEntropy(mnf(q, a, tokens, B, N, d, k).logits(), labels, k);
                });
                double[] got = TermChecks.doubles(e.getValue().getGradient());
                assertClose(expected, got, 1e-4, "d CE / d " + name);
                if (maxAbs(got) > 1e-4) {
                    reached.add(name);
                } else {
                    assertTrue(maxAbs(got) < 1e-6, name + ": " + maxAbs(got));
                }
            }
            List<String> expected = new ArrayList<>(filter.parameters().keySet());
            expected.removeAll(cancelled);
            assertEquals(expected, reached, "BatchNorm's batch mean cancels what adds the same vector to every row "
                    + "before it (the gate's first bias; the value, output and projection biases), the softmax over "
                    + "tokens the key bias; everything else learns from the filter's CE");
            assertClose(TermChecks.numeric(a, x -> crossEntropy(mnf(p, x, tokens, B, N, d, k).logits(), labels, k)),
                    TermChecks.doubles(teacher.getGradient()), 1e-4, "d CE / d teacher");
            assertClose(TermChecks.numeric(tokens, x -> crossEntropy(mnf(p, a, x, B, N, d, k).logits(), labels, k)),
                    TermChecks.doubles(v.getGradient()), 1e-4, "d CE / d tokens");
        }
    }

    @Test
    void theForwardPassAndGateSparsityLeaveNothingInTheFiltersOwnManager() {
        try (NDManager m = NDManager.newBaseManager();
             ModalityNoiseFilter filter = new ModalityNoiseFilter(m, D, K, 3)) {
            BaseNDManager own = (BaseNDManager) filter.parameters().get("mnf.gate.0.weight").getManager();
            int parameters = filter.parameters().size();
            assertEquals(parameters, own.getManagedArrays().size());
            try (NDManager step = m.newSubManager()) {
                NDArray teacher = variable(step, TermChecks.random(B * D, 5, 1), new Shape(B, D));
                NDArray tokens = variable(step, TermChecks.random(B * N * D, 6, 1), new Shape(B, N, D));
                backward(() -> {
                    ModalityNoiseFilter.Output out = filter.forward(teacher, tokens);
                    NDArray sparsity = filter.gateSparsity();
                    assertTrue(sparsity.getManager() == step, "the scalar belongs to the step");
                    return out.logits().sum().add(sparsity);
                });
                assertEquals(parameters, own.getManagedArrays().size(), "every intermediate is the step's");
            }
            NDArray before = filter.gateSparsity();
            assertTrue(before.getManager() == own, "with the step closed, the filter's own manager holds it");
        }
    }

    @Test
    void gateSparsitySumsTheRowL1OfBothGateLayersAndItsGradientIsSignOverRows() {
        try (NDManager m = NDManager.newBaseManager();
             ModalityNoiseFilter filter = new ModalityNoiseFilter(m, D, K, 5)) {
            Map<String, double[]> p = values(filter);
            double expected = 0;
            int[][] shapes = {{D / 2, 2 * D}, {D, D / 2}};
            String[] names = {"mnf.gate.0.weight", "mnf.gate.3.weight"};
            for (int l = 0; l < 2; l++) {
                double sum = 0;
                for (double w : p.get(names[l])) {
                    sum += Math.abs(w);
                }
                expected += sum / shapes[l][0];
            }
            double value = backward(filter::gateSparsity);
            assertEquals(expected, value, 1e-5);
            for (int l = 0; l < 2; l++) {
                double[] w = p.get(names[l]);
                double[] sign = new double[w.length];
                for (int i = 0; i < w.length; i++) {
                    sign[i] = Math.signum(w[i]) / shapes[l][0];
                }
                assertClose(sign, TermChecks.doubles(filter.parameters().get(names[l]).getGradient()), 1e-6,
                        "d sparsity / d " + names[l]);
            }
            for (String other : List.of("mnf.gate.0.bias", "mnf.attention.query.weight", "mnf.classifier.weight")) {
                NDArray q = filter.parameters().get(other);
                assertFalse(q.hasGradient() && maxAbs(TermChecks.doubles(q.getGradient())) > 0, other + " is not penalised");
            }
        }
    }

    @Test
    void parametersFollowPyTorchsDefaultInitialisationsAndTheSeed() {
        try (NDManager m = NDManager.newBaseManager();
             ModalityNoiseFilter one = new ModalityNoiseFilter(m, D, K, 42);
             ModalityNoiseFilter same = new ModalityNoiseFilter(m, D, K, 42);
             ModalityNoiseFilter other = new ModalityNoiseFilter(m, D, K, 43)) {
            Map<String, Shape> shapes = new LinkedHashMap<>();
            shapes.put("mnf.gate.0.weight", new Shape(D / 2, 2 * D));
            shapes.put("mnf.gate.0.bias", new Shape(D / 2));
            shapes.put("mnf.gate.bn.gamma", new Shape(D / 2));
            shapes.put("mnf.gate.bn.beta", new Shape(D / 2));
            shapes.put("mnf.gate.3.weight", new Shape(D, D / 2));
            shapes.put("mnf.gate.3.bias", new Shape(D));
            for (String s : List.of("query", "key", "value", "output")) {
                shapes.put("mnf.attention." + s + ".weight", new Shape(D, D));
                shapes.put("mnf.attention." + s + ".bias", new Shape(D));
            }
            shapes.put("mnf.project.weight", new Shape(D, D));
            shapes.put("mnf.project.bias", new Shape(D));
            shapes.put("mnf.project.bn.gamma", new Shape(D));
            shapes.put("mnf.project.bn.beta", new Shape(D));
            shapes.put("mnf.classifier.weight", new Shape(K, D));
            shapes.put("mnf.classifier.bias", new Shape(K));
            assertEquals(List.copyOf(shapes.keySet()), List.copyOf(one.parameters().keySet()));
            double xavier = Math.sqrt(6.0 / (4 * D));
            for (Map.Entry<String, NDArray> e : one.parameters().entrySet()) {
                String name = e.getKey();
                NDArray p = e.getValue();
                assertEquals(shapes.get(name), p.getShape(), name);
                assertTrue(p.hasGradient(), name);
                double[] v = TermChecks.doubles(p);
                assertArrayEquals(v, TermChecks.doubles(same.parameters().get(name)), name + ": the same seed");
                if (name.endsWith(".gamma")) {
                    assertTrue(Arrays.stream(v).allMatch(x -> x == 1), name);
                    continue;
                }
                if (name.endsWith(".beta") || name.startsWith("mnf.attention.") && name.endsWith(".bias")) {
                    assertTrue(Arrays.stream(v).allMatch(x -> x == 0), name);
                    continue;
                }
                assertFalse(Arrays.equals(v, TermChecks.doubles(other.parameters().get(name))), name + ": another seed");
                double bound = name.matches("mnf\\.attention\\.(query|key|value)\\.weight") ? xavier
                        : 1 / Math.sqrt(name.startsWith("mnf.gate.0") ? 2 * D : name.startsWith("mnf.gate.3") ? D / 2
                        : D);
                assertTrue(maxAbs(v) <= bound, name + " within +-" + bound);
                assertTrue(maxAbs(v) > bound / 2, name + " fills +-" + bound + ", max " + maxAbs(v));
            }
            assertNotEquals(one.parameters().get("mnf.attention.query.weight").getFloat(0, 0),
                    one.parameters().get("mnf.attention.key.weight").getFloat(0, 0), "one stream per parameter");
        }
    }

    @Test
    void theFilterRefusesOddWidthsAndBatchesOfOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                    () -> new ModalityNoiseFilter(m, 5, K, 1));
            assertTrue(odd.getMessage().contains("needs an even feature width") && odd.getMessage().contains("got 5"),
                    odd.getMessage());
            try (ModalityNoiseFilter filter = new ModalityNoiseFilter(m, D, K, 1)) {
                IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                        () -> filter.forward(m.zeros(new Shape(1, D)), m.zeros(new Shape(1, N, D))));
                assertTrue(one.getMessage().contains("needs at least 2 pairs in a batch, got 1"), one.getMessage());
                IllegalArgumentException tokens = assertThrows(IllegalArgumentException.class,
                        () -> filter.forward(m.zeros(new Shape(B, D)), m.zeros(new Shape(B + 1, N, D))));
                assertTrue(tokens.getMessage().contains("student's tokens"), tokens.getMessage());
            }
        }
    }
}
