package org.xmodal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xmodal.engine.objective.TermChecks.asFloat32;
import static org.xmodal.engine.objective.TermChecks.assertClose;
import static org.xmodal.engine.objective.TermChecks.assertFinite;
import static org.xmodal.engine.objective.TermChecks.assertNoGradient;
import static org.xmodal.engine.objective.TermChecks.assertNotAllZero;
import static org.xmodal.engine.objective.TermChecks.floats;
import static org.xmodal.engine.objective.TermChecks.gradient;
import static org.xmodal.engine.objective.TermChecks.huber;
import static org.xmodal.engine.objective.TermChecks.numeric;
import static org.xmodal.engine.objective.TermChecks.random;
import static org.xmodal.engine.objective.TermChecks.teacher;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The classic distillation terms (soft targets, cosine hint, attention transfer, relational KD): each value against a
 * direct computation in double precision on small tensors, each gradient with respect to the student's input against
 * central differences of that direct computation, the teacher's input left without gradient, and the refusals.
 */
class ClassicTermsTest {

    // ---- soft targets ------------------------------------------------------------------------------------------

    private static double[] softmax(double[] logits, int row, int classes, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[row * classes + c] / temperature);
        }
        double z = 0;
        double[] p = new double[classes];
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logits[row * classes + c] / temperature - max);
            z += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= z;
        }
        return p;
    }

    private static double softTargets(double[] s, double[] t, int rows, int classes, double temperature) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double[] ps = softmax(s, i, classes, temperature);
            double[] pt = softmax(t, i, classes, temperature);
            for (int c = 0; c < classes; c++) {
                sum += pt[c] * (Math.log(pt[c]) - Math.log(ps[c]));
            }
        }
        return temperature * temperature * sum / rows;
    }

    @Test
    void softTargetsAreTSquaredTimesTheBatchMeanKlOfTheSoftenedTeacherFromTheStudent() {
        int rows = 4;
        int classes = 5;
        double[] s = asFloat32(random(rows * classes, 21, 4));
        double[] t = asFloat32(random(rows * classes, 22, 4));
        try (NDManager m = NDManager.newBaseManager()) {
            for (double temperature : new double[] {1, 4}) {
                NDArray teacher = teacher(m, t, new Shape(rows, classes));
                TermChecks.Gradient g = gradient(m, s, new Shape(rows, classes),
                        a -> SoftTargets.value(a, teacher, temperature));
                double direct = softTargets(s, t, rows, classes, temperature);
                assertEquals(direct, g.value(), 1e-5 * Math.max(1, direct), "T = " + temperature);
                double[] expected = numeric(s, x -> softTargets(x, t, rows, classes, temperature));
                assertClose(expected, g.gradient(), 1e-3, "d KD / d student logits, T = " + temperature);
                assertNotAllZero(g.gradient(), "d KD / d student logits");
                assertNoGradient(teacher, "the teacher's logits");
            }
            // the same logits: no divergence
            NDArray same = m.create(floats(t), new Shape(rows, classes));
            assertEquals(0, SoftTargets.value(same, same, 2).getFloat(), 1e-6);
        }
    }

    @Test
    void softTargetsRefuseANonPositiveTemperatureAndLogitsOfDifferentShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.zeros(new Shape(2, 3));
            for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SoftTargets.value(a, a, bad));
                assertTrue(e.getMessage().contains("temperature must be a number > 0, got " + bad), e.getMessage());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SoftTargets.value(a, m.zeros(new Shape(2, 4)), 2));
            assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2, 4)"), e.getMessage());
        }
    }

    // ---- cosine hint -------------------------------------------------------------------------------------------

    private static double cosineHint(double[] s, double[] t, int rows) {
        int d = s.length / rows;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double dot = 0;
            double ss = 0;
            double tt = 0;
            for (int j = 0; j < d; j++) {
                dot += s[i * d + j] * t[i * d + j];
                ss += s[i * d + j] * s[i * d + j];
                tt += t[i * d + j] * t[i * d + j];
            }
            sum += 1 - dot / (Math.sqrt(ss + 1e-12) * Math.sqrt(tt + 1e-12));
        }
        return sum / rows;
    }

    @Test
    void cosineHintIsTheMeanOfOneMinusTheCosineOfEachFlattenedRow() {
        Shape shape = new Shape(3, 2, 2, 2);
        double[] s = asFloat32(random(24, 31, 1));
        double[] t = asFloat32(random(24, 32, 1));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray teacher = teacher(m, t, shape);
            TermChecks.Gradient g = gradient(m, s, shape, a -> CosineHint.value(a, teacher));
            assertEquals(cosineHint(s, t, 3), g.value(), 1e-5);
            assertClose(numeric(s, x -> cosineHint(x, t, 3)), g.gradient(), 1e-3, "d cosine / d student");
            assertNotAllZero(g.gradient(), "d cosine / d student");
            assertNoGradient(teacher, "the teacher's features");
            // scale does not matter, direction does: 0 for a multiple of the teacher, 2 for its opposite
            NDArray tt = m.create(floats(t), shape);
            assertEquals(0, CosineHint.value(tt.mul(3), tt).getFloat(), 1e-6);
            assertEquals(2, CosineHint.value(tt.neg(), tt).getFloat(), 1e-6);
            // an all-zero student row gives a cosine of 0 and a finite gradient
            double[] dead = s.clone();
            java.util.Arrays.fill(dead, 0, 8, 0);
            TermChecks.Gradient z = gradient(m, dead, shape, a -> CosineHint.value(a, teacher));
            assertEquals(cosineHint(dead, t, 3), z.value(), 1e-5);
            assertFinite(z.gradient(), "d cosine / d student with a zero row");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CosineHint.value(m.zeros(new Shape(3, 8)), tt));
            assertTrue(e.getMessage().contains("(3, 8)") && e.getMessage().contains("(3, 2, 2, 2)"), e.getMessage());
        }
    }

    // ---- attention transfer ------------------------------------------------------------------------------------

    /** The attention map of a (b, c, h*w) map, L2-normalised per row: (b, h*w). */
    private static double[][] attention(double[] x, int b, int c, int hw) {
        double[][] q = new double[b][hw];
        for (int i = 0; i < b; i++) {
            double norm = 0;
            for (int p = 0; p < hw; p++) {
                for (int ch = 0; ch < c; ch++) {
                    double v = x[(i * c + ch) * hw + p];
                    q[i][p] += v * v / c;
                }
                norm += q[i][p] * q[i][p];
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int p = 0; p < hw; p++) {
                q[i][p] /= norm;
            }
        }
        return q;
    }

    /** One pair's term: the mean over (b, h*w) of the squared difference of the attention maps. */
    private static double attentionPair(double[] s, int cs, double[] t, int ct, int b, int hw) {
        double[][] qs = attention(s, b, cs, hw);
        double[][] qt = attention(t, b, ct, hw);
        double sum = 0;
        for (int i = 0; i < b; i++) {
            for (int p = 0; p < hw; p++) {
                sum += (qs[i][p] - qt[i][p]) * (qs[i][p] - qt[i][p]);
            }
        }
        return sum / (b * hw);
    }

    @Test
    void attentionTransferSumsOverThePairsTheMeanSquaredDifferenceOfNormalisedAttentionMaps() {
        int b = 2;
        // pair 0: 3 student channels against 5 teacher channels on 4x4; pair 1: 2 against 4 on 2x3
        double[] s0 = asFloat32(random(b * 3 * 16, 41, 1));
        double[] t0 = asFloat32(random(b * 5 * 16, 42, 1));
        double[] s1 = asFloat32(random(b * 2 * 6, 43, 1));
        double[] t1 = asFloat32(random(b * 4 * 6, 44, 1));
        Function<double[], Double> direct = x -> attentionPair(x, 3, t0, 5, b, 16) + attentionPair(s1, 2, t1, 4, b, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray teacher0 = teacher(m, t0, new Shape(b, 5, 4, 4));
            NDArray teacher1 = teacher(m, t1, new Shape(b, 4, 2, 3));
            NDArray student1 = m.create(floats(s1), new Shape(b, 2, 2, 3));
            TermChecks.Gradient g = gradient(m, s0, new Shape(b, 3, 4, 4),
                    a -> AttentionTransfer.value(List.of(a, student1), List.of(teacher0, teacher1)));
            assertEquals(direct.apply(s0), g.value(), 1e-6);
            assertTrue(g.value() > 1e-4, "the maps differ, so the term is not 0: " + g.value());
            assertClose(numeric(s0, direct), g.gradient(), 1e-4, "d AT / d first student map");
            assertNotAllZero(g.gradient(), "d AT / d first student map");
            assertNoGradient(teacher0, "the teacher's first map");
            assertNoGradient(teacher1, "the teacher's second map");
        }
    }

    @Test
    void attentionTransferRefusesUnpairedListsAndMapsOfDifferentSpatialSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new Shape(2, 3, 4, 4));
            NDArray small = m.ones(new Shape(2, 3, 2, 2));
            IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                    () -> AttentionTransfer.value(List.of(a, a), List.of(a)));
            assertTrue(lengths.getMessage().contains("the student gives 2 maps and the teacher 1"),
                    lengths.getMessage());
            IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                    () -> AttentionTransfer.value(List.of(a, a), List.of(a, small)));
            assertTrue(sizes.getMessage().contains("pair 1") && sizes.getMessage().contains("4x4 (student)")
                    && sizes.getMessage().contains("2x2 (teacher)"), sizes.getMessage());
        }
    }

    // ---- relational KD -----------------------------------------------------------------------------------------

    private static double distance(double[] x, int rows, int i, int j) {
        int d = x.length / rows;
        double sq = 0;
        for (int f = 0; f < d; f++) {
            double v = x[i * d + f] - x[j * d + f];
            sq += v * v;
        }
        return Math.sqrt(Math.max(sq, 1e-12));
    }

    private static double[][] normalisedDistances(double[] x, int rows) {
        double[][] dist = new double[rows][rows];
        double mean = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                if (i != j) {
                    dist[i][j] = distance(x, rows, i, j);
                    mean += dist[i][j] / (rows * (rows - 1));
                }
            }
        }
        for (double[] row : dist) {
            for (int j = 0; j < rows; j++) {
                row[j] /= mean;
            }
        }
        return dist;
    }

    private static double rkdDistance(double[] s, double[] t, int rows) {
        double[][] ds = normalisedDistances(s, rows);
        double[][] dt = normalisedDistances(t, rows);
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                if (i != j) {
                    sum += huber(ds[i][j] - dt[i][j]);
                }
            }
        }
        return sum / (rows * (rows - 1));
    }

    /** The unit vector from row {@code j} to row {@code i}, or 0 if they coincide. */
    private static double[] unit(double[] x, int rows, int i, int j) {
        int d = x.length / rows;
        double[] v = new double[d];
        double norm = 0;
        for (int f = 0; f < d; f++) {
            v[f] = x[i * d + f] - x[j * d + f];
            norm += v[f] * v[f];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        for (int f = 0; f < d; f++) {
            v[f] /= norm;
        }
        return v;
    }

    private static double cosineAt(double[] x, int rows, int i, int j, int k) {
        double[] a = unit(x, rows, i, j);
        double[] b = unit(x, rows, k, j);
        double dot = 0;
        for (int f = 0; f < a.length; f++) {
            dot += a[f] * b[f];
        }
        return dot;
    }

    private static double rkdAngle(double[] s, double[] t, int rows) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                for (int k = 0; k < rows; k++) {
                    sum += huber(cosineAt(s, rows, i, j, k) - cosineAt(t, rows, i, j, k));
                }
            }
        }
        return sum / ((double) rows * rows * rows);
    }

    @Test
    void rkdDistanceIsTheHuberLossOfMeanNormalisedPairwiseDistancesOverDistinctPairs() {
        int rows = 5;
        // student rows of 2x2 = 4 features, teacher rows of 6: relations compare across sizes
        double[] s = asFloat32(random(rows * 4, 51, 1));
        double[] t = asFloat32(random(rows * 6, 52, 2));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray teacher = teacher(m, t, new Shape(rows, 6));
            TermChecks.Gradient g = gradient(m, s, new Shape(rows, 2, 2), a -> RelationalKd.distance(a, teacher));
            assertEquals(rkdDistance(s, t, rows), g.value(), 1e-5);
            assertTrue(g.value() > 1e-3, "different geometries: not 0: " + g.value());
            assertClose(numeric(s, x -> rkdDistance(x, t, rows)), g.gradient(), 2e-3, "d RKD-D / d student");
            assertNotAllZero(g.gradient(), "d RKD-D / d student");
            assertNoGradient(teacher, "the teacher's embeddings");
            // a scaled copy of the teacher has the same normalised distances
            NDArray tt = m.create(floats(t), new Shape(rows, 6));
            assertEquals(0, RelationalKd.distance(tt.mul(3), tt).getFloat(), 1e-5);
        }
    }

    @Test
    void rkdAngleIsTheHuberLossOfTheCosinesAtEveryVertexOverAllTriplets() {
        int rows = 4;
        double[] s = asFloat32(random(rows * 3, 61, 1));
        double[] t = asFloat32(random(rows * 5, 62, 1));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray teacher = teacher(m, t, new Shape(rows, 5));
            TermChecks.Gradient g = gradient(m, s, new Shape(rows, 3), a -> RelationalKd.angle(a, teacher));
            assertEquals(rkdAngle(s, t, rows), g.value(), 1e-5);
            assertTrue(g.value() > 1e-3, "different geometries: not 0: " + g.value());
            assertClose(numeric(s, x -> rkdAngle(x, t, rows)), g.gradient(), 2e-3, "d RKD-A / d student");
            assertNotAllZero(g.gradient(), "d RKD-A / d student");
            assertNoGradient(teacher, "the teacher's embeddings");
            // angles ignore translation and scale
            NDArray tt = m.create(floats(t), new Shape(rows, 5));
            assertEquals(0, RelationalKd.angle(tt.mul(2).add(1), tt).getFloat(), 1e-5);
        }
    }

    @Test
    void rkdGradientsStayFiniteWhenTwoRowsCoincide() {
        int rows = 4;
        double[] s = asFloat32(random(rows * 3, 71, 1));
        System.arraycopy(s, 0, s, 3, 3); // rows 0 and 1 are the same point
        double[] t = asFloat32(random(rows * 3, 72, 1));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray teacher = m.create(floats(t), new Shape(rows, 3));
            TermChecks.Gradient d = gradient(m, s, new Shape(rows, 3), a -> RelationalKd.distance(a, teacher));
            TermChecks.Gradient a = gradient(m, s, new Shape(rows, 3), x -> RelationalKd.angle(x, teacher));
            // the Gram matrix leaves a rounding error in the distance between the coinciding rows (about 1e-4
            // instead of the floor's 1e-6): the values agree less closely here
            assertEquals(rkdDistance(s, t, rows), d.value(), 1e-3);
            assertEquals(rkdAngle(s, t, rows), a.value(), 1e-5);
            assertFinite(d.gradient(), "d RKD-D / d student with coinciding rows");
            assertFinite(a.gradient(), "d RKD-A / d student with coinciding rows");
        }
    }

    @Test
    void rkdRefusesBatchesTooSmallForPairsOrTripletsAndUnpairedRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray one = m.ones(new Shape(1, 3));
            NDArray two = m.ones(new Shape(2, 3));
            IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                    () -> RelationalKd.distance(one, one));
            assertTrue(d.getMessage().contains("at least 2, got 1"), d.getMessage());
            IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                    () -> RelationalKd.angle(two, two));
            assertTrue(a.getMessage().contains("at least 3, got 2"), a.getMessage());
            IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                    () -> RelationalKd.distance(two, m.ones(new Shape(3, 3))));
            assertTrue(rows.getMessage().contains("the student gives 2 rows but the teacher 3"), rows.getMessage());
        }
    }

    @Test
    void huberIsSmoothL1WithDeltaOne() {
        double[] d = {-3, -1.2, -0.4, 0, 0.3, 0.99, 1.5};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] h = RelationalKd.huber(m.create(floats(d))).toFloatArray();
            for (int i = 0; i < d.length; i++) {
                assertEquals(huber(d[i]), h[i], 1e-6, "huber(" + d[i] + ")");
            }
        }
    }

    /**
     * Every number that scales an array needing a gradient must still be there when the backward pass reads it
     * (NativeScalar): here a garbage collection, after filling freed direct memory with garbage, runs between each
     * term's forward and backward pass, and the gradient must be the one computed without it.
     */
    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
        int rows = 4;
        double[] s = asFloat32(random(rows * 3, 101, 2));
        double[] t = asFloat32(random(rows * 3, 102, 2));
        Map<String, java.util.function.BiFunction<NDArray, NDArray, NDArray>> terms = new LinkedHashMap<>();
        terms.put("soft targets", (a, b) -> SoftTargets.value(a, b, 3));
        terms.put("cosine hint", CosineHint::value);
        terms.put("RKD distance", RelationalKd::distance);
        terms.put("RKD angle", RelationalKd::angle);
        terms.put("attention transfer", (a, b) -> AttentionTransfer.value(List.of(a.reshape(rows, 1, 3, 1)),
                List.of(b.reshape(rows, 1, 3, 1))));
        try (NDManager m = NDManager.newBaseManager()) {
            for (Map.Entry<String, java.util.function.BiFunction<NDArray, NDArray, NDArray>> term : terms.entrySet()) {
                NDArray teacher = m.create(floats(t), new Shape(rows, 3));
                float[] clean = gradient(m, s, new Shape(rows, 3), a -> term.getValue().apply(a, teacher)).gradient();
                for (int i = 0; i < 5; i++) {
                    try (NDManager step = m.newSubManager()) {
                        NDArray x = step.create(floats(s), new Shape(rows, 3));
                        x.setRequiresGradient(true);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = term.getValue().apply(x, teacher);
                            for (int k = 0; k < 50; k++) {
                                java.nio.ByteBuffer.allocateDirect(1 << 16).putFloat(0, -2.3e38f);
                            }
                            System.gc();
                            gc.backward(loss);
                        }
                        assertArrayEquals(clean, x.getGradient().toFloatArray(), 1e-6f,
                                term.getKey() + ", attempt " + i);
                    }
                }
            }
        }
    }
}
