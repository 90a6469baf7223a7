package org.xmodal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * SOCKET's four terms: each value against a direct computation in double precision on small tensors, each gradient
 * against central differences of that direct computation, and (on a tiny BatchNorm network) which parameters each
 * term's gradient reaches.
 */
class SocketTermsTest {
    private static final double EPS = InformationMaximisation.EPSILON;

    /** The gradient of {@code term} at {@code x} (as float32 through DJL), with its value. */
    private static float[] gradient(NDManager m, double[] x, Shape shape, Function<NDArray, NDArray> term,
                                    float[] value) {
        NDArray a = m.create(TermChecks.floats(x), shape);
        a.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray v = term.apply(a);
            value[0] = v.getFloat();
            gc.backward(v);
        }
        return a.getGradient().toFloatArray();
    }

    private static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    private static double informationMaximisation(double[] logits, int n, int k) {
        double[] mean = new double[k];
        double entropies = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[i * k + c]);
            }
            double z = 0;
            for (int c = 0; c < k; c++) {
                z += Math.exp(logits[i * k + c] - max);
            }
            for (int c = 0; c < k; c++) {
                double p = Math.exp(logits[i * k + c] - max) / z;
                entropies -= p * Math.log(p + EPS);
                mean[c] += p / n;
            }
        }
        double global = 0;
        for (double p : mean) {
            global -= p * Math.log(p + EPS);
        }
        return entropies / n - global;
    }

    @Test
    void informationMaximisationIsMeanEntropyMinusTheEntropyOfTheMeanPrediction() {
        int n = 5;
        int k = 4;
        double[] logits = TermChecks.random(n * k, 1, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] value = new float[1];
            float[] grad = gradient(m, logits, new Shape(n, k), InformationMaximisation::value, value);
            assertEquals(informationMaximisation(logits, n, k), value[0], 1e-5);
            assertClose(TermChecks.numeric(logits, x -> informationMaximisation(x, n, k)), grad, 2e-3, "d IM / d logits");
            // confident and balanced predictions score lower than uncertain ones
            double[] confident = new double[n * k];
            for (int i = 0; i < n; i++) {
                confident[i * k + i % k] = 10;
            }
            assertTrue(informationMaximisation(confident, n, k) < informationMaximisation(new double[n * k], n, k));
        }
    }

    private static double frobenius(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void taskIrrelevantMatchingIsTheFrobeniusNormAndLeavesTheSourceAlone() {
        double[] source = TermChecks.random(12, 2, 1);
        double[] target = TermChecks.random(12, 3, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(TermChecks.floats(source), new Shape(3, 4));
            float[] value = new float[1];
            float[] grad = gradient(m, target, new Shape(3, 4), t -> TaskIrrelevantMatching.value(s, t), value);
            assertEquals(frobenius(source, target), value[0], 1e-5);
            assertClose(TermChecks.numeric(target, t -> frobenius(source, t)), grad, 1e-3, "d TI / d target");
            assertTrue(!s.hasGradient(), "the source's features are constants");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TaskIrrelevantMatching.value(s, m.zeros(new Shape(2, 4))));
            assertTrue(e.getMessage().contains("are the TI images paired?"), e.getMessage());
        }
    }

    @Test
    void batchNormInputStatisticsArePerChannelMeanAndBiasedVariance() {
        int n = 2;
        int c = 3;
        int hw = 4;
        double[] x = TermChecks.random(n * c * hw, 4, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] stats = BatchNormStatistics.of(m.create(TermChecks.floats(x), new Shape(n, c, 2, 2)));
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < hw; p++) {
                        double v = x[(i * c + ch) * hw + p];
                        sum += v;
                        sq += v * v;
                    }
                }
                double mean = sum / (n * hw);
                assertEquals(mean, stats[0].getFloat(ch), 1e-5);
                assertEquals(sq / (n * hw) - mean * mean, stats[1].getFloat(ch), 1e-5, "biased: divided by N*H*W");
            }
            NDArray[] flat = BatchNormStatistics.of(m.create(TermChecks.floats(x), new Shape(8, 3)));
            assertEquals((x[0] + x[3] + x[6] + x[9] + x[12] + x[15] + x[18] + x[21]) / 8, flat[0].getFloat(0), 1e-5);
        }
    }

    /** The term on one (N, C) input per layer, directly: sum of weighted unsquared L2 distances. */
    private static double bnTerm(List<double[]> inputs, int n, List<double[]> srcMean, List<double[]> srcVar) {
        double total = 0;
        for (int l = 0; l < inputs.size(); l++) {
            double[] x = inputs.get(l);
            int c = x.length / n;
            double dm = 0;
            double dv = 0;
            for (int ch = 0; ch < c; ch++) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += x[i * c + ch] / n;
                }
                double var = 0;
                for (int i = 0; i < n; i++) {
                    var += (x[i * c + ch] - mean) * (x[i * c + ch] - mean) / n;
                }
                dm += (mean - srcMean.get(l)[ch]) * (mean - srcMean.get(l)[ch]);
                dv += (var - srcVar.get(l)[ch]) * (var - srcVar.get(l)[ch]);
            }
            total += (l == 0 ? 10 : 1) * (Math.sqrt(dm) + Math.sqrt(dv));
        }
        return total;
    }

    @Test
    void batchNormMatchingWeighsTheFirstLayerTenTimesAndItsGradientIsTheDirectOne() {
        int n = 4;
        double[] first = TermChecks.random(n * 3, 5, 1);
        double[] second = TermChecks.random(n * 2, 6, 1);
        List<double[]> srcMean = List.of(TermChecks.random(3, 7, 0.5), TermChecks.random(2, 8, 0.5));
        List<double[]> srcVar = List.of(new double[] {0.2, 0.5, 1.1}, new double[] {0.7, 0.3});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray b = m.create(TermChecks.floats(second), new Shape(n, 2));
            float[] value = new float[1];
            float[] grad = gradient(m, first, new Shape(n, 3), a -> {
                List<BatchNormStatistics.Layer> layers = new ArrayList<>();
                NDArray[] s1 = BatchNormStatistics.of(a);
                NDArray[] s2 = BatchNormStatistics.of(b);
                layers.add(new BatchNormStatistics.Layer("bn1", s1[0], s1[1], m.create(TermChecks.floats(srcMean.get(0))),
                        m.create(TermChecks.floats(srcVar.get(0)))));
                layers.add(new BatchNormStatistics.Layer("bn2", s2[0], s2[1], m.create(TermChecks.floats(srcMean.get(1))),
                        m.create(TermChecks.floats(srcVar.get(1)))));
                return BatchNormStatistics.value(layers);
            }, value);
            assertEquals(bnTerm(List.of(first, second), n, srcMean, srcVar), value[0], 1e-4);
            assertClose(TermChecks.numeric(first, f -> bnTerm(List.of(f, second), n, srcMean, srcVar)), grad, 2e-3,
                    "d BN / d first layer's input");
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> BatchNormStatistics.value(List.of()));
            assertTrue(none.getMessage().contains("needs a backbone with BatchNorm layers"), none.getMessage());
        }
    }

    @Test
    void pseudoLabelsAreTheNearestSoftmaxWeightedCentroidsOfNormalisedFeatures() {
        // two clear groups of directions; the classifier is unsure, slightly favouring the right class
        float[][] features = {{5, 0.2f}, {4, -0.3f}, {6, 0.1f}, {0.1f, 5}, {-0.2f, 4}, {0.3f, 7}};
        float[][] probs = {{0.6f, 0.4f}, {0.55f, 0.45f}, {0.4f, 0.6f}, {0.45f, 0.55f}, {0.6f, 0.4f}, {0.3f, 0.7f}};
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, CentroidPseudoLabels.assign(features, probs),
                "the centroids, not each sample's own argmax, decide");
        // a feature and its scaled copy get the same label only through the appended 1: check the normalisation
        float[][] scaled = {{1, 0}, {100, 0}, {0, 1}};
        float[][] p = {{1, 0}, {1, 0}, {0, 1}};
        int[] labels = CentroidPseudoLabels.assign(scaled, p);
        assertEquals(0, labels[0]);
        assertEquals(0, labels[1]);
        assertEquals(1, labels[2]);
    }

    @Test
    void pseudoLabelCrossEntropyIsTheMeanNegativeLogLikelihoodOfTheLabels() {
        int n = 3;
        int k = 4;
        double[] logits = TermChecks.random(n * k, 9, 2);
        int[] labels = {2, 0, 3};
        Function<double[], Double> direct = x -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int c = 0; c < k; c++) {
                    z += Math.exp(x[i * k + c]);
                }
                s -= x[i * k + labels[i]] - Math.log(z);
            }
            return s / n;
        };
        try (NDManager m = NDManager.newBaseManager()) {
            float[] value = new float[1];
            float[] grad = gradient(m, logits, new Shape(n, k), a -> CentroidPseudoLabels.crossEntropy(a, labels),
                    value);
            assertEquals(direct.apply(logits), value[0], 1e-5);
            assertClose(TermChecks.numeric(logits, direct), grad, 1e-3, "d CE / d logits");
        }
    }

    @Test
    void eachTermsGradientReachesTheParametersItShouldAndNoOthers() {
        // a tiny backbone with BatchNorm, a bottleneck and a classifier, written out: x -> w1 -> bn1 -> relu -> w2
        // -> bn2 -> (bottleneck features) -> fc -> logits
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> initial = new LinkedHashMap<>();
            initial.put("w1", m.create(TermChecks.floats(TermChecks.random(12, 10, 0.5)), new Shape(4, 3)));
            initial.put("gamma1", m.ones(new Shape(3)));
            initial.put("beta1", m.zeros(new Shape(3)));
            initial.put("w2", m.create(TermChecks.floats(TermChecks.random(6, 11, 0.5)), new Shape(3, 2)));
            initial.put("gamma2", m.ones(new Shape(2)));
            initial.put("beta2", m.zeros(new Shape(2)));
            initial.put("fc", m.create(TermChecks.floats(TermChecks.random(6, 12, 0.5)), new Shape(2, 3)));
            NDArray x = m.create(TermChecks.floats(TermChecks.random(24, 13, 1)), new Shape(6, 4));
            NDArray tiSource = m.create(TermChecks.floats(TermChecks.random(12, 14, 1)), new Shape(6, 2));
            Map<String, List<String>> reached = new LinkedHashMap<>();
            for (String term : List.of("information-maximisation", "pseudo-labels", "bn-statistics",
                    "task-irrelevant")) {
                Map<String, NDArray> params = new LinkedHashMap<>();
                initial.forEach((name, v) -> {
                    NDArray p = v.duplicate(); // fresh gradients for each term
                    p.setRequiresGradient(true);
                    params.put(name, p);
                });
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray h1 = x.matMul(params.get("w1"));
                    NDArray[] s1 = BatchNormStatistics.of(h1);
                    NDArray a1 = h1.sub(s1[0]).div(s1[1].add(1e-5f).sqrt()).mul(params.get("gamma1"))
                            .add(params.get("beta1")).maximum(0f);
                    NDArray h2 = a1.matMul(params.get("w2"));
                    NDArray[] s2 = BatchNormStatistics.of(h2);
                    NDArray features = h2.sub(s2[0]).div(s2[1].add(1e-5f).sqrt()).mul(params.get("gamma2"))
                            .add(params.get("beta2"));
                    NDArray logits = features.matMul(params.get("fc"));
                    NDArray loss = switch (term) {
                        case "information-maximisation" -> InformationMaximisation.value(logits);
                        case "pseudo-labels" -> CentroidPseudoLabels.crossEntropy(logits, new int[] {0, 1, 2, 0, 1, 2});
                        case "bn-statistics" -> BatchNormStatistics.value(List.of(
                                new BatchNormStatistics.Layer("bn1", s1[0], s1[1], m.zeros(new Shape(3)),
                                        m.ones(new Shape(3))),
                                new BatchNormStatistics.Layer("bn2", s2[0], s2[1], m.zeros(new Shape(2)),
                                        m.ones(new Shape(2)))));
                        default -> TaskIrrelevantMatching.value(tiSource, features);
                    };
                    gc.backward(loss);
                }
                List<String> got = new ArrayList<>();
                params.forEach((name, p) -> {
                    if (p.hasGradient() && p.getGradient().abs().max().getFloat() > 0) {
                        got.add(name);
                    }
                });
                reached.put(term, got);
            }
            List<String> all = List.of("w1", "gamma1", "beta1", "w2", "gamma2", "beta2", "fc");
            List<String> backbone = List.of("w1", "gamma1", "beta1", "w2", "gamma2", "beta2");
            // the classifier is frozen in SOCKET, but the terms on its outputs do reach it (the step leaves it out)
            assertEquals(all, reached.get("information-maximisation"));
            assertEquals(all, reached.get("pseudo-labels"));
            // BN statistics are of the layers' inputs: bn2's own scale and shift and the classifier are untouched
            assertEquals(List.of("w1", "gamma1", "beta1", "w2"), reached.get("bn-statistics"));
            // the bottleneck features are before the classifier
            assertEquals(backbone, reached.get("task-irrelevant"));
        }
    }
}
