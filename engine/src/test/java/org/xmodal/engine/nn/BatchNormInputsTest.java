package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.objective.BatchNormStatistics;

/** ResNet-18's BatchNorm inputs, recorded for SOCKET's BN term: all of them, named, in order, with gradients. */
class BatchNormInputsTest {
    private static final Shape INPUT = new Shape(4, 3, 64, 64);

    @Test
    void everyBatchNormInputOfResNet18IsRecordedUnderItsParametersName() {
        try (NDManager m = NDManager.newBaseManager()) {
            FeatureNetwork net = NetworkFactory.create(NetworkFactory.RESNET18, 3, 5);
            net.initialize(m, INPUT, 3);
            Map<String, NDArray[]> running = net.batchNormRunningStatistics();
            assertEquals(20, running.size(), "stem + 8 blocks x 2 + 3 downsamples");
            NDArray x = m.randomUniform(-1, 1, INPUT);
            ParameterStore store = new ParameterStore(m, false);
            List<BatchNormInputs.Layer> layers;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                 BatchNormInputs inputs = BatchNormInputs.record()) {
                net.forward(store, x, net.outputTap(), true);
                layers = inputs.layers();
                assertEquals(new ArrayList<>(running.keySet()), layers.stream().map(BatchNormInputs.Layer::name)
                        .toList(), "the same names, in forward order");
                assertEquals(new Shape(4, 64, 32, 32), layers.get(0).input().getShape(), "bn1 sees conv1's output");
                // the BN term on the recorded inputs against the network's own running statistics
                List<BatchNormStatistics.Layer> terms = new ArrayList<>();
                for (BatchNormInputs.Layer l : layers) {
                    NDArray[] t = BatchNormStatistics.of(l.input());
                    NDArray[] s = running.get(l.name());
                    terms.add(new BatchNormStatistics.Layer(l.name(), t[0], t[1], s[0], s[1]));
                }
                gc.backward(BatchNormStatistics.value(terms));
            }
            Map<String, Parameter> params = net.namedParameters();
            assertTrue(nonZero(params.get("conv1.weight").getArray()), "the stem's convolution is pulled");
            assertTrue(nonZero(params.get("layer4.1.conv2.weight").getArray()), "so is the last block's");
            assertTrue(!params.get("fc.weight").getArray().hasGradient() || !nonZero(params.get("fc.weight")
                    .getArray()), "the head after the last BatchNorm is not");
            try (BatchNormInputs outside = BatchNormInputs.record()) {
                outside.close();
                net.forward(store, x, net.outputTap(), false);
                assertTrue(outside.layers().isEmpty(), "nothing is recorded once the recorder is closed");
            }
        }
    }

    private static boolean nonZero(NDArray a) {
        return a.hasGradient() && a.getGradient().abs().max().getFloat() > 0;
    }
}
