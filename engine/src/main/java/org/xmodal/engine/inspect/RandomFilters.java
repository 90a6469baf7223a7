package org.xmodal.engine.inspect;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.WeightInit;

/**
 * conv1 of a network freshly initialised from a seed, as the engine initialises a student: for a transfer run's
 * seed, the filters it started from (the random init of the paper's Figure 2).
 */
public final class RandomFilters {
    private RandomFilters() {
    }

    public record Request(String architecture, long seed, WeightInit weightInit) implements Question {
    }

    /** The filters: their shape (out, in, height, width) and values in that order. */
    public record Result(long[] shape, float[] values) implements Reply {
    }

    public static Result compute(Request r) {
        InferenceThread.prepare();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            FeatureNetwork net = NetworkFactory.create(r.architecture(), 3, 0).weightInit(r.weightInit());
            net.initializeUpTo(manager, net.inputShape(1), r.seed(), net.taps().get(0));
            return new Result(net.conv1Weight().getShape().getShape(), net.conv1Weight().toFloatArray());
        }
    }
}
