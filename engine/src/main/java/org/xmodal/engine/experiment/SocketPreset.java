package org.xmodal.engine.experiment;

import java.io.IOException;
import java.util.List;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.FinetuneTask;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RateDecay;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

/**
 * Everything that decides a SOCKET experiment apart from the data and the seeds: the RGB source model's training
 * (a finetune run of scene classification on the RGB images of the task's classes), the adaptation every arm runs
 * (a socket run; each arm keeps some of its objective's terms), and for a small synthetic dataset of the classic
 * scene classes how many scenes to add, drawn from all ten scene classes with the five the dataset lacks marked
 * task-irrelevant (SOCKET's paired data of other classes). Specs here are templates: the data path, the source and
 * the seed are filled in per run.
 *
 * @param source        the source model (kind finetune, task scenes, input rgb)
 * @param adapt         the adaptation (kind socket); its objective's weights are every arm's
 * @param addedScenes   scenes added to a synthetic dataset without task-irrelevant classes; 0 never
 * @param addedTest     fraction of the added scenes that are test scenes
 */
public record SocketPreset(String name, String description, RunSpec source, RunSpec adapt, int addedScenes,
                           double addedTest) {
    public static final String CPU_DEMO = "cpu-demo";
    public static final String PAPER = "paper";
    static final String DATA = "<data>";
    static final String SOURCE = "<source>";

    public SocketPreset {
        if (source == null || source.kind() != RunKind.FINETUNE || source.finetune().task() != FinetuneTask.SCENES
                || source.finetune().input() != FinetuneInput.RGB) {
            throw new IllegalArgumentException("preset source must be a finetune run spec of task scenes on rgb input");
        }
        if (adapt == null || adapt.kind() != RunKind.SOCKET) {
            throw new IllegalArgumentException("preset adapt must be a socket run spec");
        }
        if (addedScenes < 0 || !(addedTest >= 0 && addedTest < 1)) {
            throw new IllegalArgumentException("preset: addedScenes >= 0, addedTest in [0, 1)");
        }
    }

    public static List<String> names() {
        return List.of(CPU_DEMO, PAPER);
    }

    /** A built-in preset by name, or a preset file (JSON, as an experiment writes to results/preset.json). */
    public static SocketPreset named(String name) throws IOException {
        java.util.Map<String, java.util.function.Supplier<SocketPreset>> builtIn = new java.util.LinkedHashMap<>();
        builtIn.put(CPU_DEMO, SocketPreset::cpuDemo);
        builtIn.put(PAPER, SocketPreset::paper);
        return ExperimentPresets.named(name, builtIn, SocketPreset.class, "SOCKET preset");
    }

    /** SGD as SHOT and SOCKET train: Nesterov momentum 0.9, weight decay 1e-3, (1 + 10p)^-0.75 decay. */
    private static RunSpec.Optimizer sgd(double lr, Double backboneRate) {
        return new RunSpec.Optimizer(OptimizerType.SGD, lr, 0.9, 1e-3, true, backboneRate);
    }

    private static RunSpec.Schedule inverse() {
        return new RunSpec.Schedule(0, 10, RateDecay.INVERSE, 0.75);
    }

    /**
     * ResNet-18 with the bottleneck on 64 px images, on two CPU cores. The bundled rooms (200 scenes of the five
     * classic classes) get 1000 more rendered scenes of all ten classes: about half are the task's classes (more
     * labelled RGB for the source, more unlabelled depth for the adaptation, and a quarter of them test scenes, so
     * that accuracy is measured on a few hundred images rather than fifty), half the task-irrelevant pairs. The
     * source trains from random weights (no ImageNet here), so its backbone learns at the full rate; the
     * adaptation trains the backbone at a tenth, as the reference code does.
     */
    public static SocketPreset cpuDemo() {
        RunSpec.Student net = new RunSpec.Student(NetworkFactory.RESNET18_BOTTLENECK, null, null);
        RunSpec source = RunSpec.builder().name("socket-source").kind("finetune").data(DATA).modality("depth")
                .student(net).optimizer(sgd(1e-2, null)).schedule(inverse()).batchSize(32).iterations(500)
                .inputSize(64).seed(1).device("auto").threads(0).checkpointEvery(200).logEvery(10)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, "random", null, FinetuneTask.SCENES, null, null,
                        0.1)).build();
        RunSpec adapt = RunSpec.builder().name("socket-adapt").kind("socket").data(DATA).modality("depth")
                .student(net).optimizer(sgd(1e-2, 0.1)).schedule(inverse()).batchSize(32).iterations(120)
                .inputSize(64).seed(1).device("auto").threads(0).checkpointEvery(50).logEvery(5)
                .objective(Objective.socket()).socket(new RunSpec.Socket(SOURCE, 0)).build();
        return new SocketPreset(CPU_DEMO, "resnet18-bottleneck at 64 px on two CPU cores: synthetic data extended "
                + "by 1000 scenes of ten scene classes (five task-irrelevant), source 500 steps on RGB, adaptation "
                + "120 steps per arm and seed", source, adapt, 1000, 0.25);
    }

    /**
     * The reference code's settings, for a GPU: 224 px, batch 32 (64 for the source), SGD lr 1e-2 with the backbone
     * at a tenth, Nesterov momentum 0.9, weight decay 1e-3, (1 + 10p)^-0.75; label smoothing 0.1 for the source;
     * 15 epochs of adaptation (given here in steps for SUN RGB-D's about 2,500 train images of the task's
     * classes), on the paper's ResNet-50 with the bottleneck and weight-normalised classifier. The source trains
     * from random weights here (no ImageNet weights can be downloaded), where the paper's starts from ImageNet.
     */
    public static SocketPreset paper() {
        RunSpec.Student net = new RunSpec.Student(NetworkFactory.RESNET50_BOTTLENECK, null, null);
        RunSpec source = RunSpec.builder().name("socket-source").kind("finetune").data(DATA).modality("depth")
                .student(net).optimizer(sgd(1e-2, 0.1)).schedule(inverse()).batchSize(64).iterations(5000)
                .inputSize(224).seed(1).device("auto").threads(0).checkpointEvery(500).logEvery(20)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, "random", null, FinetuneTask.SCENES, null, null,
                        0.1)).build();
        RunSpec adapt = RunSpec.builder().name("socket-adapt").kind("socket").data(DATA).modality("depth")
                .student(net).optimizer(sgd(1e-2, 0.1)).schedule(inverse()).batchSize(32).iterations(1200)
                .inputSize(224).seed(1).device("auto").threads(0).checkpointEvery(200).logEvery(10)
                .objective(Objective.socket()).socket(new RunSpec.Socket(SOURCE, 0)).build();
        return new SocketPreset(PAPER, "ResNet-50 with the reference code's schedules at 224 px, for a GPU",
                source, adapt, 0, 0);
    }
}
