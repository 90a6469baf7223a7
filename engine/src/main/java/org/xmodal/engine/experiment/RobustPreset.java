package org.xmodal.engine.experiment;

import org.xmodal.engine.run.Distill;
import java.io.IOException;
import java.util.List;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.FinetuneTask;
import org.xmodal.engine.nn.HintLoss;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.MatchTo;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RateDecay;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

/**
 * Everything that decides a robust-distillation experiment apart from the data, the corruption levels and the seeds:
 * the RGB teacher's training (a finetune run of scene classification on the clean RGB images), the distillation run
 * every arm makes (its objective lists every arm's terms with their weights; each arm keeps cross-entropy and its
 * own) and, for a small synthetic dataset, how many labelled scenes to add. Specs here are templates: the data path,
 * the teacher and the seed are filled in per run.
 *
 * @param teacher     the RGB teacher (kind finetune, task scenes, input rgb)
 * @param distill     the student's run (kind distill)
 * @param addedScenes labelled scenes added to a synthetic dataset (0: never)
 * @param addedTest   fraction of the added scenes that are test scenes
 */
public record RobustPreset(String name, String description, RunSpec teacher, RunSpec distill, int addedScenes,
                           double addedTest) {
    public static final String CPU_DEMO = "cpu-demo";
    public static final String PAPER = "paper";
    static final String DATA = "<data>";
    static final String TEACHER = "<teacher>";

    public RobustPreset {
        if (teacher == null || teacher.kind() != RunKind.FINETUNE || teacher.finetune().task() != FinetuneTask.SCENES
                || teacher.finetune().input() != FinetuneInput.RGB) {
            throw new IllegalArgumentException("preset teacher must be a finetune run spec of task scenes on rgb "
                    + "input");
        }
        if (distill == null || distill.kind() != RunKind.DISTILL) {
            throw new IllegalArgumentException("preset distill must be a distill run spec");
        }
        for (RobustArm arm : RobustArm.ALL) {
            for (String term : arm.terms()) {
                if (!distill.objective().uses(term)) {
                    throw new IllegalArgumentException("preset distill's objective must weigh every arm's terms; "
                            + "arm " + arm.name() + " needs " + term);
                }
            }
        }
        if (!distill.objective().uses(Objective.CE)) {
            throw new IllegalArgumentException("preset distill's objective must weigh ce: every arm trains on labels");
        }
        if (addedScenes < 0 || !(addedTest >= 0 && addedTest < 1)) {
            throw new IllegalArgumentException("preset: addedScenes >= 0, addedTest in [0, 1)");
        }
    }

    public static List<String> names() {
        return List.of(CPU_DEMO, PAPER);
    }

    /** A built-in preset by name, or a preset file (JSON, as an experiment writes to results/preset.json). */
    public static RobustPreset named(String name) throws IOException {
        java.util.Map<String, java.util.function.Supplier<RobustPreset>> builtIn = new java.util.LinkedHashMap<>();
        builtIn.put(CPU_DEMO, RobustPreset::cpuDemo);
        builtIn.put(PAPER, RobustPreset::paper);
        return ExperimentPresets.named(name, builtIn, RobustPreset.class, "robust-distillation preset");
    }

    /** Every arm's terms with the weights their papers use. */
    static Objective objective() {
        return Objective.of(new Objective.Term(Objective.CE, 1), new Objective.Term(Objective.HINT, 1),
                new Objective.Term(Objective.KD, 1), new Objective.Term(Objective.CRD, 0.8),
                new Objective.Term(Objective.CSC, 1), new Objective.Term(Objective.FILTER_CE, 1),
                new Objective.Term(Objective.FILTER_TRIPLET, 1), new Objective.Term(Objective.FILTER_SPARSITY, 0.001));
    }

    private static RunSpec teacher(String architecture, int size, int iterations, int batch) {
        return RunSpec.builder().name("robust-teacher").kind("finetune").data(DATA).modality("depth")
                .student(new RunSpec.Student(architecture, null, null))
                .optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-2, 0.9, 1e-3, true, null))
                .schedule(new RunSpec.Schedule(0, 10, RateDecay.INVERSE, 0.75)).batchSize(batch)
                .iterations(iterations).inputSize(size).seed(1).device("auto").threads(0)
                .checkpointEvery(Math.max(50, iterations / 5)).logEvery(10)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, "random", null, FinetuneTask.SCENES, null, null, 0.0))
                .build();
    }

    private static RunSpec distill(String architecture, int size, int iterations, int batch, double lr,
                                   int negatives) {
        return RunSpec.builder().name("robust-distill").kind("distill").data(DATA).modality("depth")
                .teacher(new RunSpec.Teacher("network", architecture, TEACHER, null))
                .student(new RunSpec.Student(architecture, null, null))
                .adaptation(new RunSpec.Adaptation(false, MatchTo.UNIT, HintLoss.PER_ELEMENT))
                .objective(objective())
                .distill(Distill.defaults().withCrdNegatives(negatives))
                .optimizer(new RunSpec.Optimizer(OptimizerType.ADAM, lr, 0, 5e-4))
                .schedule(new RunSpec.Schedule(0, 1)).batchSize(batch).iterations(iterations).inputSize(size)
                .seed(1).device("auto").threads(0).checkpointEvery(Math.max(50, iterations / 5)).logEvery(5)
                .build();
    }

    /**
     * resnet18-small (ResNet-18 at a quarter of the width) at 64 px on two CPU cores. The bundled rooms have few
     * labelled pairs, so 800 labelled scenes of the same five classes are rendered and added, a quarter of them test
     * scenes. The teacher trains 600 steps on the clean RGB images; each student 300 steps of Adam (1e-3, weight
     * decay 5e-4: the reference code's optimiser at a rate for training from scratch in few steps). CRD draws 256
     * negatives (the bank holds about 600 pairs).
     */
    public static RobustPreset cpuDemo() {
        return new RobustPreset(CPU_DEMO, "resnet18-small at 64 px on two CPU cores: synthetic data extended by 800 "
                + "labelled scenes, teacher 600 steps on clean RGB, students 300 steps per arm, level and seed",
                teacher(NetworkFactory.RESNET18_SMALL, 64, 600, 32),
                distill(NetworkFactory.RESNET18_SMALL, 64, 300, 32, 1e-3, 256), 800, 0.25);
    }

    /**
     * The reference code's student optimiser (Adam 3e-4, weight decay 5e-4; the filter at a fifth of the rate) with
     * ResNet-18 at 224 px for a GPU; CRD with 4096 negatives.
     */
    public static RobustPreset paper() {
        return new RobustPreset(PAPER, "ResNet-18 at 224 px with the reference code's optimiser, for a GPU",
                teacher(NetworkFactory.RESNET18, 224, 5000, 64),
                distill(NetworkFactory.RESNET18, 224, 5000, 32, 3e-4, 4096), 0, 0);
    }
}
