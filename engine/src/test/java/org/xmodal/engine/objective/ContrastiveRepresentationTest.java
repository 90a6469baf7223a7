package org.xmodal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xmodal.engine.objective.TermChecks.asFloat32;
import static org.xmodal.engine.objective.TermChecks.assertClose;
import static org.xmodal.engine.objective.TermChecks.assertNoGradient;
import static org.xmodal.engine.objective.TermChecks.assertNotAllZero;
import static org.xmodal.engine.objective.TermChecks.doubles;
import static org.xmodal.engine.objective.TermChecks.floats;
import static org.xmodal.engine.objective.TermChecks.gradient;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * CRD with its memory bank: the first call's value against a direct computation in double precision with the same
 * negatives, the memory update, the normalisers estimated once, where the gradient goes, a checkpointed state that
 * continues exactly, the negatives' sampling and the refusals.
 */
class ContrastiveRepresentationTest {
    private static final int STUDENT_DIM = 5;
    private static final int TEACHER_DIM = 6;
    private static final int DATA = 10;
    private static final ContrastiveRepresentation.Settings SETTINGS =
            new ContrastiveRepresentation.Settings(3, 4, 0.1, 0.5);
    private static final int[] INDICES = {7, 2, 4};
    private static final int[][] NEGATIVES = {{0, 1, 3, 9}, {5, 5, 8, 0}, {1, 6, 9, 3}};
    private static final int BATCH = INDICES.length;

    /**
     * CRD written out in double precision, on a copy of the object's arrays: heads, memory banks, normalisers
     * (negative: estimate on this call).
     */
    private static final class Direct {
        double[] studentWeight;
        double[] studentBias;
        double[] teacherWeight;
        double[] teacherBias;
        double[] studentMemory;
        double[] teacherMemory;
        double studentZ;
        double teacherZ;

        static Direct of(ContrastiveRepresentation crd) {
            Direct d = new Direct();
            d.studentWeight = doubles(crd.parameters().get("crd.student.weight"));
            d.studentBias = doubles(crd.parameters().get("crd.student.bias"));
            d.teacherWeight = doubles(crd.parameters().get("crd.teacher.weight"));
            d.teacherBias = doubles(crd.parameters().get("crd.teacher.bias"));
            d.studentMemory = doubles(crd.state().get("crd.memory.student"));
            d.teacherMemory = doubles(crd.state().get("crd.memory.teacher"));
            d.studentZ = crd.state().get("crd.z.student").getFloat();
            d.teacherZ = crd.state().get("crd.z.teacher").getFloat();
            return d;
        }

        /** {@code normalise(W x + b)} per row. */
        static double[][] embed(double[] x, double[] w, double[] b, int in) {
            int e = SETTINGS.embedding();
            int rows = x.length / in;
            double[][] out = new double[rows][e];
            for (int i = 0; i < rows; i++) {
                double norm = 0;
                for (int o = 0; o < e; o++) {
                    double v = b[o];
                    for (int f = 0; f < in; f++) {
                        v += w[o * in + f] * x[i * in + f];
                    }
                    out[i][o] = v;
                    norm += v * v;
                }
                norm = Math.max(Math.sqrt(norm), 1e-12);
                for (int o = 0; o < e; o++) {
                    out[i][o] /= norm;
                }
            }
            return out;
        }

        /** {@code exp(<e_i, memory[y_i or n_ik]> / T)}, (batch, K + 1). */
        static double[][] scores(double[][] embedding, double[] memory, int[] indices, int[][] negatives) {
            int e = SETTINGS.embedding();
            int k = SETTINGS.negatives();
            double[][] s = new double[indices.length][k + 1];
            for (int i = 0; i < indices.length; i++) {
                for (int j = 0; j <= k; j++) {
                    int row = j == 0 ? indices[i] : negatives[i][j - 1];
                    double dot = 0;
                    for (int f = 0; f < e; f++) {
                        dot += embedding[i][f] * memory[row * e + f];
                    }
                    s[i][j] = Math.exp(dot / SETTINGS.temperature());
                }
            }
            return s;
        }

        static double estimate(double[][] scores) {
            double sum = 0;
            int count = 0;
            for (double[] row : scores) {
                for (double v : row) {
                    sum += v;
                    count++;
                }
            }
            return sum / count * DATA;
        }

