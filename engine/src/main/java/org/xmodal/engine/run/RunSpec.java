package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.nn.HintLoss;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.objective.Objective;

/**
 * Everything a run needs, stored as {@code spec.json} in its run directory (DESIGN.md). Immutable; validated
 * when built, so a bad spec fails before any training starts. A Python user reads it as plain JSON.
 *
 * @param kind        {@code transfer} (supervision transfer), {@code teacher} (train an RGB network on labels),
 *                    {@code finetune} (train a region classifier from some initialisation on the few labels, then
 *                    evaluate it on the test pairs)
 * @param data        dataset path (folder, NYU .mat, frame folder)
 * @param modality    {@code depth} (student sees HHA) or {@code flow} (student sees flow images)
 * @param objective   the weighted terms a run minimises (transfer: {@code hint}, the default); teacher and
 *                    fine-tuning runs train with cross-entropy and list none
 * @param encoding    how the paired modality becomes the student's input (HHA or depth and their parameters, the
 *                    flow method and image); missing fields take the defaults and the stored spec lists them all
 * @param inputSize   side of the square crop both networks see, in pixels
 * @param iterations  optimiser steps in total
 */
@JsonPropertyOrder({"name", "kind", "data", "modality", "encoding", "teacher", "student", "adaptation", "objective",
        "socket", "distill", "optimizer",
        "schedule", "batchSize", "iterations", "inputSize", "augmentation", "seed", "device", "threads",
        "checkpointEvery", "logEvery", "filterSnapshots", "finetune", "tracking", "launch"})
