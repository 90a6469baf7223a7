package org.xmodal.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.xmodal.engine.experiment.RobustArm;
import org.xmodal.engine.experiment.RobustPreset;
import org.xmodal.engine.experiment.Table1Preset;
import org.xmodal.engine.json.UserJson;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

/**
 * The run form's presets: one of every kind; the distill presets train as {@code ./xmodal experiment robust --preset
 * cpu-demo} does (one place to tune, not two): the teacher as the experiment's teacher, the distill run as its mnf-csc
 * arm; the fine-tuning preset as Table 1's cpu-demo fine-tunes.
 */
class DistillPresetsTest {
    @TempDir
    Path runs;

    private static RunSpec read(String name) throws IOException {
        Path root = Presets.workbenchRoot().orElseThrow();
        return UserJson.read(root.resolve(Presets.FOLDER).resolve(name + ".json"), RunSpec.class, "run spec");
    }

    @Test
    void theDistillPresetsAreTheRobustExperimentsCpuDemo() throws IOException {
        RobustPreset demo = RobustPreset.cpuDemo();
        RunSpec teacher = read("robust-teacher-cpu-demo");
        RunSpec distill = read("distill-cpu-demo");
        for (RunSpec[] pair : new RunSpec[][] {{teacher, demo.teacher()}, {distill, demo.distill()}}) {
            RunSpec preset = pair[0];
            RunSpec experiment = pair[1];
            assertEquals(experiment.kind(), preset.kind());
            assertEquals(experiment.student(), preset.student());
            assertEquals(experiment.optimizer(), preset.optimizer());
            assertEquals(experiment.schedule(), preset.schedule());
            assertEquals(experiment.iterations(), preset.iterations());
            assertEquals(experiment.inputSize(), preset.inputSize());
            assertEquals(experiment.batchSize(), preset.batchSize());
            assertEquals(experiment.finetune(), preset.finetune());
            assertEquals(experiment.adaptation(), preset.adaptation());
            assertEquals(experiment.distill(), preset.distill());
            assertEquals(experiment.checkpointEvery(), preset.checkpointEvery());
            assertEquals(experiment.logEvery(), preset.logEvery());
        }
        assertEquals(demo.teacher().name(), teacher.name());
        // the distill preset is the experiment's mnf-csc arm: its name, its objective, its teacher network
        assertEquals(RobustArm.MNF_CSC.name(), distill.name());
        assertEquals(RobustArm.MNF_CSC.objective(demo.distill().objective()), distill.objective());
        assertEquals(demo.distill().teacher().source(), distill.teacher().source());
        assertEquals(demo.distill().teacher().architecture(), distill.teacher().architecture());
        assertEquals(demo.teacher().student().architecture(), distill.teacher().architecture());
    }

    /** The teacher is named as other presets name runs: the newest finished run of that name in the runs folder. */
    @Test
    void theDistillPresetsTeacherIsTheRobustTeacherRunOfTheWorkbench() throws IOException {
        Path root = Presets.workbenchRoot().orElseThrow();
        RunSpec distill = Presets.load(new Presets.Preset("distill-cpu-demo", root.resolve(Presets.FOLDER)
                .resolve("distill-cpu-demo.json")), root, runs);
        assertEquals(runs.resolve(teacherName()).toString(), distill.teacher().weights());
        assertEquals(root.resolve("sample-data/synth-rgbd").toString(), distill.data());
        RunSpec teacher = Presets.load(new Presets.Preset("robust-teacher-cpu-demo", root.resolve(Presets.FOLDER)
                .resolve("robust-teacher-cpu-demo.json")), root, runs);
        assertEquals(teacherName(), teacher.name());
    }

    private static String teacherName() throws IOException {
        return read("robust-teacher-cpu-demo").name();
    }

    /** Every kind of run has a preset of that kind, which the run form fills a new run of that kind from. */
    @Test
    void everyKindOfRunHasItsPreset() throws IOException {
        Path root = Presets.workbenchRoot().orElseThrow();
        List<Presets.Preset> presets = Presets.list(root);
        for (RunKind kind : RunKind.values()) {
            Presets.Preset p = Presets.ofKind(presets, kind).orElseThrow(() -> new AssertionError("no preset of "
                    + kind));
            assertEquals(kind, Presets.read(p).kind(), p.name());
        }
    }

    /**
     * The fine-tuning preset fine-tunes as {@code experiment table1 --preset cpu-demo} fine-tunes its initialised arms
     * (one place to tune, not two), at the transfer preset's network and input size, from the transfer preset's run.
     */
    @Test
    void theFinetunePresetIsTable1sFineTuningOfTheTransferPresetsStudent() throws IOException {
        RunSpec demo = Table1Preset.cpuDemo().finetune();
        RunSpec preset = read("finetune-cpu-demo");
        RunSpec transfer = read("transfer-cpu-demo");
        assertEquals(demo.kind(), preset.kind());
        assertEquals(demo.optimizer(), preset.optimizer());
        assertEquals(demo.schedule(), preset.schedule());
        assertEquals(demo.iterations(), preset.iterations());
        assertEquals(demo.batchSize(), preset.batchSize());
        assertEquals(demo.checkpointEvery(), preset.checkpointEvery());
        assertEquals(demo.logEvery(), preset.logEvery());
        assertEquals(demo.finetune().withInit(preset.finetune().init()), preset.finetune());
        assertEquals(transfer.student().architecture(), preset.student().architecture());
        assertEquals(transfer.inputSize(), preset.inputSize());
        assertEquals("runs/" + transfer.name(), preset.finetune().init());
    }
}
