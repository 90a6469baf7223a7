package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * The flow experiment on tiny synthetic sequences (their room kinds as the clips' classes) with a tiny preset: the
 * teacher, transfer and supervised pre-training are finished runs of the right kind and data, every arm of every
 * seed starts from the weights it says, the supervised arm pre-trains on the all-labelled copy, the results are
 * written as every experiment writes them, and starting again trains nothing.
 */
class FlowExperimentTest {
    @TempDir
    static Path tmp;
    static Path flow;

    @BeforeAll
    static void data() throws Exception {
        Path root = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(3, 1).withSize(64, 48).withFlow(16, 3).withFractions(0.5, 0.25),
                root, false, 2, ProgressListener.NONE, new Cancellation());
        flow = root.resolve(SynthDatasetWriter.FLOW_FOLDER);
    }

    /** A few steps per run at 64 px (alexnet-small's smallest), flow by DIS-fast (as new runs). */
    private static FlowPreset tiny() {
        FlowPreset demo = FlowPreset.cpuDemo();
        Encoding dis = Encoding.forNewRuns();
        assertEquals(FlowMethod.DIS_FAST, dis.flow().method());
        java.util.function.UnaryOperator<RunSpec> small = s -> s.toBuilder().batchSize(8).iterations(3)
                .inputSize(64).device("cpu").checkpointEvery(0).logEvery(1).encoding(dis).filterSnapshots(List.of())
                .build();
        return new FlowPreset("tiny", "a few steps per run", small.apply(demo.teacher()), small.apply(demo.transfer()),
                small.apply(demo.supervised()), small.apply(demo.finetune()), small.apply(demo.fromScratch()));
    }

    @Test
    void everyArmStartsFromItsWeightsTheResultsAreWrittenAndReusedWhenStartedAgain() throws Exception {
        Path out = tmp.resolve("exp");
        RecordingOutput output = new RecordingOutput();
        FlowExperiment.Settings settings = new FlowExperiment.Settings(flow, out, 2, tiny(), null,
                new EncodingCache(tmp.resolve("cache")));
        FlowExperiment.Results r = new FlowExperiment(settings, output, Cancellation.NEVER).run();

        List<RunDirectory> runs = RunDirectory.list(out.resolve("runs"));
        assertEquals(3 + 5 * 2, runs.size(), "teacher, transfer, supervised pre-training, five arms at two seeds");
        StagesAssert.allDone(out, 13);
        for (RunDirectory run : runs) {
            assertEquals(RunStatus.State.FINISHED, run.status().state(), run.id());
        }
        RunDirectory teacher = byName(runs, "flow-rgb-teacher");
        RunDirectory transfer = byName(runs, "flow-transfer");
        RunDirectory supervised = byName(runs, "flow-supervised");
        assertEquals(teacher.path().toAbsolutePath().toString(), transfer.spec().teacher().weights());
        Path allLabelled = out.resolve("data").resolve("all-labelled");
        assertEquals(allLabelled.toString(), supervised.spec().data(), "pre-trained on the labelled copy");
        try (PairedDataset ds = DatasetLoaders.open(allLabelled, ProgressListener.NONE, Cancellation.NEVER);
             PairedDataset original = DatasetLoaders.open(flow, ProgressListener.NONE, Cancellation.NEVER)) {
            assertEquals(original.pairs().stream().map(Pair::id).toList(), ds.pairs().stream().map(Pair::id).toList());
            assertTrue(ds.pairs(Split.TRAIN).stream().allMatch(Pair::labelled), "every train pair labelled");
            assertTrue(original.pairs(Split.TRAIN).stream().anyMatch(p -> !p.labelled()),
                    "the original keeps its unlabelled pairs (else the copy proves nothing)");
        }
        for (long seed = 1; seed <= 2; seed++) {
            assertEquals("random", byName(runs, "flow-no-init-s" + seed).spec().finetune().init());
            assertEquals(teacher.path().toAbsolutePath().toString(),
                    byName(runs, "flow-copy-rgb-s" + seed).spec().finetune().init());
            assertEquals(transfer.path().toAbsolutePath().toString(),
                    byName(runs, "flow-transfer-s" + seed).spec().finetune().init());
            assertEquals(supervised.path().toAbsolutePath().toString(),
                    byName(runs, "flow-supervised-s" + seed).spec().finetune().init());
            RunDirectory rgb = byName(runs, "flow-rgb-s" + seed);
            assertEquals(teacher.path().toAbsolutePath().toString(), rgb.spec().finetune().init());
            assertEquals(org.xmodal.engine.run.FinetuneInput.RGB, rgb.spec().finetune().input());
            assertEquals(org.xmodal.engine.run.FinetuneInput.PAIRED,
                    byName(runs, "flow-transfer-s" + seed).spec().finetune().input());
            assertEquals(flow.toAbsolutePath().normalize().toString(),
                    byName(runs, "flow-transfer-s" + seed).spec().data(), "arms fine-tune on the original labels");
        }

        ExperimentLayout layout = new ExperimentLayout(out);
        JsonNode summary = Json.MAPPER.readTree(layout.summary().toFile());
        assertEquals("flow", summary.path("experiment").asText());
        assertEquals("accuracy", summary.path("metric").asText());
        assertEquals("clips", summary.path("task").asText());
        assertEquals(List.of("no-init", "copy-rgb", "transfer", "supervised", "rgb"), r.summary().arms().keySet().stream()
                .toList());
        r.summary().arms().values().forEach(a -> {
            assertEquals(2, a.score().seeds().size());
            a.score().seeds().forEach(v -> assertTrue(v >= 0 && v <= 1, "accuracy " + v));
        });
        for (String f : List.of("flow.md", "flow.csv", "flow-seeds.csv", "preset.json", "runs.json")) {
            assertTrue(Files.isRegularFile(layout.results().resolve(f)), f);
        }
        assertTrue(Files.readString(layout.results().resolve("flow.md")).contains("transfer"));

        RecordingOutput again = new RecordingOutput();
        new FlowExperiment(settings, again, Cancellation.NEVER).run();
        assertEquals(0, again.count(": training "), String.join("\n", again.lines));
        assertEquals(RunDirectory.list(out.resolve("runs")).size(), runs.size());
    }

    @Test
    void dataItCannotUseIsRefusedBeforeAnythingTrains() throws Exception {
        Path rooms = flow.getParent(); // the RGB-D scenes: depth pairs
        BadInputException depth = assertThrows(BadInputException.class, () -> new FlowExperiment(
                new FlowExperiment.Settings(rooms, tmp.resolve("no1"), 1, tiny(), null,
                        new EncodingCache(tmp.resolve("cache"))), new RecordingOutput(), Cancellation.NEVER).run());
        assertTrue(depth.getMessage().contains("needs flow pairs"), depth.getMessage());
        assertTrue(RunDirectory.list(tmp.resolve("no1").resolve("runs")).isEmpty(), "nothing trained");

        BadInputException missing = assertThrows(BadInputException.class, () -> new FlowExperiment(
                new FlowExperiment.Settings(tmp.resolve("nowhere"), tmp.resolve("no2"), 1, tiny(), null,
                        new EncodingCache(tmp.resolve("cache"))), new RecordingOutput(), Cancellation.NEVER).run());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    private static RunDirectory byName(List<RunDirectory> runs, String name) throws Exception {
        for (RunDirectory r : runs) {
            if (name.equals(r.spec().name())) {
                return r;
            }
        }
        throw new AssertionError("no run named " + name);
    }
}
