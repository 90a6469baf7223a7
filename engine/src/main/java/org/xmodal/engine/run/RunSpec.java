package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import org.xmodal.engine.nn.HintLoss;
import org.xmodal.engine.nn.WeightInit;

/**
 * Everything a run needs, stored as {@code spec.json} in its run directory (DESIGN.md). Immutable; validated
 * when built, so a bad spec fails before any training starts. A Python user reads it as plain JSON.
 *
 * @param kind        {@code transfer} (supervision transfer), {@code teacher} (train an RGB network on labels),
 *                    {@code finetune} (train a region classifier from some initialisation on the few labels, then
 *                    evaluate it on the test pairs)
 * @param data        dataset path (folder, NYU .mat, frame folder)
 * @param modality    {@code depth} (student sees HHA) or {@code flow} (student sees flow images)
 * @param inputSize   side of the square crop both networks see, in pixels
 * @param iterations  optimiser steps in total
 */
@JsonPropertyOrder({"name", "kind", "data", "modality", "teacher", "student", "adaptation", "optimizer",
        "schedule", "batchSize", "iterations", "inputSize", "augmentation", "seed", "device", "threads",
        "checkpointEvery", "logEvery", "filterSnapshots", "finetune", "launch"})
public record RunSpec(String name, String kind, String data, String modality, Teacher teacher, Student student,
                      Adaptation adaptation, Optimizer optimizer, Schedule schedule, int batchSize, int iterations,
                      int inputSize, Augmentation augmentation, long seed, String device, int threads,
                      int checkpointEvery, int logEvery, List<Integer> filterSnapshots, Finetune finetune,
                      Launch launch) {

    /**
     * Where the frozen teacher comes from: {@code network} (an architecture with weights from {@code weights}, a
     * checkpoint or a run directory), {@code torchscript} (a .pt whose forward returns the feature map), or
     * {@code random} (an untrained network: only for tests and benchmarks).
     */
    public record Teacher(String source, String architecture, String weights, String tap, Boolean cache) {
        public Teacher(String source, String architecture, String weights, String tap) {
            this(source, architecture, weights, tap, false);
        }

        /** Keep the teacher's features on disk (half precision), so it runs once per pair, crop and flip. */
        public boolean cached() {
            return Boolean.TRUE.equals(cache);
        }
    }

    /**
     * The student network, its transfer layer, and how it starts ({@code random}, or a weights file); random
     * weights are drawn as {@code weightInit} says: {@code kaiming} (the default) or {@code caffe} (the paper's
     * Caffe fillers, which its SGD settings assume).
     */
    public record Student(String architecture, String tap, String init, String weightInit) {
        public Student {
            weightInit = WeightInit.parse(weightInit).id();
        }

        public Student(String architecture, String tap, String init) {
            this(architecture, tap, init, null);
        }

        /** The same student starting from {@code newInit}. */
        public Student withInit(String newInit) {
            return new Student(architecture, tap, newInit, weightInit);
        }

        /** {@link #weightInit} as the scheme it names. */
        public WeightInit weightScheme() {
            return WeightInit.parse(weightInit);
        }
    }

    /**
     * 1x1 convolution + ReLU from the student's channels to the teacher's; optional norm matching (the paper's
     * scaling layer): the teacher's features are scaled, once, on the first batch, to unit mean square
     * ({@code matchTo} {@code unit}, the default) or to the mean square of the untrained student's adapted features
     * ({@code student}: the student then learns the teacher's pattern without first having to shrink or grow its
     * activations, which with 0..255 inputs and variance-preserving initialisation are of order 100).
     */
    public record Adaptation(boolean matchNorms, String matchTo, String loss) {
        public Adaptation {
            matchTo = lower(matchTo, "unit");
            if (!List.of("unit", "student").contains(matchTo)) {
                throw new IllegalArgumentException("adaptation.matchTo must be unit or student, not '" + matchTo
                        + "'");
            }
            loss = HintLoss.parse(loss).id();
        }

        public Adaptation(boolean matchNorms, String matchTo) {
            this(matchNorms, matchTo, null);
        }

        /** {@link #loss} as the normalisation it names. */
        public HintLoss hintLoss() {
            return HintLoss.parse(loss);
        }

        public Adaptation(boolean matchNorms) {
            this(matchNorms, null);
        }
    }

    /** {@code sgd} (momentum, weight decay as in the paper) or {@code adam}. */
    public record Optimizer(String type, double learningRate, double momentum, double weightDecay) {
    }

    /** Step schedule: the rate is multiplied by {@code gamma} every {@code stepSize} iterations (0 = constant). */
    public record Schedule(int stepSize, double gamma) {
        public double rateAt(double base, int step) {
            return stepSize <= 0 ? base : base * Math.pow(gamma, step / stepSize);
        }
    }

    /**
     * Paired augmentation: the same random crop and horizontal flip on both images of a pair. With
     * {@code cropGrid} N > 1 crops are drawn from an N x N grid of positions (which a teacher cache needs).
     *
     * @param crops     {@code image}: crops of the whole image (resized so its shorter side is about the input
     *                  size), as the paper transfers for a detector that pools regions from the whole image's
     *                  feature map; {@code regions}: each pair's object proposals warped with context to the input
     *                  size, the inputs of a region classifier (R-CNN), so the student learns the teacher's
     *                  features on what it will classify
     * @param proposals for {@code regions}: how many of each image's best proposals are drawn from
     */
    public record Augmentation(boolean randomCrop, boolean flip, int cropGrid, String crops, Integer proposals) {
        public static final int DEFAULT_PROPOSALS = 300;

        public Augmentation {
            crops = lower(crops, "image");
            proposals = proposals == null ? DEFAULT_PROPOSALS : proposals;
            if (!List.of("image", "regions").contains(crops)) {
                throw new IllegalArgumentException("augmentation.crops must be image or regions, not '" + crops
                        + "'");
            }
            if (proposals < 1) {
                throw new IllegalArgumentException("augmentation.proposals must be at least 1, got " + proposals);
            }
        }

        public Augmentation(boolean randomCrop, boolean flip, int cropGrid) {
            this(randomCrop, flip, cropGrid, null, null);
        }

        public Augmentation(boolean randomCrop, boolean flip) {
            this(randomCrop, flip, 0);
        }

        public boolean regions() {
            return crops.equals("regions");
        }
    }

    /**
     * What a fine-tuning run trains and how it starts (the arms of the paper's Table 1).
     *
     * @param input      {@code paired} (the dataset's other modality: HHA for depth, flow images for flow) or
     *                   {@code rgb}
     * @param init       {@code random}, or weights to start from: a weights file, a run directory or the name of a
     *                   finished run; only the parameters that exist in both with the same shape are taken (a
     *                   transfer student brings conv1..pool5, an RGB teacher everything up to fc7)
     * @param freezeUpTo null to train every layer, or a tap ({@code pool5}: the paper's "ft fc only") up to which
     *                   the initial weights stay fixed
     * @param task       {@code detection} (proposals with a background class, per-class AP on the test pairs),
     *                   {@code regions} (classify ground-truth boxes; AP of ranking the test boxes per class) or
     *                   {@code scenes} (classify whole images into the dataset's scene classes, the SOCKET setting;
     *                   AP of ranking the test images per scene class)
     * @param proposals  proposals per image used for training and scored at test time
     * @param foreground fraction of each batch taken from foreground regions (Fast R-CNN's 25%)
     */
    public record Finetune(String input, String init, String freezeUpTo, String task, Integer proposals,
                           Double foreground) {
        public static final int DEFAULT_PROPOSALS = 300;
        public static final double DEFAULT_FOREGROUND = 0.25;

        public Finetune {
            input = lower(input, "paired");
            init = init == null || init.isBlank() ? "random" : init.trim();
            freezeUpTo = freezeUpTo == null || freezeUpTo.isBlank() ? null : freezeUpTo.trim();
            task = lower(task, "detection");
            proposals = proposals == null ? DEFAULT_PROPOSALS : proposals;
            foreground = foreground == null ? DEFAULT_FOREGROUND : foreground;
            if (!List.of("paired", "rgb").contains(input)) {
                throw new IllegalArgumentException("finetune.input must be paired or rgb, not '" + input + "'");
            }
            if (!List.of("detection", "regions", "scenes").contains(task)) {
                throw new IllegalArgumentException("finetune.task must be detection, regions or scenes, not '" + task
                        + "'");
            }
            if (proposals < 1) {
                throw new IllegalArgumentException("finetune.proposals must be at least 1, got " + proposals);
            }
            if (!(foreground > 0 && foreground <= 1)) {
                throw new IllegalArgumentException("finetune.foreground must be in (0, 1], got " + foreground);
            }
        }

        public boolean randomInit() {
            return init.equals("random");
        }

        public Finetune withInit(String weights) {
            return new Finetune(input, weights, freezeUpTo, task, proposals, foreground);
        }
    }

    /** Filled in when the run is launched: what actually ran it. */
    public record Launch(String engineVersion, String device, String time, String host) {
    }

    /** A spec without fine-tuning settings (transfer and teacher runs). */
    public RunSpec(String name, String kind, String data, String modality, Teacher teacher, Student student,
                   Adaptation adaptation, Optimizer optimizer, Schedule schedule, int batchSize, int iterations,
                   int inputSize, Augmentation augmentation, long seed, String device, int threads,
                   int checkpointEvery, int logEvery, List<Integer> filterSnapshots, Launch launch) {
        this(name, kind, data, modality, teacher, student, adaptation, optimizer, schedule, batchSize, iterations,
                inputSize, augmentation, seed, device, threads, checkpointEvery, logEvery, filterSnapshots, null,
                launch);
    }

    public RunSpec {
        kind = lower(kind, "transfer");
        modality = lower(modality, "depth");
        device = lower(device, "auto");
        if (!List.of("transfer", "teacher", "finetune").contains(kind)) {
            throw new IllegalArgumentException("kind must be transfer, teacher or finetune, not '" + kind + "'");
        }
        if (kind.equals("finetune") && finetune == null) {
            finetune = new Finetune(null, null, null, null, null, null);
        }
        if (!List.of("depth", "flow").contains(modality)) {
            throw new IllegalArgumentException("modality must be depth or flow, not '" + modality + "'");
        }
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("data: the dataset path is required");
        }
        if (student == null || student.architecture() == null) {
            throw new IllegalArgumentException("student.architecture is required");
        }
        if (kind.equals("transfer") && (teacher == null || teacher.source() == null)) {
            throw new IllegalArgumentException("a transfer run needs a teacher (source: network, torchscript or random)");
        }
        if (teacher != null && !List.of("network", "torchscript", "random").contains(lower(teacher.source(), ""))) {
            throw new IllegalArgumentException("teacher.source must be network, torchscript or random");
        }
        if (optimizer == null) {
            optimizer = new Optimizer("sgd", 0.001, 0.9, 0.0005);
        }
        if (!List.of("sgd", "adam").contains(lower(optimizer.type(), ""))) {
            throw new IllegalArgumentException("optimizer.type must be sgd or adam");
        }
        if (!(optimizer.learningRate() > 0) || optimizer.momentum() < 0 || optimizer.momentum() >= 1
                || optimizer.weightDecay() < 0) {
            throw new IllegalArgumentException("optimizer: learning rate > 0, momentum in [0, 1), weight decay >= 0");
        }
        if (schedule == null) {
            schedule = new Schedule(0, 1);
        }
        if (adaptation == null) {
            adaptation = new Adaptation(false);
        }
        if (augmentation == null) {
            augmentation = new Augmentation(true, true);
        }
        if (batchSize < 1 || iterations < 1 || inputSize < 16) {
            throw new IllegalArgumentException("batchSize and iterations must be at least 1, inputSize at least 16");
        }
        if (threads < 0 || checkpointEvery < 0 || logEvery < 0) {
            throw new IllegalArgumentException("threads, checkpointEvery and logEvery must not be negative");
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.matches("gpu(:\\d+)?")
                && !device.equals("gpu:all") && !device.matches("gpu:\\d+(,\\d+)+")) {
            throw new IllegalArgumentException("device must be auto, cpu, gpu, gpu:N, or for one run on several "
                    + "GPUs gpu:all or gpu:N,M,..., not '" + device + "'");
        }
        filterSnapshots = filterSnapshots == null ? List.of() : List.copyOf(filterSnapshots);
    }

    public RunSpec withLaunch(Launch l) {
        return new RunSpec(name, kind, data, modality, teacher, student, adaptation, optimizer, schedule, batchSize,
                iterations, inputSize, augmentation, seed, device, threads, checkpointEvery, logEvery, filterSnapshots,
                finetune, l);
    }

    public RunSpec withData(String path) {
        return new RunSpec(name, kind, path, modality, teacher, student, adaptation, optimizer, schedule, batchSize,
                iterations, inputSize, augmentation, seed, device, threads, checkpointEvery, logEvery, filterSnapshots,
                finetune, launch);
    }

    public RunSpec withIterations(int n) {
        return new RunSpec(name, kind, data, modality, teacher, student, adaptation, optimizer, schedule, batchSize, n,
                inputSize, augmentation, seed, device, threads, checkpointEvery, logEvery, filterSnapshots, finetune,
                launch);
    }

    public RunSpec withFinetune(Finetune f) {
        return new RunSpec(name, kind, data, modality, teacher, student, adaptation, optimizer, schedule, batchSize,
                iterations, inputSize, augmentation, seed, device, threads, checkpointEvery, logEvery, filterSnapshots,
                f, launch);
    }

    public RunSpec withSeed(long newSeed) {
        return new RunSpec(name, kind, data, modality, teacher, student, adaptation, optimizer, schedule, batchSize,
                iterations, inputSize, augmentation, newSeed, device, threads, checkpointEvery, logEvery,
                filterSnapshots, finetune, launch);
    }

    public RunSpec withName(String newName) {
        return new RunSpec(newName, kind, data, modality, teacher, student, adaptation, optimizer, schedule,
                batchSize, iterations, inputSize, augmentation, seed, device, threads, checkpointEvery, logEvery,
                filterSnapshots, finetune, launch);
    }

    /** Checkpoint interval actually used: the spec's, or about 20 per run. */
    public int effectiveCheckpointEvery() {
        return checkpointEvery > 0 ? checkpointEvery : Math.max(1, iterations / 20);
    }

    public int effectiveLogEvery() {
        return logEvery > 0 ? logEvery : 1;
    }

    private static String lower(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.trim().toLowerCase(Locale.ROOT);
    }
}
