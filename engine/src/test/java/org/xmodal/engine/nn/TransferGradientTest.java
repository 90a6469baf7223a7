package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sanity of the whole chain before the real training loop exists: gradients reach the student and help it. */
class TransferGradientTest {
    private static final Shape INPUT = new Shape(4, 3, 96, 96);

    @Test
    void fiveSgdStepsOnTheSquaredPool5DistanceHalveIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork teacherNet = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
            teacherNet.initializeUpTo(manager, INPUT, 100, "pool5");
            FeatureNetwork student = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
            student.initializeUpTo(manager, INPUT, 200, "pool5");

            SplittableRandom random = new SplittableRandom(3);
            float[] pixels = new float[Math.toIntExact(INPUT.size())];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) (random.nextDouble() * 255 - 120);
            }
            NDArray rgb = manager.create(pixels, INPUT);
            NDArray depth = rgb.flip(1); // stands in for the paired image of the other modality

            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-5f)).build();
            ParameterStore store = new ParameterStore(manager, false);
            try (NetworkTeacher teacher = NetworkTeacher.of(teacherNet, "pool5", Device.cpu())) {
                NDArray target = teacher.features(rgb);
                float first = 0;
                float last = 0;
                for (int step = 0; step < 6; step++) {
                    try (NDManager stepManager = manager.newSubManager()) {
                        NDArray input = depth.duplicate();
                        input.attach(stepManager);
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            // The squared L2 distance, averaged over elements so that one learning rate suits it.
                            NDArray loss = student.forward(store, input, "pool5", true).sub(target).square().mean();
                            last = loss.getFloat();
                            first = step == 0 ? last : first;
                            collector.backward(loss);
                        }
                        for (Parameter p : student.parametersUpTo("pool5").values()) {
                            NDArray gradient = p.getArray().getGradient();
                            sgd.update(p.getId(), p.getArray(), gradient);
                            gradient.subi(gradient);
                        }
                    }
                }
                assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
            }
        }
    }
}
