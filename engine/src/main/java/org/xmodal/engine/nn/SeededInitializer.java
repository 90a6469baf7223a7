package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Initial values of one parameter, drawn on the Java side from the network seed and the parameter's name. The same
 * seed therefore gives bit-identical weights whatever the engine's random state, the order in which parameters are
 * created, the thread or the machine (StrictMath, and SplittableRandom's specified algorithm).
 *
 * <p>Weights: Kaiming/He normal, std = sqrt(2 / fan_in), fan_in = (input channels / groups) x kernel area, which keeps
 * activations at a usable scale through ReLU stacks as deep as VGG-16 without BatchNorm. The classifier (fc8, fc)
 * gets std 0.01 as in Caffe's reference models, so that the first softmax is nearly uniform. Biases and BatchNorm
 * shifts and running means start at 0; BatchNorm scales and running variances at 1. {@link WeightInit#CAFFE} draws the
 * weights as the paper's Caffe models instead.
 */
final class SeededInitializer implements Initializer {
    private static final double CLASSIFIER_STD = 0.01;
    private static final double CAFFE_STD = 0.01;
    private static final double CAFFE_HIDDEN_FC_STD = 0.005;

    private enum Kind { KAIMING_NORMAL, CLASSIFIER_NORMAL, CAFFE_NORMAL, CAFFE_HIDDEN_FC_NORMAL, ZEROS, ONES }

    private final Kind kind;
    private final long streamSeed;

    private SeededInitializer(Kind kind, long streamSeed) {
        this.kind = kind;
        this.streamSeed = streamSeed;
    }

    static SeededInitializer forParameter(long seed, String name, Parameter.Type type, boolean classifier) {
        return forParameter(seed, name, type, classifier, WeightInit.KAIMING);
    }

    static SeededInitializer forParameter(long seed, String name, Parameter.Type type, boolean classifier,
                                          WeightInit scheme) {
        return forParameter(seed, name, type, classifier, scheme, false);
    }

    /** @param firstConvolution whether this is the network's first convolution's weight (conv1, conv1_1) */
    static SeededInitializer forParameter(long seed, String name, Parameter.Type type, boolean classifier,
                                          WeightInit scheme, boolean firstConvolution) {
        Kind weight = switch (scheme) {
            case KAIMING -> classifier ? Kind.CLASSIFIER_NORMAL : Kind.KAIMING_NORMAL;
            case CAFFE -> !classifier && name.startsWith("fc") ? Kind.CAFFE_HIDDEN_FC_NORMAL : Kind.CAFFE_NORMAL;
            case KAIMING_SMALL_CONV1 -> firstConvolution ? Kind.CAFFE_NORMAL : classifier ? Kind.CLASSIFIER_NORMAL
                    : Kind.KAIMING_NORMAL;
        };
        Kind kind = switch (type) {
            case WEIGHT -> weight;
            case GAMMA, RUNNING_VAR -> Kind.ONES;
            default -> Kind.ZEROS;
        };
        return new SeededInitializer(kind, mix(seed, name));
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (kind == Kind.ZEROS) {
            return manager.zeros(shape, dataType);
        }
        if (kind == Kind.ONES) {
            return manager.ones(shape, dataType);
        }
        double std = switch (kind) {
            case CLASSIFIER_NORMAL -> CLASSIFIER_STD;
            case CAFFE_NORMAL -> CAFFE_STD;
            case CAFFE_HIDDEN_FC_NORMAL -> CAFFE_HIDDEN_FC_STD;
            default -> Math.sqrt(2.0 / fanIn(shape));
        };
        float[] values = gaussian(Math.toIntExact(shape.size()), std, streamSeed);
        NDArray array = manager.create(values, shape);
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }

    /** Inputs feeding one output unit: everything but the first axis of [out, in/groups, kh, kw] or [out, in]. */
    private static long fanIn(Shape shape) {
        return shape.size() / shape.get(0);
    }

    /**
     * Marsaglia's polar method on SplittableRandom doubles: specified arithmetic only (RandomGenerator.nextGaussian's
     * algorithm may change across JDKs), and no sine or cosine, which makes it twice as fast as Box-Muller.
     */
    static float[] gaussian(int n, double std, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        int i = 0;
        while (i < n) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s >= 1 || s == 0) {
                continue;
            }
            double scale = std * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            out[i++] = (float) (u * scale);
            if (i < n) {
                out[i++] = (float) (v * scale);
            }
        }
        return out;
    }

    /** FNV-1a of the name folded into the seed: one independent stream per parameter. */
    private static long mix(long seed, String name) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
