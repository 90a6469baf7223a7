package org.xmodal.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/** Transfer on warped object proposals (crops "regions"), with the teacher's features scaled to the student's. */
class RegionTransferTest {
    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(8, 8).withSize(80, 60), data, false, 2, ProgressListener.NONE,
                new Cancellation());
    }

    @Test
    void regionTransferLearnsAndScalesTheTeacherToTheStudent() throws Exception {
        RunSpec spec = RunSpec.builder().name("regions").kind("transfer").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true, "student"))
                .optimizer(new RunSpec.Optimizer("adam", 1e-3, 0.9, 0)).batchSize(8).iterations(20).inputSize(48)
                .augmentation(new RunSpec.Augmentation(true, true, 0, "regions", 30)).seed(3).device("cpu").threads(0)
                .checkpointEvery(10).logEvery(1).build();
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec);
        assertEquals(TrainingLoop.Outcome.FINISHED, TransferRun.execute(run, false,
                new EncodingCache(tmp.resolve("cache")), ProgressListener.NONE, TrainingLoop.Listener.NONE,
                Cancellation.NEVER));
        Map<Long, Double> loss = run.metrics().series("loss");
        double first = (loss.get(1L) + loss.get(2L) + loss.get(3L)) / 3;
        double last = (loss.get(18L) + loss.get(19L) + loss.get(20L)) / 3;
        assertTrue(last < first, "loss " + first + " -> " + last);
        RunEvent scale = run.events().stream().filter(e -> "teacherScale".equals(e.text("name"))).findFirst()
                .orElseThrow();
        // an untrained student on 0..255 inputs has features far above unit size: the targets follow it
        assertTrue(scale.number("targetMeanSquare", 0) > 10, "target mean square " + scale.text("targetMeanSquare"));
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            assertTrue(ds.pairs(Split.TRAIN).size() > 1);
        }
    }
}
