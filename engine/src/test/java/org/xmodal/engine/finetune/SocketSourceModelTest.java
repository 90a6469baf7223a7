package org.xmodal.engine.finetune;

import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.FinetuneTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * SOCKET's source model as a fine-tuning run: ResNet-18 with the bottleneck and weight-normalised classifier,
 * trained on the labelled RGB images of the task-relevant scene classes only, with label smoothing 0.1, SGD with
 * Nesterov's momentum and the inverse decay.
 */
class SocketSourceModelTest {
    private static final List<String> IRRELEVANT = List.of("dining_room", "classroom", "library", "conference_room",
            "study");

    @TempDir
    static Path tmp;
    private static Path data;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = tmp.resolve("rooms10");
        SynthDatasetWriter.write(SynthConfig.of(5, 40).withSize(64, 48).withFractions(0.8, 0.3)
                .withSceneKinds(10, IRRELEVANT), data, false, 2, ProgressListener.NONE, new Cancellation());
    }

    @Test
    void theSourceModelLearnsTheTaskRelevantScenesOnly() throws Exception {
        RunSpec spec = RunSpec.builder().name("socket-source").kind("finetune").data(data.toString()).modality("depth")
                .student(new RunSpec.Student(NetworkFactory.RESNET18_BOTTLENECK, null, null))
                .optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-3, 0.9, 1e-3, false))
                .schedule(RunSpec.Schedule.inverse(10, 0.75)).batchSize(8).iterations(4).inputSize(64).seed(3)
                .device("cpu").threads(0).logEvery(1)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, null, null, FinetuneTask.SCENES, null, null,
                        0.0)).build();
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), spec);
        TrainingLoop.Outcome outcome = org.xmodal.engine.lifecycle.RunKinds.execute(run, false,
                new EncodingCache(tmp.resolve("cache")), ProgressListener.NONE, TrainingLoop.Listener.NONE,
                Cancellation.NEVER);
        var events = run.events();
        assertEquals(TrainingLoop.Outcome.FINISHED, outcome, events.get(events.size() - 1).text("reason") + " "
                + run.metrics().series("loss"));
        RegionScores scores = RegionScores.read(run.results());
        try (PairedDataset ds = DatasetLoaders.open(data, ProgressListener.NONE, Cancellation.NEVER)) {
            assertEquals(ds.taskRelevantScenes(), scores.columns(), "a classifier of the task's classes only");
            long relevantTest = ds.labelled(Split.TEST).stream().filter(p -> !ds.isTaskIrrelevant(p)).count();
            assertEquals(relevantTest, scores.rows(), "scored on the task-relevant test images only");
        }
        Set<String> saved = NetworkWeights.contents(run.path().resolve(RunSession.RESULT_WEIGHTS)).keySet();
        assertTrue(saved.containsAll(List.of("bottleneck.weight", "bottleneck_bn.running_mean", "fc.weight_g",
                "fc.weight_v")), saved.toString());
        double first = run.metrics().series("lr").get(1L);
        double last = run.metrics().series("lr").get(4L);
        assertEquals(1e-3 * Math.pow(1 + 10 * 3 / 4.0, -0.75), last, 1e-9, "the inverse decay at the last step");
        assertEquals(1e-3, first, 1e-12);
    }
}
