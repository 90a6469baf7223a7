package org.xmodal.engine.objective;

import static org.xmodal.engine.objective.TermChecks.backward;
import static org.xmodal.engine.objective.TermChecks.variable;
import static org.xmodal.engine.objective.TermChecks.maxAbs;
import static org.xmodal.engine.objective.TermChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Xia et al.'s robust cross-modal distillation, the terms beside the filter: the noise filter's triplet term and
 * Contrastive Semantic Calibration, each value against a direct computation in double precision on small tensors
 * and each gradient against central differences of that computation (the filter itself: RobustTermsTest).
 */
class CalibrationTermsTest {

    // ---------------------------------------------------------------- triplet

    private static double cosine(double[] x, int i, double[] y, int j, int d) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int c = 0; c < d; c++) {
            xy += x[i * d + c] * y[j * d + c];
            xx += x[i * d + c] * x[i * d + c];
            yy += y[j * d + c] * y[j * d + c];
        }
        return xy / Math.sqrt(xx * yy);
    }

    private static double[] hinges(double[] anchor, double[] negative, double[] positive, double margin, int b,
                                   int d) {
        double[] h = new double[b];
        for (int i = 0; i < b; i++) {
            h[i] = cosine(anchor, i, negative, i, d) - cosine(anchor, i, positive, i, d) + margin;
        }
        return h;
    }

    private static double triplet(double[] anchor, double[] negative, double[] positive, double margin, int b, int d) {
        double s = 0;
        for (double h : hinges(anchor, negative, positive, margin, b, d)) {
            s += Math.max(0, h) / b;
        }
        return s;
    }

    @Test
    void theTripletIsTheMeanHingeOfCosinesAndItsGradientsAreTheDirectOnes() {
        int b = 5;
        int d = 4;
        double margin = 0.2;
        double[] anchor = TermChecks.asFloat32(TermChecks.random(b * d, 21, 1));
        double[] negative = TermChecks.asFloat32(TermChecks.random(b * d, 22, 1));
        double[] positive = TermChecks.asFloat32(TermChecks.random(b * d, 23, 1));
        double[] h = hinges(anchor, negative, positive, margin, b, d);
        assertTrue(Arrays.stream(h).anyMatch(x -> x > 1e-3)
                && Arrays.stream(h).anyMatch(x -> x < -1e-3)
                && Arrays.stream(h).allMatch(x -> Math.abs(x) > 1e-3), "rows on both sides, none at the kink");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray an = variable(m, anchor, new Shape(b, d));
            NDArray ne = variable(m, negative, new Shape(b, d));
            NDArray po = variable(m, positive, new Shape(b, d));
            double value = backward(() -> NoiseFilterTriplet.value(an, ne, po, margin));
            assertEquals(triplet(anchor, negative, positive, margin, b, d), value, 1e-6);
            assertClose(TermChecks.numeric(anchor, x -> triplet(x, negative, positive, margin, b, d)), TermChecks.doubles(an.getGradient()),
                    1e-4, "d triplet / d anchor");
            assertClose(TermChecks.numeric(positive, x -> triplet(anchor, negative, x, margin, b, d)), TermChecks.doubles(po.getGradient()),
                    1e-4, "d triplet / d positive");
            assertClose(TermChecks.numeric(negative, x -> triplet(anchor, x, positive, margin, b, d)), TermChecks.doubles(ne.getGradient()),
                    1e-4, "d triplet / d negative");
            assertTrue(maxAbs(TermChecks.doubles(po.getGradient())) > 1e-3, "the positive learns");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> NoiseFilterTriplet.value(an, ne, po, Double.NaN));
            assertTrue(bad.getMessage().contains("margin must be a number >= 0"), bad.getMessage());
        }
    }

    // ---------------------------------------------------------------- CSC

    private static double[][] temperatures(double[] student, double[] teacher, double threshold, boolean adaptive,
                                           int b, int d) {
        double[][] tau = new double[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                double t = adaptive ? cosine(student, i, teacher, j, d) + threshold : threshold;
                tau[i][j] = Math.max(ContrastiveSemanticCalibration.MINIMUM_TEMPERATURE, t);
            }
        }
        return tau;
    }

    private static double csc(double[] student, double[] selected, double[][] tau, int[] labels, int d) {
        int b = labels.length;
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double[] z = new double[b];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < b; j++) {
                z[j] = cosine(student, i, selected, j, d) / tau[i][j];
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = 0; j < b; j++) {
                sum += Math.exp(z[j] - max);
            }
            double row = 0;
            int same = 0;
            for (int j = 0; j < b; j++) {
                if (labels[j] == labels[i]) {
                    row -= z[j] - max - Math.log(sum);
                    same++;
                }
            }
            loss += row / same / b;
        }
        return loss;
    }

    private static final int[] LABELS = {0, 1, 0, 2, 1, 0};

    @Test
    void cscIsTheMeanSameClassLogSoftmaxAndItsGradientsReachTheStudentAndTheSelectedOnly() {
        int b = LABELS.length;
        int d = 4;
        double[] student = TermChecks.asFloat32(TermChecks.random(b * d, 31, 1));
        double[] selected = TermChecks.asFloat32(TermChecks.random(b * d, 32, 1));
        double[] teacher = TermChecks.asFloat32(TermChecks.random(b * d, 33, 1));
        for (int c = 0; c < d; c++) {
            teacher[d + c] = -student[d + c]; // pair 1's teacher points away: its tau would be -0.93, clamped to 0.01
        }
        for (boolean adaptive : new boolean[] {true, false}) {
            double threshold = adaptive ? 0.07 : 0.2;
            double[][] tau = temperatures(student, teacher, threshold, adaptive, b, d);
            if (adaptive) {
                assertEquals(ContrastiveSemanticCalibration.MINIMUM_TEMPERATURE, tau[1][1], 1e-12);
            }
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray v = variable(m, student, new Shape(b, d));
                NDArray s = variable(m, selected, new Shape(b, d));
                NDArray a = variable(m, teacher, new Shape(b, d));
                double value = backward(() -> ContrastiveSemanticCalibration.value(v, s, a, LABELS, threshold,
                        adaptive));
                String what = adaptive ? "adaptive" : "fixed";
                double expected = csc(student, selected, tau, LABELS, d);
                assertEquals(expected, value, 1e-5 * Math.max(1, expected), what);
                // tau is held fixed: the temperature carries no gradient back to the student
                assertClose(TermChecks.numeric(student, x -> csc(x, selected, tau, LABELS, d)), TermChecks.doubles(v.getGradient()), 2e-3,
                        what + ": d CSC / d student");
                assertClose(TermChecks.numeric(selected, x -> csc(student, x, tau, LABELS, d)), TermChecks.doubles(s.getGradient()), 2e-3,
                        what + ": d CSC / d selected");
                assertFalse(a.hasGradient() && maxAbs(TermChecks.doubles(a.getGradient())) > 0, what + ": the teacher learns "
                        + "nothing from CSC");
            }
        }
    }

    @Test
    void theFilteredTeacherMovesCscOnlyThroughTheAdaptiveTemperature() {
        int b = LABELS.length;
        int d = 4;
        double[] student = TermChecks.asFloat32(TermChecks.random(b * d, 41, 1));
        double[] selected = TermChecks.asFloat32(TermChecks.random(b * d, 42, 1));
        double[] teacher = TermChecks.asFloat32(TermChecks.random(b * d, 43, 1));
        double[] another = TermChecks.asFloat32(TermChecks.random(b * d, 44, 1));
        double[] scaled = new double[b * d];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = teacher[i] * (1 + i / d); // each row by its own positive factor: the same cosines
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = m.create(TermChecks.floats(student), new Shape(b, d));
            NDArray s = m.create(TermChecks.floats(selected), new Shape(b, d));
            Function<double[], Float> fixed = t -> ContrastiveSemanticCalibration.value(v, s,
                    m.create(TermChecks.floats(t), new Shape(b, d)), LABELS, 0.1, false).getFloat();
            Function<double[], Float> adaptive = t -> ContrastiveSemanticCalibration.value(v, s,
                    m.create(TermChecks.floats(t), new Shape(b, d)), LABELS, 0.1, true).getFloat();
            assertEquals(fixed.apply(teacher), fixed.apply(another), "a fixed temperature ignores the teacher");
            assertEquals(fixed.apply(teacher), fixed.apply(new double[b * d]));
            assertEquals(csc(student, selected, temperatures(student, another, 0.1, false, b, d), LABELS, d),
                    fixed.apply(another), 1e-5);
            double one = adaptive.apply(teacher);
            double two = adaptive.apply(another);
            assertTrue(Math.abs(one - two) > 1e-3, one + " vs " + two);
            assertEquals(csc(student, selected, temperatures(student, teacher, 0.1, true, b, d), LABELS, d), one, 1e-5);
            assertEquals(csc(student, selected, temperatures(student, another, 0.1, true, b, d), LABELS, d), two, 1e-5);
            assertEquals(one, adaptive.apply(scaled), 1e-5, "only the teacher's directions set tau");
        }
    }

    @Test
    void cscRefusesMissingLabelsAndThresholdsOutOfRange() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(TermChecks.floats(TermChecks.random(3 * 4, 51, 1)), new Shape(3, 4));
            for (int[] labels : new int[][] {null, {0, 1}}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ContrastiveSemanticCalibration.value(x, x, x, labels, 0.07, true));
                assertTrue(e.getMessage().startsWith("CSC needs every pair's class label"), e.getMessage());
                assertTrue(e.getMessage().endsWith("for a batch of 3"), e.getMessage());
            }
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> ContrastiveSemanticCalibration.value(x, x, x, new int[] {0, 1, 0}, 0, false));
            assertTrue(zero.getMessage().contains("must be > 0 (it is the temperature), got 0.0"), zero.getMessage());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> ContrastiveSemanticCalibration.value(x, x, x, new int[] {0, 1, 0}, -0.1, true));
            assertTrue(negative.getMessage().contains("must be >= 0"), negative.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ContrastiveSemanticCalibration.value(x, x, x, new int[] {0, 1, 0}, Double.NaN, true));
            // 0 is allowed with the adaptive temperature (tau = the cosine, floored)
            assertTrue(Float.isFinite(ContrastiveSemanticCalibration.value(x, x, x, new int[] {0, 1, 0}, 0, true)
                    .getFloat()));
        }
    }
}
