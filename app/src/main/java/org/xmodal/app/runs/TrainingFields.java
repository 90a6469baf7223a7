package org.xmodal.app.runs;

import java.util.List;

/**
 * The run form's fields of how a run trains: its optimiser and rate schedule, its steps, batches, crops and seed, the
 * device it runs on, and what it records along the way. The same for every kind of run.
 */
final class TrainingFields {
    private static final String OPTIMISER = SpecForm.OPTIMISER;
    private static final String TRAINING = SpecForm.TRAINING;
    private static final String DEVICE = SpecForm.DEVICE;
    private static final String RECORDS = SpecForm.RECORDS;

    private TrainingFields() {
    }

    /** The optimiser's and the schedule's fields. */
    static List<SpecField> optimiser() {
        return List.of(
                SpecField.choice("optimizer.type", OPTIMISER, "Optimiser", List.of("sgd", "adam", "adamw"),
                        "sgd: SGD with momentum, as in the paper (the default); adam: Adam (the CPU presets); adamw: "
                        + "Adam with decoupled weight decay, as PyTorch's AdamW"),
                SpecField.of("optimizer.learningRate", OPTIMISER, "Learning rate", SpecField.Type.NUMBER, "The base "
                        + "learning rate, above 0 (default 0.001; 1e-4 is typed as 0.0001 or 1e-4)"),
                SpecField.of("optimizer.momentum", OPTIMISER, "Momentum", SpecField.Type.NUMBER, "The momentum of "
                        + "SGD, in [0, 1) (default 0.9; Adam's beta1 is 0.9 whatever this says)"),
                SpecField.of("optimizer.weightDecay", OPTIMISER, "Weight decay", SpecField.Type.NUMBER, "Weight "
                        + "decay, at least 0 (default 0.0005): L2 for sgd and adam, decoupled for adamw"),
                SpecField.of("optimizer.nesterov", OPTIMISER, "Nesterov momentum", SpecField.Type.BOOLEAN, "SGD "
                        + "with Nesterov's momentum, as PyTorch computes it (SHOT's and SOCKET's training); needs sgd "
                        + "with a momentum above 0 (default off)"),
                SpecField.of("optimizer.backboneRate", OPTIMISER, "Backbone rate factor",
                        SpecField.Type.OPTIONAL_NUMBER, "The layers up to pool5 learn at this times the learning "
                        + "rate, at least 0 (SHOT's and SOCKET's 0.1 for a pretrained backbone); blank (the default): "
                        + "the rate itself"),
                SpecField.choice("schedule.decay", OPTIMISER, "Rate decay", List.of("step", "inverse"), "step (the "
                        + "default): times the step factor every so many steps; inverse: (1 + factor x "
                        + "progress)^-power, SOCKET's (factor 10, power 0.75)"),
                SpecField.of("schedule.power", OPTIMISER, "Decay power", SpecField.Type.OPTIONAL_NUMBER, "For the "
                        + "inverse decay, at least 0 (default 0.75); blank for a step decay"),
                SpecField.of("schedule.stepSize", OPTIMISER, "Rate step every", SpecField.Type.INTEGER, "Multiply the "
                        + "rate by the step factor every this many steps (default 0: a constant rate)"),
                SpecField.of("schedule.gamma", OPTIMISER, "Rate step factor", SpecField.Type.NUMBER, "The factor of "
                        + "each step of a step decay (0.1: a tenth), or the inverse decay's factor (default 1)"));
    }

    /** The fields of the steps, batches, crops and seed. */
    static List<SpecField> training() {
        return List.of(
                SpecField.of("iterations", TRAINING, "Iterations", SpecField.Type.INTEGER, "Optimiser steps in all, "
                        + "at least 1 (0 for a socket run: its source model scored as it is); the CPU presets train "
                        + "300 to 600"),
                SpecField.of("batchSize", TRAINING, "Batch size", SpecField.Type.INTEGER, "Pairs (or regions) per "
                        + "step, at least 1 (32 in the CPU presets)"),
                SpecField.of("inputSize", TRAINING, "Input size", SpecField.Type.INTEGER, "Side of the square crop "
                        + "both networks see, in pixels, at least 16 (113 for alexnet-small, 227 for AlexNet, 64 for "
                        + "the resnet18 presets)"),
                SpecField.of("augmentation.randomCrop", TRAINING, "Random crops", SpecField.Type.BOOLEAN, "The same "
                        + "random crop on both images of a pair (default on)"),
                SpecField.of("augmentation.flip", TRAINING, "Flips", SpecField.Type.BOOLEAN, "The same random "
                        + "horizontal flip on both images (default on)"),
                SpecField.of("augmentation.cropGrid", TRAINING, "Crop grid", SpecField.Type.INTEGER, "Crops from an "
                        + "N x N grid of positions, which the teacher's feature cache needs (default 0: anywhere)"),
                SpecField.choice("augmentation.crops", TRAINING, "Transfer on", List.of("image", "regions"),
                        "image (the default): crops of whole images; regions: object proposals warped to the input "
                                + "size, the inputs of a region classifier"),
                SpecField.of("augmentation.proposals", TRAINING, "Transfer proposals per image",
                        SpecField.Type.INTEGER, "For transfer on regions: how many of each image's best proposals "
                        + "are drawn from, at least 1 (default 300)"),
                SpecField.of("seed", TRAINING, "Seed", SpecField.Type.LONG, "The seed of every random draw: the same "
                        + "seed gives the same run (default 0; the presets use 1)"));
    }

    /** The device's fields. */
    static List<SpecField> device() {
        return List.of(
                SpecField.choice(SpecForm.DEVICE_KEY, DEVICE, "Device", List.of("auto", "cpu"), "auto (the default): "
                        + "the first GPU when there is one, else the CPU; cpu; gpu:N: that GPU; gpu:all: a transfer "
                        + "run shares each step over every GPU. The list offers what the engine found"),
                SpecField.of("threads", DEVICE, "CPU threads", SpecField.Type.INTEGER, "Threads of the engine on the "
                        + "CPU, at least 0 (default 0: all cores)"));
    }

    /** The fields of what a run records. */
    static List<SpecField> records() {
        return List.of(
                SpecField.of("checkpointEvery", RECORDS, "Checkpoint every", SpecField.Type.INTEGER, "Steps between "
                        + "checkpoints, from which a stopped run resumes (default 0: about 20 per run)"),
                SpecField.of("logEvery", RECORDS, "Log every", SpecField.Type.INTEGER, "Steps between rows of "
                        + "metrics.csv, the curves' points (default 0: every step)"),
                SpecField.of("filterSnapshots", RECORDS, "Filter pictures at", SpecField.Type.STEPS, "Steps at which "
                        + "conv1's filters are drawn to filters/, e.g. 50, 100, 200 (always at 0 and the end; default "
                        + "none more)"),
                SpecField.of("tracking.mlflow", RECORDS, "MLflow server", SpecField.Type.TEXT, "Also log the run to "
                        + "this MLflow tracking server, e.g. http://localhost:5000: the spec as parameters, the curves, "
                        + "the final weights (default empty: only the run's folder, TensorBoard's files included; File > "
                        + "MLflow tracking server... sets it for every new run). A server that cannot be reached is a "
                        + "warning, never a failed run"),
                SpecField.of("tracking.experiment", RECORDS, "MLflow experiment", SpecField.Type.TEXT, "The MLflow "
                        + "experiment the run goes into (default xmodal)"));
    }
}
