package org.xmodal.engine.experiment;

import org.xmodal.engine.run.RunKind;
import java.io.IOException;
import java.util.List;
import org.xmodal.engine.nn.HintLoss;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.run.RunSpec;

/**
 * Everything that decides a Table 1 experiment apart from the data and the seeds: the RGB teacher's training, the
 * transfer, the fine-tuning of every arm (the no-init arm may have its own schedule, as in the paper), and for
 * small synthetic data how far to extend it with unlabelled pairs. Specs here are templates: the data path, the
 * teacher's weights, the initial weights and the seed are filled in per run.
 *
 * @param teacher             the RGB network (kind teacher)
 * @param transfer            supervision transfer from it (kind transfer)
 * @param finetune            fine-tuning of the initialised arms (kind finetune)
 * @param fromScratch         fine-tuning of the no-init arm
 * @param unlabelledTarget    for a dataset made by {@code xmodal synth} with fewer train pairs than this, more
 *                            unlabelled scenes are rendered (deterministically) so the transfer has this many; 0 never
 */
public record Table1Preset(String name, String description, RunSpec teacher, RunSpec transfer, RunSpec finetune,
                           RunSpec fromScratch, int unlabelledTarget) {
    public static final String CPU_DEMO = "cpu-demo";
    public static final String PAPER = "paper";
    public static final String QUICK = "quick";
    /** cpu-demo extends a small synthetic dataset to this many train pairs. */
    static final int UNLABELLED_TARGET = 1000;
    /** Data placeholder of the templates. */
    static final String DATA = "<data>";

    public Table1Preset {
        require(teacher, RunKind.TEACHER, "teacher");
        require(transfer, RunKind.TRANSFER, "transfer");
        require(finetune, RunKind.FINETUNE, "finetune");
        require(fromScratch, RunKind.FINETUNE, "fromScratch");
        for (RunSpec ft : List.of(finetune, fromScratch)) {
            if (ft.finetune().task().wholeImages()) {
                // the late-fusion arms score every arm's boxes against the test pairs' objects
                throw new IllegalArgumentException("preset finetune.task must be detection or regions: Table 1 "
                        + "scores and fuses boxes against the object classes, not " + ft.finetune().task()
                        + " (whole images of scene classes)");
            }
        }
        if (unlabelledTarget < 0) {
            throw new IllegalArgumentException("unlabelledTarget must not be negative");
        }
    }

    private static void require(RunSpec spec, RunKind kind, String what) {
        if (spec == null || spec.kind() != kind) {
            throw new IllegalArgumentException("preset " + what + " must be a " + kind + " run spec");
        }
    }

    public static List<String> names() {
        return List.of(CPU_DEMO, QUICK, PAPER);
    }

    /** A built-in preset by name, or a preset file (JSON, as an experiment writes to results/preset.json). */
    public static Table1Preset named(String name) throws IOException {
        java.util.Map<String, java.util.function.Supplier<Table1Preset>> builtIn = new java.util.LinkedHashMap<>();
        builtIn.put(CPU_DEMO, Table1Preset::cpuDemo);
        builtIn.put(QUICK, Table1Preset::quick);
        builtIn.put(PAPER, Table1Preset::paper);
        return ExperimentPresets.named(name, builtIn, Table1Preset.class, "Table 1 preset");
    }

    /**
     * Small networks (alexnet-small) on 160x120 images, on two CPU cores, with Adam (plain SGD diverges at these
     * activation scales, see assets/presets/README.md). The paper's premise is kept: labels are plentiful for RGB
     * and scarce for depth, and unlabelled pairs are many. A synthetic dataset with fewer than 1000 train pairs is
     * therefore extended, deterministically, with rendered scenes that are unlabelled for the depth task (the
     * bundled set has 150 train pairs, 27 of them labelled); their RGB annotations train the teacher, as ImageNet
     * does in the paper. Regions are warped to 64 px everywhere: the RGB teacher classifies ground-truth regions
     * (2000 steps at 1e-3); the transfer matches its pool5 on warped object proposals of the train pairs, the
     * teacher's features scaled to the untrained student's (2000 steps at 1e-3); every arm is fine-tuned on the
     * labelled depth pairs only for 400 steps, the initialised ones at 3e-4 and the one from scratch at 1e-3 (the
     * paper, too, gives no init a higher rate: 0.01 against 0.001), with 200 proposals per image.
     *
     * <p>Measured on the bundled data (3 seeds): with 600 teacher and transfer steps and no extension, copy from
     * RGB equalled no init (18.2 against 18.1 mAP; the teacher was undertrained); 2000 steps gave copy +4.0 but
     * lower than no init on one seed; with the extension copy beats no init on every seed and transfer beats copy.
     */
    public static Table1Preset cpuDemo() {
        RunSpec.Optimizer adam = new RunSpec.Optimizer("adam", 1e-3, 0.9, 0.0005);
        RunSpec.Optimizer gentle = new RunSpec.Optimizer("adam", 3e-4, 0.9, 0.0005);
        RunSpec.Student small = new RunSpec.Student("alexnet-small", null, null);
        RunSpec teacher = RunSpec.builder().name("table1-rgb-teacher").kind("teacher").data(DATA).modality("depth")
                .student(small).optimizer(adam).batchSize(32).iterations(2000).inputSize(64).seed(1).device("auto")
                .threads(0).checkpointEvery(500).logEvery(10).build();
        RunSpec transfer = RunSpec.builder().name("table1-transfer").kind("transfer").data(DATA).modality("depth")
                .teacher(new RunSpec.Teacher("network", "alexnet-small", "<teacher>", "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random"))
                .adaptation(new RunSpec.Adaptation(true, "student")).optimizer(adam).batchSize(32).iterations(2000)
                .inputSize(64).augmentation(new RunSpec.Augmentation(true, true, 0, "regions", 200)).seed(1)
                .device("auto").threads(0).checkpointEvery(500).logEvery(10).filterSnapshots(List.of(100, 500)).build();
        RunSpec.Finetune detection = new RunSpec.Finetune("paired", "random", null, "detection", 200, 0.25);
        RunSpec finetune = RunSpec.builder().name("table1-finetune").kind("finetune").data(DATA).modality("depth")
                .student(small).optimizer(gentle).batchSize(32).iterations(400).inputSize(64).seed(1).device("auto")
                .threads(0).checkpointEvery(100).logEvery(10).finetune(detection).build();
        RunSpec fromScratch = RunSpec.builder().name("table1-finetune").kind("finetune").data(DATA).modality("depth")
                .student(small).optimizer(adam).batchSize(32).iterations(400).inputSize(64).seed(1).device("auto")
                .threads(0).checkpointEvery(100).logEvery(10).finetune(detection).build();
        return new Table1Preset(CPU_DEMO, "alexnet-small on two CPU cores: synthetic data extended to 1000 train "
                + "pairs, teacher 2000 steps, transfer 2000 on object regions, fine-tuning 400 per arm and seed on the "
                + "labelled pairs, regions at 64 px, 200 proposals per image", teacher, transfer, finetune,
                fromScratch, UNLABELLED_TARGET);
    }

    /**
     * cpu-demo cut to a run-through of about two minutes on two CPU cores (one seed): every stage of the comparison
     * with a tenth of its steps (teacher and transfer 200, each arm 60), no synthetic extension, 100 proposals per
     * image. It shows the experiment's path from pairs to tables (a demo, the workbench's own end-to-end test); its
     * numbers are a first look, not the comparison: the teacher is undertrained and the arms barely leave their
     * initialisations.
     */
    public static Table1Preset quick() {
        Table1Preset demo = cpuDemo();
        RunSpec.Finetune detection = new RunSpec.Finetune("paired", "random", null, "detection", 100, 0.25);
        RunSpec teacher = demo.teacher().toBuilder().iterations(200).checkpointEvery(100).build();
        RunSpec transfer = demo.transfer().toBuilder().iterations(200).checkpointEvery(100)
                .augmentation(new RunSpec.Augmentation(true, true, 0, "regions", 100))
                .filterSnapshots(List.of(50, 100)).build();
        RunSpec finetune = demo.finetune().toBuilder().iterations(60).checkpointEvery(30).finetune(detection).build();
        RunSpec fromScratch = demo.fromScratch().toBuilder().iterations(60).checkpointEvery(30).finetune(detection)
                .build();
        return new Table1Preset(QUICK, "cpu-demo cut to about two minutes on two CPU cores: teacher and transfer 200 "
                + "steps, 60 per arm, no synthetic extension, 100 proposals per image (a run-through, not the "
                + "comparison)", teacher, transfer, finetune, fromScratch, 0);
    }

    /**
     * The paper's settings (BRIEF.md section 1), for a GPU: AlexNet at 227 px; transfer AlexNet -> AlexNet at pool5
     * for 100K iterations; Fast R-CNN-style fine-tuning, 40K iterations at base rate 0.001 (x0.1 every 30K),
     * momentum 0.9, weight decay 0.0005, 128 regions per batch with 25% foreground, 2000 proposals per image; the
     * no-init arm 100K iterations at 0.01 (x0.1 every 30K). Every network's random weights are drawn as Caffe's
     * fillers draw them, and the transfer's squared error is averaged per element: with the paper's SGD, variance-
     * preserving weights or a per-image sum diverge within three steps (see {@link RunSpec.Adaptation#loss}).
     */
    public static Table1Preset paper() {
        RunSpec.Optimizer sgd = new RunSpec.Optimizer("sgd", 0.001, 0.9, 0.0005);
        RunSpec.Schedule every30k = new RunSpec.Schedule(30_000, 0.1);
        RunSpec.Student alexnet = new RunSpec.Student("alexnet", null, null, WeightInit.CAFFE);
        RunSpec teacher = RunSpec.builder().name("table1-rgb-teacher").kind("teacher").data(DATA).modality("depth")
                .student(alexnet).optimizer(sgd).schedule(every30k).batchSize(128).iterations(40_000).inputSize(227)
                .seed(1).device("auto").threads(0).checkpointEvery(2000).logEvery(20).build();
        RunSpec transfer = RunSpec.builder().name("table1-transfer").kind("transfer").data(DATA).modality("depth")
                .teacher(new RunSpec.Teacher("network", "alexnet", "<teacher>", "pool5"))
                .student(new RunSpec.Student("alexnet", "pool5", "random", WeightInit.CAFFE))
                .adaptation(new RunSpec.Adaptation(true, null, HintLoss.PER_ELEMENT)).optimizer(sgd)
                .schedule(new RunSpec.Schedule(50_000, 0.1)).batchSize(128).iterations(100_000).inputSize(227)
                .augmentation(new RunSpec.Augmentation(true, true)).seed(1).device("auto").threads(0)
                .checkpointEvery(5000).logEvery(20).filterSnapshots(List.of(0, 1000, 10_000, 50_000)).build();
        RunSpec.Finetune detection = new RunSpec.Finetune("paired", "random", null, "detection", 2000, 0.25);
        RunSpec finetune = RunSpec.builder().name("table1-finetune").kind("finetune").data(DATA).modality("depth")
                .student(alexnet).optimizer(sgd).schedule(every30k).batchSize(128).iterations(40_000).inputSize(227)
                .seed(1).device("auto").threads(0).checkpointEvery(2000).logEvery(20).finetune(detection).build();
        RunSpec fromScratch = RunSpec.builder().name("table1-finetune").kind("finetune").data(DATA).modality("depth")
                .student(alexnet).optimizer(new RunSpec.Optimizer("sgd", 0.01, 0.9, 0.0005)).schedule(every30k)
                .batchSize(128).iterations(100_000).inputSize(227).seed(1).device("auto").threads(0)
                .checkpointEvery(5000).logEvery(20).finetune(detection).build();
        return new Table1Preset(PAPER, "the paper's AlexNet schedules (BRIEF.md section 1), for a GPU", teacher,
                transfer, finetune, fromScratch, 0);
    }
}
