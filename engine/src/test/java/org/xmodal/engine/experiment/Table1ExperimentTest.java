package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * The whole comparison on a tiny synthetic dataset with a tiny preset (a few steps per run): every arm is a normal
 * finished run, the results folder has the contract's summary.json and the tables, a small synthetic dataset is
 * extended with unlabelled scenes, and starting the experiment again trains nothing.
 */
class Table1ExperimentTest {
    @TempDir
    static Path tmp;

    private static Table1Preset tiny() {
        RunSpec.Optimizer adam = new RunSpec.Optimizer("adam", 1e-4, 0.9, 0.0005);
        RunSpec teacher = RunSpec.builder().name("table1-rgb-teacher").kind("teacher").data(Table1Preset.DATA)
                .modality("depth").student(new RunSpec.Student("alexnet-small", null, null)).optimizer(adam)
                .batchSize(4).iterations(3).inputSize(48).seed(1).device("cpu").threads(0).checkpointEvery(0)
                .logEvery(1).build();
        RunSpec transfer = RunSpec.builder().name("table1-transfer").kind("transfer").data(Table1Preset.DATA)
                .modality("depth").teacher(new RunSpec.Teacher("network", "alexnet-small", "<teacher>", "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true)).optimizer(adam).batchSize(4).iterations(3).inputSize(64)
                .seed(1).device("cpu").threads(0).checkpointEvery(0).logEvery(1).build();
        RunSpec finetune = RunSpec.builder().name("table1-finetune").kind("finetune").data(Table1Preset.DATA)
                .modality("depth").student(new RunSpec.Student("alexnet-small", null, null)).optimizer(adam)
                .batchSize(4).iterations(3).inputSize(48).seed(1).device("cpu").threads(0).checkpointEvery(0)
                .logEvery(1).finetune(new RunSpec.Finetune("paired", "random", null, "detection", 15, 0.25)).build();
        return new Table1Preset("tiny", "a few steps per run", teacher, transfer, finetune, finetune, 14);
    }

    @Test
    void experimentRunsEveryArmWritesTheResultsAndReusesItsRunsWhenStartedAgain() throws Exception {
        Path data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(4, 12).withSize(80, 60).withFractions(0.5, 0.3), data, false, 2,
                ProgressListener.NONE, new Cancellation());
        Path out = tmp.resolve("exp");
        RecordingOutput output = new RecordingOutput();
        List<String> lines = output.lines;
        Table1Experiment.Settings settings = new Table1Experiment.Settings(data, out, 1, tiny(),
                new EncodingCache(tmp.resolve("cache")));
        Table1Results r = new Table1Experiment(settings, output, Cancellation.NEVER).run();

        List<RunDirectory> runs = RunDirectory.list(out.resolve("runs"));
        assertEquals(2 + 5, runs.size(), "teacher, transfer and five fine-tuned arms for one seed");
        for (RunDirectory run : runs) {
            assertEquals(RunStatus.State.FINISHED, run.status().state(), run.id());
        }
        ExperimentStages stages = StagesAssert.allDone(out, 7);
        assertEquals("table1", stages.experiment());
        assertEquals(List.of("RGB teacher", "supervision transfer", "no-init, seed 1"),
                stages.stages().stream().limit(3).map(ExperimentStages.Stage::label).toList());
        assertTrue(stages.stages().stream().allMatch(st -> st.state() == ExperimentStages.State.FINISHED));
        Path results = out.resolve("results");
        for (String f : List.of("summary.json", "table1.md", "table1.csv", "table1-seeds.csv", "preset.json")) {
            assertTrue(Files.isRegularFile(results.resolve(f)), f);
        }
        JsonNode summary = Json.MAPPER.readTree(results.resolve("summary.json").toFile());
        List<String> arms = new ArrayList<>();
        summary.get("arms").fieldNames().forEachRemaining(arms::add);
        assertEquals(Table1Arm.ALL.stream().map(Table1Arm::name).toList(), arms);
        assertEquals("tiny", summary.get("preset").asText());
        assertEquals(r.summary().arms().get("rgb+transfer").score().seeds().size(), 1);
        String table = Files.readString(results.resolve("table1.md"));
        assertTrue(table.contains("| transfer-frozen |"), table);
        assertTrue(lines.stream().anyMatch(l -> l.contains("unlabelled synthetic scenes were added")), "extended");
        try (PairedDataset ds = DatasetLoaders.open(Path.of(runs.get(0).spec().data()), ProgressListener.NONE,
                Cancellation.NEVER)) {
            assertEquals(14, ds.pairs(Split.TRAIN).size(), "the transfer had the preset's number of train pairs");
        }

        // the run index says which run is which: the workbench reads it instead of guessing from names and mAPs
        ExperimentLayout layout = ExperimentLayout.find(out);
        ExperimentLayout.RunIndex index = layout.readRunIndex().orElseThrow();
        assertEquals(List.of(1L), index.seeds());
        assertFalse(index.teacherPerSeed());
        for (Table1Arm arm : Table1Arm.ALL) {
            List<String> ids = index.runsOf(arm.name(), 0);
            assertEquals(arm.isFusion() ? 2 : 1, ids.size(), arm.name());
            for (String id : ids) {
                assertTrue(Files.isRegularFile(layout.run(id).resolve(RunDirectory.SPEC)), id);
            }
        }
        String transferInit = RunDirectory.open(layout.run(index.runsOf("transfer", 0).get(0))).spec().finetune()
                .init();
        assertEquals(layout.run(index.students().get(0)).toString(), transferInit);

        lines.clear();
        new Table1Experiment(settings, output, Cancellation.NEVER).run();
        assertEquals(7, RunDirectory.list(out.resolve("runs")).size(), "nothing was trained again");
        assertEquals(7, lines.stream().filter(l -> l.contains("reusing finished run")).count(), String.join("\n",
                lines));
        assertTrue(StagesAssert.allDone(out, 7).stages().stream()
                .allMatch(st -> st.state() == ExperimentStages.State.REUSED), "started again, every stage is reused");

        // a teacher and a transfer per seed: seed 1 reuses the shared ones, seed 2 draws its own, and each seed's
        // arms start from that seed's teacher and student
        lines.clear();
        Table1Experiment.Settings perSeed = new Table1Experiment.Settings(data, out, 2, tiny(),
                new EncodingCache(tmp.resolve("cache")), true);
        new Table1Experiment(perSeed, output, Cancellation.NEVER).run();
        ExperimentLayout.RunIndex twice = layout.readRunIndex().orElseThrow();
        assertTrue(twice.teacherPerSeed());
        assertEquals(index.teachers().get(0), twice.teachers().get(0), "seed 1's teacher is the shared one");
        assertNotEquals(twice.teachers().get(0), twice.teachers().get(1));
        assertNotEquals(twice.students().get(0), twice.students().get(1));
        for (int i = 0; i < 2; i++) {
            RunSpec copy = RunDirectory.open(layout.run(twice.runsOf("rgb", i).get(0))).spec();
            assertEquals(layout.run(twice.teachers().get(i)).toString(), copy.finetune().init(), "seed " + (i + 1));
            RunSpec transfer = RunDirectory.open(layout.run(twice.students().get(i))).spec();
            assertEquals(layout.run(twice.teachers().get(i)).toString(), transfer.teacher().weights());
        }
        assertEquals(7 + 2 + 5, RunDirectory.list(out.resolve("runs")).size(),
                "a second teacher, transfer and seed-2 arms; seed 1's arms reused");
    }
}
