package org.xmodal.engine.experiment;

import org.xmodal.engine.run.Distill;
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
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
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
 * The robust-distillation experiment on tiny synthetic rooms with a tiny preset: labelled scenes are added, each
 * corruption level has its corrupted copy (the level's share of train pairs, test pairs clean), every objective at
 * every level is a finished run with the arm's terms, the summary keys are {@code <arm>@<level>}, and starting
 * again trains nothing.
 */
class RobustExperimentTest {
    @TempDir
    static Path tmp;

    private static RobustPreset tiny() {
        RunSpec.Student net = new RunSpec.Student(NetworkFactory.RESNET18_SMALL, null, null);
        RunSpec teacher = RunSpec.builder().name("robust-teacher").kind("finetune").data(RobustPreset.DATA)
                .modality("depth").student(net).optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-2, 0.9, 1e-3,
                        true)).batchSize(8).iterations(3).inputSize(32).seed(1).device("cpu").threads(0)
                .checkpointEvery(0).logEvery(1)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, "random", null, FinetuneTask.SCENES, null, null,
                        0.0)).build();
        RunSpec distill = RobustPreset.cpuDemo().distill().toBuilder().batchSize(8).iterations(2).inputSize(32)
                .device("cpu").distill(Distill.defaults().withCrdNegatives(4)).build();
        return new RobustPreset("tiny", "a few steps per run", teacher, distill, 30, 0.25);
    }

    @Test
    void everyObjectiveRunsAtEveryLevelTheResultsAreWrittenAndAreReusedWhenStartedAgain() throws Exception {
        Path data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(4, 16).withSize(64, 48).withFractions(0.2, 0.3), data, false, 2,
                ProgressListener.NONE, new Cancellation());
        Path out = tmp.resolve("exp");
        RecordingOutput output = new RecordingOutput();
        RobustExperiment.Settings settings = new RobustExperiment.Settings(data, out, 1, List.of(0.5, 0.0),
                tiny(), new EncodingCache(tmp.resolve("cache")));
        RobustExperiment.Results r = new RobustExperiment(settings, output, Cancellation.NEVER).run();

        List<RunDirectory> runs = RunDirectory.list(out.resolve("runs"));
        assertEquals(1 + 5 * 2, runs.size(), "the teacher and five objectives at two levels for one seed");
        StagesAssert.allDone(out, 11);
        for (RunDirectory run : runs) {
            assertEquals(RunStatus.State.FINISHED, run.status().state(), run.id());
        }
        assertEquals(1, output.count("synthetic scenes were added for robust distillation"),
                String.join("\n", output.lines));

        // the corrupted copy: half the train pairs' RGB spoiled and recorded, no test pair touched
        Path noisy = out.resolve("data").resolve("noise-0.5");
        try (PairedDataset ds = DatasetLoaders.open(noisy, ProgressListener.NONE, Cancellation.NEVER)) {
            List<Pair> train = ds.pairs(Split.TRAIN);
            long corrupted = train.stream().filter(p -> p.corruption().isPresent()).count();
            assertEquals(Math.round(0.5 * train.size()), corrupted);
            assertTrue(ds.pairs(Split.TEST).stream().noneMatch(p -> p.corruption().isPresent()));
        }

        Path results = out.resolve("results");
        for (String f : List.of("summary.json", "robust.md", "robust.csv", "robust-seeds.csv", "preset.json",
                "runs.json")) {
            assertTrue(Files.isRegularFile(results.resolve(f)), f);
        }
        JsonNode summary = Json.MAPPER.readTree(results.resolve("summary.json").toFile());
        assertEquals("robust", summary.get("experiment").asText());
        assertEquals("accuracy", summary.get("metric").asText());
        List<String> arms = new ArrayList<>();
        summary.get("arms").fieldNames().forEachRemaining(arms::add);
        assertEquals(List.of("ce@0", "ce@0.5", "hint@0", "hint@0.5", "kd@0", "kd@0.5", "crd@0", "crd@0.5",
                "mnf-csc@0", "mnf-csc@0.5"), arms);
        assertTrue(Files.readString(results.resolve("robust.md")).contains("| mnf-csc |"));

        // each arm's run has cross-entropy and the arm's terms, the experiment's teacher and its level's data
        ExperimentLayout layout = ExperimentLayout.find(out);
        ExperimentLayout.RunIndex index = layout.readRunIndex().orElseThrow();
        String teacher = layout.run(index.teachers().get(0)).toString();
        for (RobustArm arm : RobustArm.ALL) {
            for (double level : List.of(0.0, 0.5)) {
                RunSpec spec = RunDirectory.open(layout.run(index.runsOf(arm.at(level), 0).get(0))).spec();
                List<String> terms = new ArrayList<>(List.of(Objective.CE));
                terms.addAll(arm.terms());
                assertEquals(terms, spec.objective().terms().stream().map(Objective.Term::name).toList());
                assertEquals(teacher, spec.teacher().weights());
                if (level == 0) {
                    assertTrue(spec.data().startsWith(out.resolve("data").toString())
                            && !spec.data().contains("noise-"), "the clean, extended data: " + spec.data());
                } else {
                    assertEquals(noisy.toString(), spec.data());
                }
            }
        }
        assertEquals(r.summary().arms().get("mnf-csc@0.5").score().seeds().get(0),
                r.perSeed().get("mnf-csc@0.5").get(0).accuracy());

        output.lines.clear();
        new RobustExperiment(settings, output, Cancellation.NEVER).run();
        assertEquals(11, RunDirectory.list(out.resolve("runs")).size(), "nothing was trained again");
        assertEquals(11, output.count("reusing finished run"), String.join("\n", output.lines));
    }

    @Test
    void aDatasetWithoutLabelledPairsIsRefusedBeforeAnythingTrains() throws Exception {
        Path data = tmp.resolve("unlabelled");
        SynthDatasetWriter.write(SynthConfig.of(5, 12).withSize(64, 48).withFractions(0.0, 0.3), data, false, 2,
                ProgressListener.NONE, new Cancellation());
        Path out = tmp.resolve("refused");
        RobustPreset noScenesAdded = new RobustPreset("tiny", "x", tiny().teacher(), tiny().distill(), 0, 0);
        BadInputException e = assertThrows(BadInputException.class, () -> new RobustExperiment(
                new RobustExperiment.Settings(data, out, 1, List.of(0.0), noScenesAdded,
                        new EncodingCache(tmp.resolve("cache"))), new RecordingOutput(), Cancellation.NEVER).run());
        assertTrue(e.getMessage().contains("0 labelled train pairs with a scene class")
                && e.getMessage().contains(data.toString()), e.getMessage());
        assertTrue(!Files.exists(out.resolve("runs")), "nothing was trained");
    }
}
