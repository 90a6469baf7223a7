package org.xmodal.engine.device;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.nn.NetworkInput;

/**
 * Whether PyTorch's float32 convolutions on this CPU compute what they should: a few small convolutions, forward
 * and backward, each compared with the same convolution in float64.
 *
 * <p>Why: PyTorch 2.5.1's oneDNN (3.5.3, and 3.7.1 in PyTorch 2.7.1) returns wrong float32 convolutions on some
 * CPUs (seen on an AMD EPYC of family 26, "Zen 5") wherever a tensor is padded to the kernel's channel block: with
 * its AVX-512 kernels, 20, 24 or 40 input channels in PyTorch's default layout (relative error 0.12 to 0.20) and a
 * grouped 96-channel convolution on 3 x 3 maps channels last (alexnet-small's conv4, 0.40); with its AVX2 and AVX
 * kernels, 12 or 20 input channels in the default layout. Its SSE4.1 kernels and oneDNN 2.6.3 (Debian's PyTorch
 * 1.13) compute all of them right on the same machine. The cases below are those shapes; float32 arithmetic gives
 * relative errors near 1e-7 on them, a wrong kernel 1e-1, so the threshold (1e-4) separates the two by far.
 */
public final class ConvolutionCheck {
    /** Largest relative error (norm of the difference over the norm of the float64 result) taken as right. */
    static final double TOLERANCE = 1e-4;
    /** Marks the line a check in a child process prints for its parent ({@link CpuKernels}). */
    static final String REPORT_PREFIX = "xmodal-convolution-check ";

    /** One convolution: channels in and out, square kernel, stride, padding, groups, square input side, layout. */
    record Case(int in, int out, int kernel, int stride, int padding, int groups, int side, boolean channelsLast) {
        String describe() {
            return String.format(Locale.ROOT, "%d->%d channel %dx%d convolution%s%s on %dx%d maps, %s", in, out,
                    kernel, kernel, stride > 1 ? " stride " + stride : "", groups > 1 ? " in " + groups + " groups" : "",
                    side, side, channelsLast ? "channels last" : "default layout");
        }
    }

    static final List<Case> CASES = List.of(
            new Case(24, 16, 3, 1, 1, 1, 13, false),
            new Case(20, 16, 5, 1, 2, 1, 13, false),
            new Case(40, 16, 3, 1, 1, 1, 13, false),
            new Case(12, 16, 3, 1, 1, 1, 13, false),
            new Case(24, 16, 3, 1, 1, 1, 13, true),
            new Case(96, 96, 3, 1, 1, 2, 3, true),
            new Case(24, 64, 5, 1, 2, 2, 6, true),
            new Case(3, 24, 11, 4, 0, 1, 55, true));

    /** What the check found: one line per wrong result, none when every case was right. */
    public record Result(List<String> failures) {
        public Result {
            failures = List.copyOf(failures);
        }

        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** A float32 convolution under test (the float64 reference is always PyTorch's). */
    @FunctionalInterface
    interface Convolution {
        NDArray apply(NDArray x, NDArray w, NDArray b, Case c);
    }

    static final Convolution PYTORCH = (x, w, b, c) -> Conv2d.conv2d(x, w, b, new Shape(c.stride(), c.stride()),
            new Shape(c.padding(), c.padding()), new Shape(1, 1), c.groups()).singletonOrThrow();

    private ConvolutionCheck() {
    }

    /** Runs every case in this process (loads PyTorch if it is not loaded yet). */
    public static Result run() {
        return run(PYTORCH);
    }

    static Result run(Convolution underTest) {
        List<String> failures = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            long seed = 1;
            for (Case c : CASES) {
                failures.addAll(check(m, c, seed++, underTest));
            }
        }
        return new Result(failures);
    }

    private static List<String> check(NDManager parent, Case c, long seed, Convolution underTest) {
        try (NDManager m = parent.newSubManager()) {
            Shape xs = new Shape(2, c.in(), c.side(), c.side());
            Shape ws = new Shape(c.out(), c.in() / c.groups(), c.kernel(), c.kernel());
            NDArray x = m.create(uniform(xs, seed, 1), xs);
            NDArray w = m.create(uniform(ws, seed + 100, 1.0 / Math.sqrt(ws.size() / c.out())), ws);
            NDArray b = m.create(uniform(new Shape(c.out()), seed + 200, 1), new Shape(c.out()));
            double[][] exact = pass(m, c, x, w, b, DataType.FLOAT64, false, PYTORCH);
            double[][] single = pass(m, c, x, w, b, DataType.FLOAT32, c.channelsLast(), underTest);
            String[] what = {"output", "gradient of the input", "gradient of the weights"};
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < what.length; i++) {
                double error = relativeError(exact[i], single[i]);
                if (!(error <= TOLERANCE)) {
                    failures.add(String.format(Locale.ROOT, "%s: %s off by a relative %.3g", c.describe(), what[i],
                            error));
                }
            }
            return failures;
        }
    }

    /** Output, input gradient and weight gradient of one convolution, against a fixed upstream gradient. */
    private static double[][] pass(NDManager m, Case c, NDArray x0, NDArray w0, NDArray b0, DataType type,
                                   boolean channelsLast, Convolution conv) {
        NDArray x = x0.toType(type, true);
        if (channelsLast) {
            x = NetworkInput.channelsLast(x);
        }
        NDArray w = w0.toType(type, true);
        NDArray b = b0.toType(type, true);
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = conv.apply(x, w, b, c);
            Shape ys = y.getShape();
            NDArray upstream = m.create(uniform(ys, 7, 1), ys).toType(type, false);
            gc.backward(y.mul(upstream).sum());
            return new double[][]{doubles(y), doubles(x.getGradient()), doubles(w.getGradient())};
        }
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, true).toDoubleArray();
    }

    private static float[] uniform(Shape shape, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    /** ||actual - expected|| / ||expected||; NaN or infinite where {@code actual} is. */
    static double relativeError(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            return Double.POSITIVE_INFINITY;
        }
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(difference) / Math.max(Math.sqrt(norm), 1e-30);
    }

    /** A check run for another process ({@link CpuKernels}): prints one line, the result as JSON after a prefix. */
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Result r = run();
        System.out.println(REPORT_PREFIX + Json.COMPACT.writeValueAsString(r));
        System.out.flush();
        System.exit(0);
    }
}
