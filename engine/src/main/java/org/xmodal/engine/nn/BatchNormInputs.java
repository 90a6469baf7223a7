package org.xmodal.engine.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of a network's BatchNorm layers during one forward pass, for objectives that match their statistics
 * (SOCKET's BN term). Recording is per thread and only while a recorder is open, so ordinary forward passes cost
 * nothing:
 * <pre>
 * try (BatchNormInputs inputs = BatchNormInputs.record()) {
 *     network.forward(store, x, tap, true);
 *     inputs.layers(); // every BatchNorm layer's input, in forward order, by its parameter name prefix
 * }
 * </pre>
 * The recorded arrays are the layers' actual inputs, so a loss on them has a gradient.
 */
public final class BatchNormInputs implements AutoCloseable {
    /** One layer's input, named as the layer's parameters are ({@code bn1}, {@code layer1.0.downsample.1}). */
    public record Layer(String name, NDArray input) {
    }

    private static final ThreadLocal<BatchNormInputs> CURRENT = new ThreadLocal<>();

    private final List<Layer> layers = new ArrayList<>();
    private final BatchNormInputs outer;

    private BatchNormInputs(BatchNormInputs outer) {
        this.outer = outer;
    }

    /** Starts recording on this thread until {@link #close()}. */
    public static BatchNormInputs record() {
        BatchNormInputs r = new BatchNormInputs(CURRENT.get());
        CURRENT.set(r);
        return r;
    }

    /** Called by the networks just before a BatchNorm layer named {@code name} sees {@code input}. */
    static void offer(String name, NDArray input) {
        BatchNormInputs r = CURRENT.get();
        if (r != null) {
            r.layers.add(new Layer(name, input));
        }
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