        /** RepDistiller's NCE loss of the normalised scores. */
        static double nce(double[][] scores, double z) {
            int k = SETTINGS.negatives();
            double kPn = (double) k / DATA;
            double eps = 1e-7;
            double sum = 0;
            for (double[] row : scores) {
                double positive = row[0] / z;
                sum += Math.log(positive / (positive + kPn + eps));
                for (int j = 1; j <= k; j++) {
                    sum += Math.log(kPn / (row[j] / z + kPn + eps));
                }
            }
            return -sum / scores.length;
        }

        double[][] studentEmbedding(double[] student) {
            return embed(student, studentWeight, studentBias, STUDENT_DIM);
        }

        double[][] teacherEmbedding(double[] teacher) {
            return embed(teacher, teacherWeight, teacherBias, TEACHER_DIM);
        }

        /** The student's side against the teacher's memory and the teacher's against the student's. */
        double[][][] scores(double[] student, double[] teacher, int[] indices, int[][] negatives) {
            return new double[][][] {scores(studentEmbedding(student), teacherMemory, indices, negatives),
                    scores(teacherEmbedding(teacher), studentMemory, indices, negatives)};
        }

        /** The normalisers this call uses: the kept ones, or estimates from its scores. */
        double[] normalisers(double[] student, double[] teacher, int[] indices, int[][] negatives) {
            double[][][] s = scores(student, teacher, indices, negatives);
            return new double[] {studentZ < 0 ? estimate(s[0]) : studentZ, teacherZ < 0 ? estimate(s[1]) : teacherZ};
        }

        double value(double[] student, double[] teacher, int[] indices, int[][] negatives) {
            double[][][] s = scores(student, teacher, indices, negatives);
            double[] z = normalisers(student, teacher, indices, negatives);
            return nce(s[0], z[0]) + nce(s[1], z[1]);
        }
    }

    private static ContrastiveRepresentation crd(NDManager m, long seed) {
        return new ContrastiveRepresentation(m, STUDENT_DIM, TEACHER_DIM, DATA, SETTINGS, seed);
    }

