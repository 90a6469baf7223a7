package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.FinetuneTask;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * SOCKET's ablation on a tiny synthetic dataset of the classic scene classes with a tiny preset: the dataset is
 * extended with scenes of ten classes (five task-irrelevant), every arm is a normal finished run under the arm
 * names of the contract, the results folder is laid out as every experiment's, and starting again trains nothing.
 */
class SocketExperimentTest {
    @TempDir
    static Path tmp;

    private static SocketPreset tiny() {
        RunSpec.Student net = new RunSpec.Student(NetworkFactory.RESNET18_BOTTLENECK, null, null);
        RunSpec.Optimizer sgd = new RunSpec.Optimizer(OptimizerType.SGD, 1e-3, 0.9, 1e-3, true, 0.1);
        RunSpec source = RunSpec.builder().name("socket-source").kind("finetune").data(SocketPreset.DATA)
                .modality("depth").student(net).optimizer(sgd).batchSize(8).iterations(3).inputSize(32).seed(1)
                .device("cpu").threads(0).checkpointEvery(0).logEvery(1)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, "random", null, FinetuneTask.SCENES, null, null,
                        0.1)).build();
        RunSpec adapt = RunSpec.builder().name("socket-adapt").kind("socket").data(SocketPreset.DATA)
                .modality("depth").student(net).optimizer(sgd).batchSize(8).iterations(2).inputSize(32).seed(1)
                .device("cpu").threads(0).checkpointEvery(0).logEvery(1).objective(Objective.socket())
                .socket(new RunSpec.Socket(SocketPreset.SOURCE, 0)).build();
        return new SocketPreset("tiny", "a few steps per run", source, adapt, 40, 0.25);
    }

    @Test
    void everyArmRunsTheResultsAreWrittenAndAreReusedWhenStartedAgain() throws Exception {
        Path data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(4, 16).withSize(64, 48).withFractions(0.5, 0.3), data, false, 2,
                ProgressListener.NONE, new Cancellation());
        Path out = tmp.resolve("exp");
        RecordingOutput output = new RecordingOutput();
        SocketExperiment.Settings settings = new SocketExperiment.Settings(data, out, 1, tiny(),
                new EncodingCache(tmp.resolve("cache")));
        SocketExperiment.Results r = new SocketExperiment(settings, output, Cancellation.NEVER).run();

        List<RunDirectory> runs = RunDirectory.list(out.resolve("runs"));
        assertEquals(1 + 5, runs.size(), "the source and five arms for one seed");
        StagesAssert.allDone(out, 6);
        for (RunDirectory run : runs) {
            assertEquals(RunStatus.State.FINISHED, run.status().state(), run.id());
        }
        assertTrue(output.count("synthetic scenes were added for SOCKET") == 1, String.join("\n", output.lines));
        try (PairedDataset ds = DatasetLoaders.open(Path.of(runs.get(0).spec().data()), ProgressListener.NONE,
                Cancellation.NEVER)) {
            assertEquals(SynthConfig.sceneKindIds(10).subList(5, 10), ds.taskIrrelevantScenes());
            assertEquals(SynthConfig.sceneKindIds(5), ds.taskRelevantScenes());
        }

        Path results = out.resolve("results");
        for (String f : List.of("summary.json", "socket.md", "socket.csv", "socket-seeds.csv", "preset.json",
                "runs.json")) {
            assertTrue(Files.isRegularFile(results.resolve(f)), f);
        }
        JsonNode summary = Json.MAPPER.readTree(results.resolve("summary.json").toFile());
        assertEquals("socket", summary.get("experiment").asText());
        assertEquals("accuracy", summary.get("metric").asText());
        List<String> arms = new ArrayList<>();
        summary.get("arms").fieldNames().forEachRemaining(arms::add);
        assertEquals(List.of("source-only", "im+pl", "socket-no-ti", "socket-no-bn", "socket"), arms);
        for (JsonNode arm : summary.get("arms")) {
            double accuracy = arm.get("accuracy").get("mean").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, "a fraction: " + accuracy);
            assertEquals(1, arm.get("accuracy").get("seeds").size());
        }
        assertTrue(Files.readString(results.resolve("socket.md")).contains("| socket-no-bn |"));

        // each arm's run trains the arm's terms, from the experiment's source; source-only does not train
        ExperimentLayout layout = ExperimentLayout.find(out);
        ExperimentLayout.RunIndex index = layout.readRunIndex().orElseThrow();
        for (SocketArm arm : SocketArm.ALL) {
            RunSpec spec = RunDirectory.open(layout.run(index.runsOf(arm.name(), 0).get(0))).spec();
            assertEquals(layout.run(index.teachers().get(0)).toString(), spec.socket().source());
            if (arm.adapts()) {
                assertEquals(arm.terms(), spec.objective().terms().stream().map(Objective.Term::name).toList());
                assertEquals(2, spec.iterations());
            } else {
                assertEquals(0, spec.iterations());
            }
        }
        assertEquals(r.summary().arms().get("socket").score().seeds().get(0),
                r.perSeed().get("socket").get(0).accuracy());

        output.lines.clear();
        new SocketExperiment(settings, output, Cancellation.NEVER).run();
        assertEquals(6, RunDirectory.list(out.resolve("runs")).size(), "nothing was trained again");
        assertEquals(6, output.count("reusing finished run"), String.join("\n", output.lines));
    }

    @Test
    void aDatasetWithOneSceneClassIsRefusedBeforeAnythingTrains() throws Exception {
        Path data = tmp.resolve("one-class");
        SynthDatasetWriter.write(SynthConfig.of(5, 12).withSize(64, 48).withFractions(0.5, 0.3)
                        .withSceneKinds(2, List.of(SynthConfig.sceneKindIds(2).get(1))), data, false, 2,
                ProgressListener.NONE, new Cancellation());
        Path out = tmp.resolve("refused");
        BadInputException e = assertThrows(BadInputException.class, () -> new SocketExperiment(
                new SocketExperiment.Settings(data, out, 1, tiny(), new EncodingCache(tmp.resolve("cache"))),
                new RecordingOutput(), Cancellation.NEVER).run());
        assertTrue(e.getMessage().contains("1 task-relevant scene class") && e.getMessage().contains(data.toString()),
                e.getMessage());
        assertTrue(!Files.exists(out.resolve("runs")), "nothing was trained");
    }
}
