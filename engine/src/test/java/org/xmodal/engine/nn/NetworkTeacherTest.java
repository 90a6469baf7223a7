package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;

class NetworkTeacherTest {
    private static final Shape INPUT = new Shape(2, 3, 96, 96);

    @TempDir
    Path tmp;

    @Test
    void aCheckpointWithAHeadTeachesThePool5OfTheNetworkThatWasSaved() throws Exception {
        Path checkpoint = tmp.resolve("rgb.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            // An RGB network trained "in the workbench": here just seeded, with a 19-class head.
            FeatureNetwork rgb = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 19);
            rgb.initialize(manager, INPUT, 11);
            NetworkWeights.save(rgb, checkpoint);
            NDArray images = manager.randomUniform(-120, 120, INPUT);
            float[] expected = rgb.forward(new ParameterStore(manager, false), images, "pool5", false).toFloatArray();
            try (NetworkTeacher teacher = NetworkTeacher.fromCheckpoint(NetworkFactory.ALEXNET_SMALL, 3, checkpoint,
                    "pool5", Device.cpu())) {
                assertArrayEquals(expected, teacher.features(images).toFloatArray());
                assertEquals(new Shape(2, 64, 2, 2), teacher.featureShape(INPUT));
                assertEquals("alexnet-small from " + checkpoint + ", up to pool5, frozen", teacher.description());
                assertFalse(teacher.network().namedParameters().get("fc6.weight").isInitialized(),
                        "a pool5 teacher never allocates its fc layers");
            }
        }
    }

    @Test
    void teacherParametersAreFrozenAndItsFeaturesCarryNoGradient() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork student = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
            student.initialize(manager, INPUT, 5);
            try (NetworkTeacher teacher = NetworkTeacher.of(student, "pool5", Device.cpu())) {
                assertTrue(student.parametersUpTo("pool5").values().stream().noneMatch(p -> p.requiresGradient()));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray features = teacher.features(manager.ones(INPUT));
                    assertFalse(features.hasGradient(), "nothing flows back into a teacher");
                }
            }
        }
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsABadInputNamingTheFile() throws Exception {
        Path checkpoint = tmp.resolve("student.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork other = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0);
            other.initializeUpTo(manager, INPUT, 1, "pool5");
            NetworkWeights.save(other.parametersUpTo("pool5"), checkpoint);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> NetworkTeacher.fromCheckpoint(
                NetworkFactory.ALEXNET, 3, checkpoint, "pool5", Device.cpu()));
        assertEquals(checkpoint.toString(), e.location());
        assertTrue(e.problem().startsWith("parameter conv1.weight is (24, 3, 11, 11) in the file but "
                + "(96, 3, 11, 11) in the network"), e.problem());
    }
}