    private static Map<String, float[]> copy(Map<String, NDArray> arrays) {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    private static void restore(Map<String, NDArray> into, Map<String, float[]> saved) {
        saved.forEach((k, v) -> into.get(k).set(v));
    }

    @Test
    void theFirstCallIsTheNceLossOfBothSidesWithNormalisersEstimatedFromItsScores() {
        double[] student = asFloat32(random(BATCH * STUDENT_DIM, 81, 1));
        double[] teacher = asFloat32(random(BATCH * TEACHER_DIM, 82, 1));
        try (NDManager m = NDManager.newBaseManager(); ContrastiveRepresentation crd = crd(m, 3)) {
            assertEquals(-1, crd.state().get("crd.z.student").getFloat(), "not yet estimated");
            Direct direct = Direct.of(crd);
            double expected = direct.value(student, teacher, INDICES, NEGATIVES);
            double[] z = direct.normalisers(student, teacher, INDICES, NEGATIVES);
            float value = crd.value(m.create(floats(student), new Shape(BATCH, STUDENT_DIM)),
                    m.create(floats(teacher), new Shape(BATCH, TEACHER_DIM)), INDICES, NEGATIVES).getFloat();
            assertEquals(expected, value, 1e-5 * Math.abs(expected));
            assertEquals(z[0], crd.state().get("crd.z.student").getFloat(), 1e-5 * z[0]);
            assertEquals(z[1], crd.state().get("crd.z.teacher").getFloat(), 1e-5 * z[1]);
            // the two sides are not the same number: each embedding meets the other side's memory
            double[][][] s = direct.scores(student, teacher, INDICES, NEGATIVES);
            assertNotEquals(Direct.nce(s[0], z[0]), Direct.nce(s[1], z[1]), 1e-3);
        }
    }

    @Test
    void theMemoryRowsOfTheBatchMoveTowardsItsEmbeddingsAndTheOtherRowsStay() {
        double[] student = asFloat32(random(BATCH * STUDENT_DIM, 83, 1));
        double[] teacher = asFloat32(random(BATCH * TEACHER_DIM, 84, 1));
        try (NDManager m = NDManager.newBaseManager(); ContrastiveRepresentation crd = crd(m, 4)) {
            Direct before = Direct.of(crd);
            crd.value(m.create(floats(student), new Shape(BATCH, STUDENT_DIM)),
                    m.create(floats(teacher), new Shape(BATCH, TEACHER_DIM)), INDICES, NEGATIVES);
            Direct after = Direct.of(crd);
            int e = SETTINGS.embedding();
            double mo = SETTINGS.momentum();
            for (String side : List.of("student", "teacher")) {
                boolean isStudent = side.equals("student");
                double[][] embedding = isStudent ? before.studentEmbedding(student) : before.teacherEmbedding(teacher);
                double[] old = isStudent ? before.studentMemory : before.teacherMemory;
                double[] updated = isStudent ? after.studentMemory : after.teacherMemory;
                for (int row = 0; row < DATA; row++) {
                    int inBatch = -1;
                    for (int i = 0; i < BATCH; i++) {
                        inBatch = INDICES[i] == row ? i : inBatch;
                    }
                    if (inBatch < 0) {
                        for (int f = 0; f < e; f++) {
                            assertEquals(old[row * e + f], updated[row * e + f], 0, side + " memory row " + row);
                        }
                        continue;
                    }
                    double[] mixed = new double[e];
                    double norm = 0;
                    for (int f = 0; f < e; f++) {
                        mixed[f] = mo * old[row * e + f] + (1 - mo) * embedding[inBatch][f];
                        norm += mixed[f] * mixed[f];
                    }
                    for (int f = 0; f < e; f++) {
                        assertEquals(mixed[f] / Math.sqrt(norm), updated[row * e + f], 1e-6,
                                side + " memory row " + row + "[" + f + "]");
                    }
                }
            }
        }
    }

    @Test
    void theNormalisersAreEstimatedOnceAndThenKept() {
        double[] student = asFloat32(random(BATCH * STUDENT_DIM, 85, 1));
        double[] teacher = asFloat32(random(BATCH * TEACHER_DIM, 86, 1));
        double[] student2 = asFloat32(random(BATCH * STUDENT_DIM, 87, 2));
        double[] teacher2 = asFloat32(random(BATCH * TEACHER_DIM, 88, 2));
        int[] indices2 = {0, 9, 2};
        int[][] negatives2 = {{4, 5, 6, 7}, {1, 2, 3, 4}, {8, 8, 9, 0}};
        try (NDManager m = NDManager.newBaseManager(); ContrastiveRepresentation crd = crd(m, 5)) {
            crd.value(m.create(floats(student), new Shape(BATCH, STUDENT_DIM)),
                    m.create(floats(teacher), new Shape(BATCH, TEACHER_DIM)), INDICES, NEGATIVES);
            float zs = crd.state().get("crd.z.student").getFloat();
            float zt = crd.state().get("crd.z.teacher").getFloat();
            assertTrue(zs > 0 && zt > 0, zs + ", " + zt);
            Direct kept = Direct.of(crd); // the updated memory and the kept normalisers
            double expected = kept.value(student2, teacher2, indices2, negatives2);
            float value = crd.value(m.create(floats(student2), new Shape(BATCH, STUDENT_DIM)),
                    m.create(floats(teacher2), new Shape(BATCH, TEACHER_DIM)), indices2, negatives2).getFloat();
            assertEquals(expected, value, 1e-5 * Math.abs(expected));
            assertEquals(zs, crd.state().get("crd.z.student").getFloat(), "the student's normaliser is kept");
            assertEquals(zt, crd.state().get("crd.z.teacher").getFloat(), "the teacher's normaliser is kept");
            // estimating them again on this batch would have given another value
            kept.studentZ = -1;
            kept.teacherZ = -1;
            assertNotEquals(kept.value(student2, teacher2, indices2, negatives2), value,
                    1e-3 * Math.abs(expected));
        }
    }

    @Test
    void theGradientReachesTheStudentFeaturesAndBothHeadsButNotTheTeacherFeatures() {
        double[] student = asFloat32(random(BATCH * STUDENT_DIM, 89, 1));
        double[] teacherValues = asFloat32(random(BATCH * TEACHER_DIM, 90, 1));
        try (NDManager m = NDManager.newBaseManager(); ContrastiveRepresentation crd = crd(m, 6)) {
            Direct direct = Direct.of(crd);
            // the normalisers are estimated without gradient: the direct computation holds them fixed
            double[] z = direct.normalisers(student, teacherValues, INDICES, NEGATIVES);
            direct.studentZ = z[0];
            direct.teacherZ = z[1];
            NDArray teacher = teacher(m, teacherValues, new Shape(BATCH, TEACHER_DIM));
            TermChecks.Gradient g = gradient(m, student, new Shape(BATCH, STUDENT_DIM),
                    a -> crd.value(a, teacher, INDICES, NEGATIVES));
            assertClose(numeric(student, x -> direct.value(x, teacherValues, INDICES, NEGATIVES)), g.gradient(),
                    2e-3, "d CRD / d student features");
            assertNotAllZero(g.gradient(), "d CRD / d student features");
            assertNoGradient(teacher, "the teacher's features");
            double[] teacherWeight = direct.teacherWeight;
            double[] expected = numeric(teacherWeight, w -> {
                double[] kept = direct.teacherWeight;
                direct.teacherWeight = w;
                double v = direct.value(student, teacherValues, INDICES, NEGATIVES);
                direct.teacherWeight = kept;
                return v;
            });
            float[] actual = crd.parameters().get("crd.teacher.weight").getGradient().toFloatArray();
            assertClose(expected, actual, 2e-3, "d CRD / d teacher head's weight");
            for (Map.Entry<String, NDArray> p : crd.parameters().entrySet()) {
                assertTrue(p.getValue().hasGradient(), p.getKey() + " is trainable");
                assertNotAllZero(p.getValue().getGradient().toFloatArray(), "the gradient of " + p.getKey());
            }
            for (Map.Entry<String, NDArray> s : crd.state().entrySet()) {
                assertTrue(!s.getValue().hasGradient(), s.getKey() + " is not trainable");
            }
        }
    }

    @Test
    void aStateRestoredInPlaceContinuesExactly() {
        Shape ss = new Shape(BATCH, STUDENT_DIM);
        Shape ts = new Shape(BATCH, TEACHER_DIM);
        try (NDManager m = NDManager.newBaseManager();
             ContrastiveRepresentation a = crd(m, 7);
             ContrastiveRepresentation b = crd(m, 7);
             ContrastiveRepresentation fresh = crd(m, 7)) {
            NDArray s1 = m.create(floats(random(BATCH * STUDENT_DIM, 91, 1)), ss);
            NDArray t1 = m.create(floats(random(BATCH * TEACHER_DIM, 92, 1)), ts);
            NDArray s2 = m.create(floats(random(BATCH * STUDENT_DIM, 93, 1)), ss);
            NDArray t2 = m.create(floats(random(BATCH * TEACHER_DIM, 94, 1)), ts);
            int[] second = {1, 3, 8};
            a.value(s1, t1, INDICES, new SplittableRandom(100));
            Map<String, float[]> checkpoint = copy(a.state());
            float continued = a.value(s2, t2, second, new SplittableRandom(200)).getFloat();
            Map<String, float[]> afterwards = copy(a.state());
            // the same object, its state put back: the same step again
            restore(a.state(), checkpoint);
            assertEquals(continued, a.value(s2, t2, second, new SplittableRandom(200)).getFloat(),
                    1e-6 * Math.abs(continued));
            // without putting it back the memory has moved on, and the value differs
            assertNotEquals(continued, a.value(s2, t2, second, new SplittableRandom(200)).getFloat(),
                    1e-4 * Math.abs(continued));
            // a new object with the same seed (the resumed run), its state restored in place
            restore(b.state(), checkpoint);
            assertEquals(continued, b.value(s2, t2, second, new SplittableRandom(200)).getFloat(),
                    1e-6 * Math.abs(continued));
            copy(b.state()).forEach((k, v) -> assertArrayEquals(afterwards.get(k), v, 1e-6f, k));
            // and without the restored state it would not have continued
            assertNotEquals(continued, fresh.value(s2, t2, second, new SplittableRandom(200)).getFloat(),
                    1e-4 * Math.abs(continued));
        }
    }

    @Test
    void negativesAreDrawnUniformlyFromTheOtherTrainPairsWithTheCallersRandom() {
        int[] indices = {0, 4, 9};
        int[][] drawn = ContrastiveRepresentation.negatives(indices, 3000, DATA, new SplittableRandom(11));
        for (int i = 0; i < indices.length; i++) {
            int[] counts = new int[DATA];
            for (int n : drawn[i]) {
                assertTrue(n >= 0 && n < DATA, "in range: " + n);
                counts[n]++;
            }
            assertEquals(0, counts[indices[i]], "row " + i + " never draws its own index");
            for (int r = 0; r < DATA; r++) {
                if (r != indices[i]) {
                    // 3000 draws over 9 indices: 333 expected, sd 17
                    assertTrue(counts[r] > 250 && counts[r] < 420, "row " + i + " drew " + r + " " + counts[r]
                            + " times");
                }
            }
        }
        // the public call draws with the random it is given, as the package-private one is given them
        double[] student = random(BATCH * STUDENT_DIM, 95, 1);
        double[] teacher = random(BATCH * TEACHER_DIM, 96, 1);
        try (NDManager m = NDManager.newBaseManager();
             ContrastiveRepresentation a = crd(m, 8);
             ContrastiveRepresentation b = crd(m, 8)) {
            float drawnByTheTerm = a.value(m.create(floats(student), new Shape(BATCH, STUDENT_DIM)),
                    m.create(floats(teacher), new Shape(BATCH, TEACHER_DIM)), INDICES, new SplittableRandom(12))
                    .getFloat();
            int[][] same = ContrastiveRepresentation.negatives(INDICES, SETTINGS.negatives(), DATA,
                    new SplittableRandom(12));
            float given = b.value(m.create(floats(student), new Shape(BATCH, STUDENT_DIM)),
                    m.create(floats(teacher), new Shape(BATCH, TEACHER_DIM)), INDICES, same).getFloat();
            assertEquals(given, drawnByTheTerm, 1e-6 * Math.abs(given));
        }
    }

    @Test
    void initialisationFollowsTheSeedAndPyTorchsBounds() {
        try (NDManager m = NDManager.newBaseManager();
             ContrastiveRepresentation a = crd(m, 9);
             ContrastiveRepresentation b = crd(m, 9);
             ContrastiveRepresentation c = crd(m, 10)) {
            Map<String, Shape> shapes = Map.of("crd.student.weight", new Shape(3, STUDENT_DIM),
                    "crd.student.bias", new Shape(3), "crd.teacher.weight", new Shape(3, TEACHER_DIM),
                    "crd.teacher.bias", new Shape(3), "crd.memory.student", new Shape(DATA, 3),
                    "crd.memory.teacher", new Shape(DATA, 3), "crd.z.student", new Shape(1),
                    "crd.z.teacher", new Shape(1));
            Map<String, NDArray> all = new LinkedHashMap<>(a.parameters());
            all.putAll(a.state());
            assertEquals(shapes.keySet(), all.keySet());
            all.forEach((k, v) -> assertEquals(shapes.get(k), v.getShape(), k));
            Map<String, Double> bounds = Map.of("crd.student.weight", 1 / Math.sqrt(STUDENT_DIM),
                    "crd.student.bias", 1 / Math.sqrt(STUDENT_DIM), "crd.teacher.weight", 1 / Math.sqrt(TEACHER_DIM),
                    "crd.teacher.bias", 1 / Math.sqrt(TEACHER_DIM), "crd.memory.student", 1.0,
                    "crd.memory.teacher", 1.0); // 1 / sqrt(3 / 3)
            bounds.forEach((k, bound) -> {
                double max = 0;
                for (float v : all.get(k).toFloatArray()) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max <= bound && max > bound / 3, k + ": largest |value| " + max + ", bound " + bound);
            });
            Map<String, float[]> other = copy(b.parameters());
            other.putAll(copy(b.state()));
            Map<String, float[]> third = copy(c.parameters());
            all.forEach((k, v) -> assertArrayEquals(other.get(k), v.toFloatArray(), k + ": the same seed"));
            assertTrue(!java.util.Arrays.equals(third.get("crd.student.weight"),
                    all.get("crd.student.weight").toFloatArray()), "another seed, other weights");
        }
    }

