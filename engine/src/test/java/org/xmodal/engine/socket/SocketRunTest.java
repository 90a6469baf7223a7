package org.xmodal.engine.socket;

import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.FinetuneTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/** A SOCKET run on synthetic rooms: from a source model trained here, every term a curve, resumed exactly. */
class SocketRunTest {
    private static final List<String> IRRELEVANT = List.of("dining_room", "classroom", "library", "conference_room",
            "study");

    @TempDir
    static Path tmp;
    private static Path data;
    private static RunDirectory source;

    @BeforeAll
    static void sourceModel() throws Exception {
        data = tmp.resolve("rooms10");
        SynthDatasetWriter.write(SynthConfig.of(5, 40).withSize(64, 48).withFractions(0.8, 0.3)
                .withSceneKinds(10, IRRELEVANT), data, false, 2, ProgressListener.NONE, new Cancellation());
        RunSpec spec = RunSpec.builder().name("source").kind("finetune").data(data.toString()).modality("depth")
                .student(new RunSpec.Student(NetworkFactory.RESNET18_BOTTLENECK, null, null))
                .optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-3, 0.9, 1e-3, true))
                .batchSize(8).iterations(3).inputSize(64).seed(3).device("cpu").threads(0)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, null, null, FinetuneTask.SCENES, null, null,
                        0.1)).build();
        source = RunDirectory.create(tmp.resolve("runs"), spec);
        TrainingLoop.Outcome outcome = execute(source, false, Cancellation.NEVER, -1);
        List<org.xmodal.engine.run.RunEvent> events = source.events();
        assertEquals(TrainingLoop.Outcome.FINISHED, outcome, events.get(events.size() - 1).text("reason"));
    }

    private static RunSpec socket(String name, Objective objective) {
        return RunSpec.builder().name(name).kind("socket").data(data.toString()).modality("depth")
                .student(new RunSpec.Student(NetworkFactory.RESNET18_BOTTLENECK, null, null)).objective(objective)
                .socket(new RunSpec.Socket(source.path().toString(), 3))
                .optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-4, 0.9, 1e-3, true))
                .schedule(RunSpec.Schedule.inverse(10, 0.75)).batchSize(8).iterations(6).inputSize(64).seed(4)
                .device("cpu").threads(0).checkpointEvery(2).logEvery(1).build();
    }

    private static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, Cancellation cancel, long stopAfter)
            throws IOException {
        TrainingLoop.Listener stop = (step, total, loss, speed, eta) -> {
            if (step == stopAfter) {
                cancel.cancel();
            }
        };
        return RunKinds.execute(run, resume, new EncodingCache(tmp.resolve("cache")), ProgressListener.NONE, stop,
                cancel);
    }

    /**
     * The four terms, the BN term weighted down: against a source trained for three steps (whose running statistics
     * are still mostly their initial 0 and 1) on 0..255 inputs, its distances are of order 1e5 and at the paper's
     * weight they make the run diverge in a step or two; this test is about the mechanics, not the weights.
     */
    private static final Objective TERMS = Objective.of(new Objective.Term(Objective.PSEUDO_LABELS, 0.3),
            new Objective.Term(Objective.INFORMATION_MAXIMISATION, 1), new Objective.Term(Objective.BN_STATISTICS,
                    1e-6), new Objective.Term(Objective.TASK_IRRELEVANT, 0.5));

    @Test
    void everyTermIsACurveTheAccuracyIsScoredAndAResumeRepeatsTheRun() throws Exception {
        RunDirectory whole = RunDirectory.create(tmp.resolve("runs"), socket("socket", TERMS));
        TrainingLoop.Outcome outcome = execute(whole, false, Cancellation.NEVER, -1);
        List<org.xmodal.engine.run.RunEvent> events = whole.events();
        StringBuilder curves = new StringBuilder();
        for (String term : Objective.SOCKET_TERMS) {
            curves.append(term).append(whole.metrics().series("objective/" + term)).append("; ");
        }
        assertEquals(TrainingLoop.Outcome.FINISHED, outcome, events.get(events.size() - 1).text("reason") + " "
                + curves);
        for (String term : Objective.SOCKET_TERMS) {
            Map<Long, Double> curve = whole.metrics().series("objective/" + term);
            assertEquals(6, curve.size(), term);
            assertTrue(curve.values().stream().allMatch(Double::isFinite), term + ": " + curve);
        }
        double total = whole.metrics().series("loss").get(1L);
        double weighted = 0.3 * whole.metrics().series("objective/pseudo-labels").get(1L)
                + whole.metrics().series("objective/information-maximisation").get(1L)
                + 1e-6 * whole.metrics().series("objective/bn-statistics").get(1L)
                + 0.5 * whole.metrics().series("objective/task-irrelevant").get(1L);
        assertEquals(weighted, total, 1e-3 * Math.abs(total), "the loss is the weighted sum of the terms");
        SceneAccuracy a = Json.MAPPER.readValue(whole.results().resolve(SceneAccuracy.FILE).toFile(),
                SceneAccuracy.class);
        assertTrue(a.accuracy() >= 0 && a.accuracy() <= 1 && a.images() > 0, a.toString());
        assertTrue(Files.exists(whole.results().resolve(SocketRun.LABELS_FILE)), "the labels are kept");

        // stopped after 4 steps (mid-interval of the pseudo-labels) and resumed: the same losses
        RunDirectory stopped = RunDirectory.create(tmp.resolve("runs"), socket("socket", TERMS));
        assertEquals(TrainingLoop.Outcome.STOPPED, execute(stopped, false, new Cancellation(), 4));
        assertEquals(TrainingLoop.Outcome.FINISHED, execute(RunDirectory.open(stopped.path()), true,
                Cancellation.NEVER, -1));
        Map<Long, Double> expected = whole.metrics().series("loss");
        Map<Long, Double> resumed = RunDirectory.open(stopped.path()).metrics().series("loss");
        for (long s = 1; s <= 6; s++) {
            assertEquals(expected.get(s), resumed.get(s), 1e-4 * Math.abs(expected.get(s)), "loss at step " + s);
        }
        // BatchNorm's running statistics are state too: the resumed run refreshed its labels (step 6) and scored
        // the test images with the statistics the uninterrupted one had, not with the source's
        for (String stat : List.of("bn1.running_mean", "layer4.1.bn2.running_var", "bottleneck_bn.running_mean")) {
            float[] a1 = org.xmodal.engine.nn.NetworkWeights.readValues(whole.results().resolve("weights.params"),
                    stat).data();
            float[] a2 = org.xmodal.engine.nn.NetworkWeights.readValues(stopped.results().resolve("weights.params"),
                    stat).data();
            for (int i = 0; i < a1.length; i++) {
                assertEquals(a1[i], a2[i], 1e-4 * Math.max(1, Math.abs(a1[i])), stat + "[" + i + "]");
            }
        }
    }

    @Test
    void aSourceOfOtherClassesOrAnArchitectureWithoutTheBottleneckIsNamed() throws Exception {
        IllegalArgumentException arch = assertThrows(IllegalArgumentException.class, () -> {
            RunSpec s = socket("bad-arch", Objective.socket()).toBuilder()
                    .student(new RunSpec.Student("alexnet-small", null, null)).build();
            execute(RunDirectory.create(tmp.resolve("runs-bad"), s), false, Cancellation.NEVER, -1);
        });
        assertTrue(arch.getMessage().contains("student.architecture must be resnet18-bottleneck or "
                + "resnet50-bottleneck for a socket run"), arch.getMessage());
        BadInputException classes = assertThrows(BadInputException.class,
                () -> SocketRun.checkSource(source.path().resolve("results/weights.params"), List.of("bedroom",
                        "kitchen"), NetworkFactory.RESNET18_BOTTLENECK));
        assertTrue(classes.getMessage().contains("classifies 5 classes but the target data has 2 task-relevant "
                + "scene classes"), classes.getMessage());
        BadInputException depth = assertThrows(BadInputException.class,
                () -> SocketRun.checkSource(source.path().resolve("results/weights.params"), List.of("bedroom",
                        "living_room", "office", "bathroom", "kitchen"), NetworkFactory.RESNET50_BOTTLENECK));
        assertTrue(depth.getMessage().contains("is a resnet18-bottleneck source model but student.architecture is "
                + "resnet50-bottleneck"), depth.getMessage());
    }
}
