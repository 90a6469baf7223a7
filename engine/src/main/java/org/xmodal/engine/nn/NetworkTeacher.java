package org.xmodal.engine.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A workbench network as a teacher, read up to one tap: an RGB network trained here on labelled images, or the
 * student of an earlier run (chains such as RGB -> depth -> flow). Its parameters are frozen and it runs in
 * inference mode (dropout off, BatchNorm on its running statistics).
 */
public final class NetworkTeacher implements Teacher {
    private final FeatureNetwork network;
    private final String tap;
    private final String source;
    private final NDManager manager;
    private final ParameterStore store;

    private NetworkTeacher(FeatureNetwork network, String tap, String source, NDManager manager) {
        this.network = network;
        this.tap = tap;
        this.source = source;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        network.parametersUpTo(tap).values().forEach(p -> p.freeze(true));
    }

    /**
     * Loads the stages up to {@code tap} of a saved network. Only those parameters are read (and only those stages
     * allocated), so a checkpoint with a classifier head or an adaptation layer serves as well as a bare one.
     *
     * @param inChannels the channels the network was trained on (3 for RGB, HHA and flow images)
     * @throws org.xmodal.engine.image.BadInputException if the file is missing, corrupt or of another architecture
     */
    public static NetworkTeacher fromCheckpoint(String architecture, int inChannels, Path weights, String tap,
                                                Device device) throws IOException {
        FeatureNetwork network = NetworkFactory.create(architecture, inChannels, 0);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            // The seed is irrelevant: every value is overwritten from the file.
            network.initializeUpTo(manager, network.inputShape(1), 0, tap);
            NetworkWeights.load(network.parametersUpTo(tap), weights);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
        return new NetworkTeacher(network, tap, architecture + " from " + weights, manager);
    }

    /**
     * A network already in memory (for example trained a moment ago in this process). Its parameters up to
     * {@code tap} are frozen; closing the teacher does not close the network's arrays.
     */
    public static NetworkTeacher of(FeatureNetwork network, String tap, Device device) {
        return new NetworkTeacher(network, tap, network.architecture() + " in memory",
                NDManager.newBaseManager(device));
    }

    public FeatureNetwork network() {
        return network;
    }

    public String tap() {
        return tap;
    }

    /**
     * The features, computed with autograd off (as under PyTorch's {@code no_grad}): nothing is recorded for a
     * backward pass that never reaches a frozen teacher. The result is an ordinary tensor any loss may use.
     */
    @Override
    public NDArray features(NDArray rgbBatch) {
        return NoGrad.call(() -> network.forward(store, rgbBatch, tap, false));
    }

    @Override
    public Shape featureShape(Shape input) {
        return network.outputShape(input, tap);
    }

    @Override
    public String description() {
        return source + ", up to " + tap + ", frozen";
    }

    @Override
    public void close() {
        manager.close();
    }
}
