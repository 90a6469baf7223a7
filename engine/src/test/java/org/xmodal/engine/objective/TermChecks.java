package org.xmodal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the term tests share: random inputs, float32 gradients through DJL, central differences, comparisons. */
final class TermChecks {
    private TermChecks() {
    }

    /** {@code n} numbers uniform in (-scale, scale), from {@code seed}. */
    static double[] random(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextDouble() * 2 - 1) * scale;
        }
        return v;
    }

    static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** The array's values as doubles (of its float32 values, so a direct computation sees what the engine did). */
    static double[] doubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Rounds every value to float32 and back, so that a direct computation starts from the engine's inputs. */
    static double[] asFloat32(double[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = (float) v[i];
        }
        return d;
    }

    /** A term's value and its gradient with respect to one input, computed in float32 through DJL. */
    record Gradient(double value, float[] gradient) {
    }

    /** The gradient of {@code term} at {@code x} (created as a float32 array of {@code shape}), and its value. */
    static Gradient gradient(NDManager m, double[] x, Shape shape, Function<NDArray, NDArray> term) {
        NDArray a = m.create(floats(x), shape);
        a.setRequiresGradient(true);
        double value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray v = term.apply(a);
            assertEquals(new Shape(), v.getShape(), "a term is a scalar");
            value = v.getFloat();
            gc.backward(v);
        }
        return new Gradient(value, a.getGradient().toFloatArray());
    }

    /** Central differences of {@code direct} at {@code x}. */
    static double[] numeric(double[] x, Function<double[], Double> direct) {
        double h = 1e-5;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            g[i] = (direct.apply(up) - direct.apply(down)) / (2 * h);
        }
        return g;
    }

    /** Each element within {@code tolerance}, relative to its size when that is above 1. */
    static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    /** The gradient is not zero everywhere (so that a comparison with a direct one is not trivially met). */
    static void assertNotAllZero(float[] gradient, String what) {
        double max = 0;
        for (float g : gradient) {
            max = Math.max(max, Math.abs(g));
        }
        assertTrue(max > 1e-4, what + " is zero everywhere");
    }

    /** An input marked as needing a gradient got none: the term detached it. */
    static void assertNoGradient(NDArray input, String what) {
        for (float g : input.getGradient().toFloatArray()) {
            assertEquals(0f, g, what + " received a gradient");
        }
    }

    static void assertFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            assertTrue(Float.isFinite(values[i]), what + "[" + i + "] = " + values[i]);
        }
    }

    /** An input for the teacher's side: a float32 array that asks for a gradient, to show it receives none. */
    static NDArray teacher(NDManager m, double[] values, Shape shape) {
        NDArray t = m.create(floats(values), shape);
        t.setRequiresGradient(true);
        return t;
    }

    /** Smooth L1 with delta 1. */
    static double huber(double d) {
        double a = Math.abs(d);
        return a < 1 ? 0.5 * a * a : a - 0.5;
    }

    /** Runs {@code loss} under a gradient collector, with a garbage collection between forward and backward. */
    static double backward(Supplier<NDArray> loss) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.get();
            double value = l.getFloat();
            System.gc();
            gc.backward(l);
            return value;
        }
    }

    static NDArray variable(NDManager m, double[] x, Shape shape) {
        NDArray a = m.create(TermChecks.floats(x), shape);
        a.setRequiresGradient(true);
        return a;
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