    @Test
    void refusesMoreNegativesThanTrainPairsAndIndicesOutsideTheMemory() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                    () -> new ContrastiveRepresentation(m, 4, 4, 10,
                            new ContrastiveRepresentation.Settings(8, 10, 0.07, 0.5), 1));
            assertTrue(many.getMessage().startsWith("CRD draws 10 negatives from a memory bank of 10 train pairs: "),
                    many.getMessage());
            IllegalArgumentException cold = assertThrows(IllegalArgumentException.class,
                    () -> new ContrastiveRepresentation.Settings(128, 4096, 0, 0.5));
            assertTrue(cold.getMessage().contains("temperature must be a number > 0, got 0.0"), cold.getMessage());
            IllegalArgumentException still = assertThrows(IllegalArgumentException.class,
                    () -> new ContrastiveRepresentation.Settings(128, 4096, 0.07, 1));
            assertTrue(still.getMessage().contains("momentum must be in [0, 1), got 1.0"), still.getMessage());
            try (ContrastiveRepresentation crd = crd(m, 1)) {
                NDArray s = m.zeros(new Shape(BATCH, STUDENT_DIM));
                NDArray t = m.zeros(new Shape(BATCH, TEACHER_DIM));
                for (int bad : new int[] {DATA, -1}) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> crd.value(s, t, new int[] {0, bad, 2}, new SplittableRandom(1)));
                    assertTrue(e.getMessage().contains("row 1 of the batch has index " + bad + ", outside the memory "
                            + "bank of 10 train pairs"), e.getMessage());
                }
                IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                        () -> crd.value(s, t, new int[] {0, 1}, new SplittableRandom(1)));
                assertTrue(rows.getMessage().contains("3 student rows, 3 teacher rows and 2 indices"),
                        rows.getMessage());
                assertEquals(-1, crd.state().get("crd.z.student").getFloat(), "a refused call changes nothing");
            }
        }
    }

    @Test
    void aStepLeavesNoArraysInTheTermsOwnManager() {
        try (NDManager m = NDManager.newBaseManager(); ContrastiveRepresentation crd = crd(m, 12)) {
            int before = crd.manager().getManagedArrays().size();
            for (int step = 0; step < 3; step++) {
                try (NDManager scratch = m.newSubManager()) {
                    crd.value(scratch.create(floats(random(BATCH * STUDENT_DIM, 97 + step, 1)),
                                    new Shape(BATCH, STUDENT_DIM)),
                            scratch.create(floats(random(BATCH * TEACHER_DIM, 98 + step, 1)),
                                    new Shape(BATCH, TEACHER_DIM)), INDICES, new SplittableRandom(step));
                }
            }
            assertEquals(before, crd.manager().getManagedArrays().size());
        }
    }

    /**
     * The temperature and the noise constant scale arrays that need a gradient: they must survive a garbage
     * collection between the forward and the backward pass (NativeScalar).
     */
    @Test
    void theGradientSurvivesAGarbageCollectionBetweenForwardAndBackward() {
        double[] student = asFloat32(random(BATCH * STUDENT_DIM, 99, 1));
        double[] teacher = asFloat32(random(BATCH * TEACHER_DIM, 100, 1));
        try (NDManager m = NDManager.newBaseManager()) {
            float[] clean;
            try (ContrastiveRepresentation crd = crd(m, 13)) {
                clean = gradient(m, student, new Shape(BATCH, STUDENT_DIM),
                        a -> crd.value(a, m.create(floats(teacher), new Shape(BATCH, TEACHER_DIM)), INDICES,
                                NEGATIVES)).gradient();
            }
            for (int i = 0; i < 5; i++) {
                try (NDManager step = m.newSubManager(); ContrastiveRepresentation crd = crd(step, 13)) {
                    NDArray x = step.create(floats(student), new Shape(BATCH, STUDENT_DIM));
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = crd.value(x, step.create(floats(teacher), new Shape(BATCH, TEACHER_DIM)),
                                INDICES, NEGATIVES);
                        for (int k = 0; k < 50; k++) {
                            java.nio.ByteBuffer.allocateDirect(1 << 16).putFloat(0, -2.3e38f);
                        }
                        System.gc();
                        gc.backward(loss);
                    }
                    assertArrayEquals(clean, x.getGradient().toFloatArray(), 1e-6f, "attempt " + i);
                }
            }
        }
    }
}
