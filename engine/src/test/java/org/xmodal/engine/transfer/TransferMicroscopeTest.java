package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/** One SGD step of supervision transfer at a time: what the lesson's microscope shows is what the step did. */
class TransferMicroscopeTest {
    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(5, 12).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
    }

    private static RunSpec spec(String tap, boolean layer) {
        return RunSpec.builder().name("microscope").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, tap))
                .student(new RunSpec.Student("alexnet-small", tap, "random", WeightInit.CAFFE))
                .adaptation(new RunSpec.Adaptation(true, null, null, layer))
                .optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 0.0005))
                .batchSize(8).iterations(10).inputSize(113).seed(5).device("cpu").threads(2).build();
    }

    private static TransferMicroscope open(RunSpec spec) throws Exception {
        return TransferMicroscope.open(spec, 4, new EncodingCache(tmp.resolve("cache")), ProgressListener.NONE,
                Cancellation.NEVER);
    }

    @Test
    void aStepMovesConv1ByMinusTheRateTimesItsGradientAndLowersTheBatchLoss() throws Exception {
        try (TransferMicroscope m = open(spec("pool5", true))) {
            assertEquals(4, m.batchSize());
            RgbImage hha = m.studentImage(0);
            assertEquals(113, hha.width());
            double start = m.loss();
            double lr = 1e-7; // plain SGD on 0..255 inputs: larger rates overshoot (1e-4 took this loss from 1.8e6 to 1.6e19)
            TransferMicroscope.Step s = m.step(lr);
            assertEquals(1, s.number());
            assertEquals(start, s.lossBefore(), 1e-4 * start, "the step's loss is the batch's loss before it");
            assertEquals(24, s.filters(), "alexnet-small's conv1 filters (96 / 4)");
            assertEquals(3, s.channels());
            assertEquals(11, s.kernel());
            double gradientNorm = 0;
            for (int i = 0; i < s.conv1Update().length; i++) {
                gradientNorm += s.conv1Gradient()[i] * (double) s.conv1Gradient()[i];
                float expected = (float) (-lr * s.conv1Gradient()[i]);
                assertEquals(expected, s.conv1Update()[i], 1e-6 + 1e-3 * Math.abs(expected), "weight " + i);
            }
            assertTrue(gradientNorm > 0, "conv1 has a gradient");
            float[] now = m.conv1Values();
            for (int i = 0; i < now.length; i += 97) {
                assertEquals(s.conv1Before()[i] + s.conv1Update()[i], now[i], 1e-6);
            }
            assertTrue(s.lossAfter() < s.lossBefore(), s.lossBefore() + " -> " + s.lossAfter());
            assertEquals(s.lossAfter(), m.loss(), 1e-6 * s.lossAfter(), "nothing changes between steps");
            TransferMicroscope.Step again = m.step(lr);
            assertEquals(2, again.number());
            assertEquals(s.lossAfter(), again.lossBefore(), 1e-4 * s.lossAfter());
        }
    }

    @Test
    void withoutAnAdaptationLayerTheStudentsOwnChannelsMustMatchTheTeachers() throws Exception {
        RunSpec noLayer = spec("pool5", false);
        assertFalse(noLayer.adaptation().layer());
        try (TransferMicroscope m = open(noLayer)) {
            TransferMicroscope.Step s = m.step(1e-7);
            assertTrue(Double.isFinite(s.lossAfter()));
        }
        assertTrue(spec("pool5", true).adaptation().layer(), "the layer is there unless the spec turns it off");
    }

    @Test
    void conv1CanBeTheTransferLayer() throws Exception {
        try (TransferMicroscope m = open(spec("conv1", true))) {
            assertTrue(m.step(1e-7).lossBefore() > 0);
        }
    }

    @Test
    void aStudentWithOtherChannelsNeedsTheLayer() {
        RunSpec spec = RunSpec.builder().name("mismatch").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(false, null, null, false))
                .optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 0.0005))
                .batchSize(8).iterations(10).inputSize(113).seed(5).device("cpu").threads(2).build();
        Exception e = assertThrows(IllegalArgumentException.class, () -> open(spec).close());
        assertTrue(e.getMessage().contains("adaptation.layer false") && e.getMessage().contains("64")
                && e.getMessage().contains("256"), e.getMessage());
    }
}
