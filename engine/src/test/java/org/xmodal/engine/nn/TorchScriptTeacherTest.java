package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;

/** The committed tiny_teacher.pt is made by make_tiny_teacher.py beside it (Debian python3-torch 1.13). */
class TorchScriptTeacherTest {
    private static final Shape INPUT = new Shape(1, 3, 113, 113);

    @TempDir
    Path tmp;

    private static Path tinyTeacher() throws Exception {
        return Path.of(TorchScriptTeacherTest.class.getResource("/torchscript/tiny_teacher.pt").toURI());
    }

    /** The script's probe input: 0, 1, 2, ... in C order, modulo 251, minus 125. */
    private static NDArray scriptInput(NDManager manager) {
        float[] values = new float[Math.toIntExact(INPUT.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 251 - 125;
        }
        return manager.create(values, INPUT);
    }

    @Test
    void importedTeacherGivesTheFeaturesPyTorchComputedWhenTheFileWasMade() throws Exception {
        try (TorchScriptTeacher teacher = TorchScriptTeacher.load(tinyTeacher(), Device.cpu());
             NDManager manager = NDManager.newBaseManager()) {
            NDArray y = teacher.features(scriptInput(manager));
            assertEquals(new Shape(1, 8, 3, 3), y.getShape());
            // Printed by make_tiny_teacher.py: y[0,0,0,0] = 1.454825, y[0,5,2,1] = 1.466768, sum = 95.776955.
            assertEquals(1.454825, y.getFloat(0, 0, 0, 0), 1e-5);
            assertEquals(1.466768, y.getFloat(0, 5, 2, 1), 1e-5);
            assertEquals(95.776955, y.sum().getFloat(), 1e-3);
            assertEquals(new Shape(4, 8, 3, 3), teacher.featureShape(new Shape(4, 3, 113, 113)));
        }
    }

    @Test
    void aTeacherMatchingTheStudentsPool5SizeIsAcceptedWhateverItsChannels() throws Exception {
        Shape studentPool5 = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0).outputShape(INPUT, "pool5");
        try (TorchScriptTeacher teacher = TorchScriptTeacher.load(tinyTeacher(), Device.cpu())) {
            assertEquals(new Shape(1, 64, 3, 3), studentPool5);
            assertEquals(new Shape(1, 8, 3, 3), teacher.validateAgainst(INPUT, studentPool5));
        }
    }

    @Test
    void aStudentWithAnotherPool5SizeIsRefusedNamingTheFileAndBothShapes() throws Exception {
        Shape input = new Shape(1, 3, 128, 128);
        Shape studentPool5 = NetworkFactory.create(NetworkFactory.ALEXNET_SMALL, 3, 0).outputShape(input, "pool5");
        try (TorchScriptTeacher teacher = TorchScriptTeacher.load(tinyTeacher(), Device.cpu())) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> teacher.validateAgainst(input, studentPool5));
            assertEquals(tinyTeacher().toString(), e.location());
            assertTrue(e.problem().startsWith("gives 8x4x4 features for a 3x128x128 input but the student's tap is "
                    + "64x3x3: the spatial sizes must agree (4x4 vs 3x3)"), e.problem());
            assertTrue(e.problem().contains("alexnet-pad7"), e.problem());
        }
    }

    @Test
    void featuresAreOrdinaryTensorsThatALossCanKeepForBackward() throws Exception {
        try (TorchScriptTeacher teacher = TorchScriptTeacher.load(tinyTeacher(), Device.cpu());
             NDManager manager = NDManager.newBaseManager()) {
            NDArray target = teacher.features(scriptInput(manager));
            NDArray weight = manager.ones(target.getShape());
            weight.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // A product keeps the teacher's values for backward: refused for an inference-mode tensor.
                collector.backward(weight.mul(target).sum());
            }
            assertArrayEquals(target.toFloatArray(), weight.getGradient().toFloatArray());
        }
    }

    @Test
    void missingAndCorruptFilesAreNamedWithTheProblem() throws Exception {
        Path missing = tmp.resolve("alexnet_features.pt");
        assertEquals(missing + ": does not exist", assertThrows(BadInputException.class,
                () -> TorchScriptTeacher.load(missing, Device.cpu())).getMessage());
        Path corrupt = Files.writeString(tmp.resolve("vgg16_features.pt"), "not a zip archive");
        BadInputException e = assertThrows(BadInputException.class,
                () -> TorchScriptTeacher.load(corrupt, Device.cpu()));
        assertEquals(corrupt.toString(), e.location());
        assertTrue(e.problem().startsWith("is not a TorchScript module that PyTorch can load ("), e.problem());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