public record RunSpec(String name, RunKind kind, String data, Modality modality, Encoding encoding, Teacher teacher,
                      Student student, Adaptation adaptation, Objective objective, Socket socket, Distill distill,
                      Optimizer optimizer,
                      Schedule schedule, int batchSize,
                      int iterations, int inputSize, Augmentation augmentation, long seed, RunDevice device,
                      int threads, int checkpointEvery, int logEvery, List<Integer> filterSnapshots, Finetune finetune,
                      Tracking tracking, Launch launch) {








    /**
     * Where the frozen teacher comes from: {@code network} (an architecture with weights from {@code weights}, a
     * checkpoint or a run directory), {@code torchscript} (a .pt whose forward returns the feature map), or
     * {@code random} (an untrained network: only for tests and benchmarks).
     */
    public record Teacher(TeacherSource source, String architecture, String weights, String tap, Boolean cache) {
        public Teacher {
            if (source == null) {
                throw new IllegalArgumentException("teacher.source is required (network, torchscript or random)");
            }
            if (architecture != null) {
                requireKnownArchitecture("teacher.architecture", architecture);
            }
            cache = Boolean.TRUE.equals(cache);
        }

        public Teacher(String source, String architecture, String weights, String tap) {
            this(TeacherSource.parse(source), architecture, weights, tap, false);
        }

        /** Keep the teacher's features on disk (half precision), so it runs once per pair, crop and flip. */
        public boolean cached() {
            return Boolean.TRUE.equals(cache);
        }

        /** The same teacher with its weights from {@code path}. */
        public Teacher withWeights(String path) {
            return new Teacher(source, architecture, path, tap, cache);
        }
    }

    /**
     * The student network, its transfer layer, and how it starts ({@code random}, or a weights file); random
     * weights are drawn as {@code weightInit} says: {@code kaiming} (the default) or {@code caffe} (the paper's
     * Caffe fillers, which its SGD settings assume).
     */
    public record Student(String architecture, String tap, String init, WeightInit weightInit) {
        public Student {
            if (architecture == null || architecture.isBlank()) {
                throw new IllegalArgumentException("student.architecture is required");
            }
            requireKnownArchitecture("student.architecture", architecture);
            weightInit = weightInit == null ? WeightInit.KAIMING : weightInit;
        }

        public Student(String architecture, String tap, String init) {
            this(architecture, tap, init, null);
        }

        /** The same student starting from {@code newInit}. */
        public Student withInit(String newInit) {
            return new Student(architecture, tap, newInit, weightInit);
        }

        /** Starts from random weights rather than a weights file. */
        public boolean randomInit() {
            return init == null || init.isBlank() || init.equals("random");
        }
    }

    /**
     * 1x1 convolution + ReLU from the student's channels to the teacher's; optional norm matching (the paper's
     * scaling layer): the teacher's features are scaled, once, on the first batch, to unit mean square
     * ({@code matchTo} {@code unit}, the default) or to the mean square of the untrained student's adapted features
     * ({@code student}: the student then learns the teacher's pattern without first having to shrink or grow its
     * activations, which with 0..255 inputs and variance-preserving initialisation are of order 100). With
     * {@code layer} false (null: true) there is no 1x1 convolution: the student's own features must match the
     * teacher's, channel for channel (the lesson's what-if; the two layers must then have as many channels).
     */
    public record Adaptation(boolean matchNorms, MatchTo matchTo, HintLoss loss, Boolean layer) {
        public Adaptation {
            matchTo = matchTo == null ? MatchTo.UNIT : matchTo;
            loss = loss == null ? HintLoss.PER_IMAGE : loss;
            layer = layer == null || layer;
        }

        public Adaptation(boolean matchNorms, MatchTo matchTo, HintLoss loss) {
            this(matchNorms, matchTo, loss, null);
        }

        public Adaptation(boolean matchNorms, String matchTo) {
            this(matchNorms, MatchTo.parse(matchTo), null);
        }

        public Adaptation(boolean matchNorms) {
            this(matchNorms, (MatchTo) null, null);
        }
    }

    /**
     * {@code sgd} (momentum, weight decay as in the paper; with {@code nesterov}, Nesterov's momentum as PyTorch
     * computes it, which SHOT's and SOCKET's training use) or {@code adam}. {@code backboneRate} multiplies the
     * learning rate of the layers up to pool5 (null: 1): SHOT and SOCKET train the pretrained backbone at a tenth
     * of the rate of the bottleneck and classifier.
     */
    public record Optimizer(OptimizerType type, double learningRate, double momentum, double weightDecay,
                            Boolean nesterov, Double backboneRate) {
        public Optimizer {
            type = type == null ? OptimizerType.SGD : type;
            nesterov = Boolean.TRUE.equals(nesterov);
            if (nesterov && (type != OptimizerType.SGD || !(momentum > 0))) {
                throw new IllegalArgumentException("optimizer.nesterov needs sgd with a momentum above 0");
            }
            if (!(learningRate > 0) || momentum < 0 || momentum >= 1 || weightDecay < 0) {
                throw new IllegalArgumentException("optimizer: learning rate > 0, momentum in [0, 1), weight decay "
                        + ">= 0");
            }
            if (backboneRate != null && !(backboneRate >= 0 && backboneRate <= 1e3)) {
                throw new IllegalArgumentException("optimizer.backboneRate must be a factor >= 0 (1: the base rate), "
                        + "got " + backboneRate);
            }
        }

        public Optimizer(OptimizerType type, double learningRate, double momentum, double weightDecay,
                         Boolean nesterov) {
            this(type, learningRate, momentum, weightDecay, nesterov, null);
        }

        public Optimizer(String type, double learningRate, double momentum, double weightDecay) {
            this(OptimizerType.parse(type), learningRate, momentum, weightDecay, false);
        }

        public Optimizer(OptimizerType type, double learningRate, double momentum, double weightDecay) {
            this(type, learningRate, momentum, weightDecay, false);
        }

        /** The factor of the backbone's rate (1 when not set). */
        public double backboneFactor() {
            return backboneRate == null ? 1 : backboneRate;
        }

        public Optimizer withBackboneRate(Double factor) {
            return new Optimizer(type, learningRate, momentum, weightDecay, nesterov, factor);
        }
    }

    /**
     * The learning rate's schedule: {@code step} (the default; {@code gamma} every {@code stepSize} iterations) or
     * {@code inverse} ({@code (1 + gamma p)^-power}, p = step / iterations; SOCKET: gamma 10, power 0.75).
     */
    public record Schedule(int stepSize, double gamma, RateDecay decay, Double power) {
        public Schedule {
            decay = decay == null ? RateDecay.STEP : decay;
            power = power == null ? (decay == RateDecay.INVERSE ? 0.75 : null) : power;
            if (decay == RateDecay.INVERSE && !(power >= 0 && gamma >= 0)) {
                throw new IllegalArgumentException("schedule: an inverse decay needs gamma and power >= 0");
            }
        }

        public Schedule(int stepSize, double gamma) {
            this(stepSize, gamma, RateDecay.STEP, null);
        }

        /** SOCKET's (SHOT's) schedule: base (1 + 10 p)^-0.75. */
        public static Schedule inverse(double gamma, double power) {
            return new Schedule(0, gamma, RateDecay.INVERSE, power);
        }

        /** The rate at step {@code step} of {@code iterations}. */
        public double rateAt(double base, int step, int iterations) {
            if (decay == RateDecay.INVERSE) {
                return base * Math.pow(1 + gamma * step / (double) iterations, -power);
            }
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
    public record Augmentation(boolean randomCrop, boolean flip, int cropGrid, Crops crops, Integer proposals) {
        public static final int DEFAULT_PROPOSALS = 300;

        public Augmentation {
            crops = crops == null ? Crops.IMAGE : crops;
            proposals = proposals == null ? DEFAULT_PROPOSALS : proposals;
            if (proposals < 1) {
                throw new IllegalArgumentException("augmentation.proposals must be at least 1, got " + proposals);
            }
        }

        public Augmentation(boolean randomCrop, boolean flip, int cropGrid, String crops, Integer proposals) {
            this(randomCrop, flip, cropGrid, Crops.parse(crops), proposals);
        }

        public Augmentation(boolean randomCrop, boolean flip, int cropGrid) {
            this(randomCrop, flip, cropGrid, (Crops) null, null);
        }

        public Augmentation(boolean randomCrop, boolean flip) {
            this(randomCrop, flip, 0);
        }

        public boolean regions() {
            return crops == Crops.REGIONS;
        }
    }

    /**
     * What a fine-tuning run trains and how it starts (the arms of the paper's Table 1).
     *
     * @param input      {@code paired} (the dataset's other modality, encoded as the spec's {@code encoding} says)
     *                   or {@code rgb}
     * @param init       {@code random}, or weights to start from: a weights file, a run directory or the name of a
     *                   finished run; only the parameters that exist in both with the same shape are taken (a
     *                   transfer student brings conv1..pool5, an RGB teacher everything up to fc7)
     * @param freezeUpTo null to train every layer, or a tap ({@code pool5}: the paper's "ft fc only") up to which
     *                   the initial weights stay fixed
     * @param task       {@code detection} (proposals with a background class, per-class AP on the test pairs),
     *                   {@code regions} (classify ground-truth boxes; AP of ranking the test boxes per class) or
     *                   {@code scenes} (classify whole images into the dataset's scene classes, the SOCKET setting;
     *                   AP of ranking the test images per scene class) or {@code clips} (trained as scenes, each
     *                   frame labelled with its clip's class; a test clip is scored by its frames' class
     *                   probabilities averaged: clip accuracy, and AP of ranking the test clips per class)
     * @param proposals  proposals per image used for training and scored at test time
     * @param foreground fraction of each batch taken from foreground regions (Fast R-CNN's 25%)
     * @param labelSmoothing the share of each target spread over every class (0; SOCKET's source model: 0.1)
     */
    public record Finetune(FinetuneInput input, String init, String freezeUpTo, FinetuneTask task, Integer proposals,
                           Double foreground, Double labelSmoothing) {
        public static final int DEFAULT_PROPOSALS = 300;
        public static final double DEFAULT_FOREGROUND = 0.25;

        public Finetune {
            input = input == null ? FinetuneInput.PAIRED : input;
            init = init == null || init.isBlank() ? "random" : init.trim();
            freezeUpTo = freezeUpTo == null || freezeUpTo.isBlank() ? null : freezeUpTo.trim();
            task = task == null ? FinetuneTask.DETECTION : task;
            proposals = proposals == null ? DEFAULT_PROPOSALS : proposals;
            foreground = foreground == null ? DEFAULT_FOREGROUND : foreground;
            labelSmoothing = labelSmoothing == null ? 0 : labelSmoothing;
            if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
                throw new IllegalArgumentException("finetune.labelSmoothing must be in [0, 1), got " + labelSmoothing);
            }
            if (proposals < 1) {
                throw new IllegalArgumentException("finetune.proposals must be at least 1, got " + proposals);
            }
            if (!(foreground > 0 && foreground <= 1)) {
                throw new IllegalArgumentException("finetune.foreground must be in (0, 1], got " + foreground);
            }
        }

        public Finetune(String input, String init, String freezeUpTo, String task, Integer proposals,
                        Double foreground) {
            this(FinetuneInput.parse(input), init, freezeUpTo, FinetuneTask.parse(task), proposals, foreground, null);
        }

        public Finetune(FinetuneInput input, String init, String freezeUpTo, FinetuneTask task, Integer proposals,
                        Double foreground) {
            this(input, init, freezeUpTo, task, proposals, foreground, null);
        }

        /** The defaults: paired input from random weights, detection. */
        public static Finetune defaults() {
            return new Finetune((FinetuneInput) null, null, null, (FinetuneTask) null, null, null, null);
        }

        public boolean randomInit() {
            return init.equals("random");
        }

        public Finetune withInit(String weights) {
            return new Finetune(input, weights, freezeUpTo, task, proposals, foreground, labelSmoothing);
        }

        public Finetune withInput(FinetuneInput image) {
            return new Finetune(image, init, freezeUpTo, task, proposals, foreground, labelSmoothing);
        }
    }

    /**
     * A SOCKET run's own settings.
     *
     * @param source       the trained RGB source model: a run folder (a {@code finetune} run of
     *                     {@code resnet18-bottleneck} on the task's scene classes) or its weights file
     * @param refreshEvery steps between pseudo-label refreshes over the whole target set (0: once per epoch, as
     *                     the reference code)
     */
    public record Socket(String source, Integer refreshEvery) {
        public Socket {
            refreshEvery = refreshEvery == null ? 0 : refreshEvery;
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("socket.source is required: the trained RGB source model (a run "
                        + "folder or a weights file)");
            }
            if (refreshEvery < 0) {
                throw new IllegalArgumentException("socket.refreshEvery must not be negative, got " + refreshEvery);
            }
        }

        public Socket withSource(String path) {
            return new Socket(path, refreshEvery);
        }
    }

    /**
     * Where the run is also logged, besides its folder (which always has everything, TensorBoard's files included):
     * {@code mlflow}, an MLflow tracking server's address ({@code http://host:5000}), and the MLflow experiment the
     * run goes into ({@code experiment}, default {@code xmodal}). A server that cannot be reached is a warning in the
     * run's events, never a failed run.
     */
    public record Tracking(String mlflow, String experiment) {
        public Tracking {
            mlflow = mlflow == null || mlflow.isBlank() ? null : mlflow.strip();
            experiment = experiment == null || experiment.isBlank() ? "xmodal" : experiment.strip();
            if (mlflow != null && !(mlflow.startsWith("http://") || mlflow.startsWith("https://"))) {
                throw new IllegalArgumentException("tracking.mlflow must be an http:// or https:// address of an "
                        + "MLflow tracking server, got " + mlflow);
            }
        }
    }

    /** Filled in when the run is launched: what actually ran it. */
    public record Launch(String engineVersion, String device, String time, String host) {
    }

    public RunSpec {
        kind = kind == null ? RunKind.TRANSFER : kind;
        modality = modality == null ? Modality.DEPTH : modality;
        encoding = encoding == null ? Encoding.defaults() : encoding;
        device = device == null ? RunDevice.AUTO : device;
        if (kind == RunKind.FINETUNE && finetune == null) {
            finetune = Finetune.defaults();
        }
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("data: the dataset path is required");
        }
        if (student == null) {
            throw new IllegalArgumentException("student.architecture is required");
        }
        if (kind == RunKind.TRANSFER && teacher == null) {
            throw new IllegalArgumentException("a transfer run needs a teacher (source: network, torchscript or "
                    + "random)");
        }
        if (optimizer == null) {
            optimizer = new Optimizer(OptimizerType.SGD, 0.001, 0.9, 0.0005);
        }
        if (schedule == null) {
            schedule = new Schedule(0, 1);
        }
        if (adaptation == null) {
            adaptation = new Adaptation(false);
        }
        if (objective == null) {
            objective = switch (kind) {
                case TRANSFER -> Objective.transfer();
                case SOCKET -> Objective.socket();
                case DISTILL -> Objective.robust();
                default -> new Objective(List.of());
            };
        }
        objective.requireKnown("a " + kind.id() + " run", switch (kind) {
            case TRANSFER -> List.of(Objective.HINT);
            case SOCKET -> Objective.SOCKET_TERMS;
            case DISTILL -> Objective.DISTILL_TERMS;
            default -> List.<String>of();
        });
        if (kind == RunKind.DISTILL) {
            distill = distill == null ? Distill.defaults() : distill;
            Distill.requireDistillable(teacher, objective);
        } else if (distill != null) {
            throw new IllegalArgumentException("the distill section is for distill runs, not a " + kind.id() + " run: "
                    + "remove it");
        }
        if (kind == RunKind.SOCKET && socket == null) {
            throw new IllegalArgumentException("a socket run needs its socket section (socket.source: the trained RGB "
                    + "source model)");
        }
        if (augmentation == null) {
            augmentation = new Augmentation(true, true);
        }
        // a socket run of 0 iterations scores the source model as it is (SOCKET's source-only baseline)
        if (batchSize < 1 || iterations < (kind == RunKind.SOCKET ? 0 : 1) || inputSize < 16) {
            throw new IllegalArgumentException("batchSize and iterations must be at least 1 (iterations 0 for a "
                    + "socket run: the source model scored as it is), inputSize at least 16");
        }
        if (threads < 0 || checkpointEvery < 0 || logEvery < 0) {
            throw new IllegalArgumentException("threads, checkpointEvery and logEvery must not be negative");
        }
        filterSnapshots = filterSnapshots == null ? List.of() : List.copyOf(filterSnapshots);
    }

    /** Refuses an architecture the engine cannot build, naming the field and the ones it can. */
    private static void requireKnownArchitecture(String field, String name) {
        List<String> known = NetworkFactory.architectures();
        if (!known.contains(name)) {
            throw new IllegalArgumentException(field + " must be " + String.join(", ", known.subList(0,
                    known.size() - 1)) + " or " + known.get(known.size() - 1) + ", not '" + name + "'");
        }
    }

    /** A new spec, field by field; what is not set takes the defaults the JSON form takes when it is missing. */
    public static RunSpecBuilder builder() {
        return new RunSpecBuilder();
    }

    /** A builder holding every field of this spec. */
    public RunSpecBuilder toBuilder() {
        return new RunSpecBuilder().name(name).kind(kind).data(data).modality(modality).encoding(encoding).teacher(teacher)
                .student(student).adaptation(adaptation).objective(objective).socket(socket).distill(distill)
                .optimizer(optimizer)
                .schedule(schedule)
                .batchSize(batchSize)
                .iterations(iterations).inputSize(inputSize).augmentation(augmentation).seed(seed).device(device)
                .threads(threads).checkpointEvery(checkpointEvery).logEvery(logEvery)
                .filterSnapshots(filterSnapshots).finetune(finetune).tracking(tracking).launch(launch);
    }

    public RunSpec withLaunch(Launch l) {
        return toBuilder().launch(l).build();
    }

    public RunSpec withData(String path) {
        return toBuilder().data(path).build();
    }

    public RunSpec withIterations(int n) {
        return toBuilder().iterations(n).build();
    }

    public RunSpec withFinetune(Finetune f) {
        return toBuilder().finetune(f).build();
    }

    public RunSpec withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public RunSpec withName(String newName) {
        return toBuilder().name(newName).build();
    }

    public RunSpec withEncoding(Encoding e) {
        return toBuilder().encoding(e).build();
    }

    /** Checkpoint interval actually used: the spec's, or about 20 per run. */
    public int effectiveCheckpointEvery() {
        return checkpointEvery > 0 ? checkpointEvery : Math.max(1, iterations / 20);
    }

    public int effectiveLogEvery() {
        return logEvery > 0 ? logEvery : 1;
    }
}
