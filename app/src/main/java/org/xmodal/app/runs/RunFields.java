package org.xmodal.app.runs;

import java.util.ArrayList;
import java.util.List;
import org.xmodal.engine.nn.NetworkFactory;

/**
 * The run form's fields of what a run is and which networks it trains: the run itself (name, kind, dataset, the
 * paired modality), the teacher of a transfer or distill run, and the network trained with its objective and
 * SOCKET's source. A teacher run trains the network itself and a fine-tuning or SOCKET run has no teacher, so their
 * forms call the trained network "Network", not "Student network".
 */
final class RunFields {
    private static final String RUN = SpecForm.RUN;
    private static final String TEACHER = SpecForm.TEACHER;
    private static final String STUDENT = SpecForm.STUDENT;
    /** What a weights field takes, said once: the run picker lists the finished runs, Browse... finds the rest. */
    static final String WEIGHTS_TAKES = "a finished run picked from the list (newest first), a run folder or a "
            + ".params file (Browse...), or runs/<name> for the newest finished run of that name in the window's "
            + "folder of runs";

    private RunFields() {
    }

    static List<SpecField> fields() {
        List<String> architectures = NetworkFactory.architectures();
        List<String> teacherArchitectures = new ArrayList<>(architectures);
        teacherArchitectures.add(0, "");
        return List.of(
                SpecField.of("name", RUN, "Name", SpecField.Type.TEXT, "A short name for the run: its folder in the "
                        + "folder of runs is <date>-<time>-<name>, and runs/<name> in another run's form means the "
                        + "newest finished run of that name (default: the preset's name)"),
                SpecField.choice("kind", RUN, "Kind", List.of("transfer", "teacher", "finetune", "socket", "distill"),
                        "What the run does; choosing a kind fills what you have not typed from that kind's preset. "
                        + "transfer: supervision transfer from a frozen RGB teacher to a student of the paired "
                        + "modality; teacher: train an RGB network on the labelled object regions; finetune: train a "
                        + "network for a task on the labelled pairs and score it on the test pairs; socket: adapt a "
                        + "trained RGB source model to the paired modality without the task's source data (SOCKET); "
                        + "distill: a scene classifier of the paired modality learns the labelled train pairs with "
                        + "cross-entropy plus distillation terms against a frozen RGB teacher (KD, hints, attention, "
                        + "RKD, CRD, Xia et al.'s noise filter and CSC) and is scored by accuracy on the test pairs "
                        + "(default transfer)"),
                SpecField.of("data", RUN, "Dataset", SpecField.Type.TEXT, "The paired data the run trains on: a "
                        + "dataset folder, NYU Depth v2's labelled .mat file or a folder of video frames (Browse...); "
                        + "it must exist (default: the bundled sample-data/synth-rgbd)"),
                SpecField.choice("modality", RUN, "Paired modality", List.of("depth", "flow"), "The modality paired "
                        + "with RGB that the trained network sees: depth (as HHA images, or plain depth, as the "
                        + "encoding says) or flow (optical flow as images); a teacher run sees RGB only (default "
                        + "depth)")
                        .calledFor("Student sees", "transfer", "distill").calledFor("Network sees", "socket"),
                SpecField.choice("teacher.source", TEACHER, "Teacher", List.of("", "network", "torchscript", "random"),
                        "Where the frozen RGB teacher comes from. network: weights trained here (" + WEIGHTS_TAKES
                                + "); torchscript: an exported .pt file; random: an untrained network (tests and "
                                + "demos). A transfer run needs one; a distill run needs network (default: none)"),
                SpecField.choice("teacher.architecture", TEACHER, "Teacher network", teacherArchitectures,
                        "The teacher's architecture, which its weights must be of (not needed for TorchScript; a "
                                + "distill run's teacher is by default of the student's architecture)"),
                SpecField.of("teacher.weights", TEACHER, "Teacher weights", SpecField.Type.TEXT, "The teacher's "
                        + "trained weights: " + WEIGHTS_TAKES + "; a TorchScript .pt file for a torchscript teacher. "
                        + "The list offers finished teacher runs and fine-tuning runs on RGB. Transfer: an RGB "
                        + "teacher (the teacher-cpu-demo preset's rgb-teacher, by default). Distill: an RGB network "
                        + "that classifies the dataset's scenes (a finetune run of task scenes on rgb input, as the "
                        + "robust-teacher preset; kd needs its classifier)"),
                SpecField.of("teacher.tap", TEACHER, "Teacher layer", SpecField.Type.TEXT, "The teacher layer whose "
                        + "features the student learns, by name (default pool5; distill: where hint and cosine-hint "
                        + "compare)"),
                SpecField.of("teacher.cache", TEACHER, "Cache teacher features", SpecField.Type.BOOLEAN, "Keep the "
                        + "teacher's features on disk (half precision) so that it runs once per pair, crop and flip; "
                        + "needs a crop grid (default off)"),
                SpecField.choice("student.architecture", STUDENT, "Network", architectures, "The architecture of the "
                        + "network the run trains, required (alexnet-small for CPUs; alexnet-pad7 under a VGG teacher; "
                        + "resnet18-bottleneck for SOCKET, as its source model)")
                        .calledFor("Student network", "transfer", "distill"),
                SpecField.of("student.tap", STUDENT, "Student layer", SpecField.Type.TEXT, "The student layer that is "
                        + "taught, by name (default pool5; distill: the layer of hint and cosine-hint)"),
                SpecField.of("student.init", STUDENT, "Student starts from", SpecField.Type.TEXT, "random (the "
                        + "default), or weights the student starts from: " + WEIGHTS_TAKES + "; the list offers "
                        + "finished teacher and transfer runs"),
                SpecField.choice("student.weightInit", STUDENT, "Random weights", List.of("kaiming", "caffe"),
                        "How random weights are drawn: kaiming keeps activations at the input's scale (for Adam; "
                                + "the default); caffe draws them as the paper's Caffe models (std 0.01), which its "
                                + "SGD needs"),
                SpecField.choice("adaptation.loss", STUDENT, "Loss normalisation", List.of("per-image", "caffe",
                        "per-element"), "The squared error summed over each feature map and averaged over the "
                        + "batch (per-image, the default), halved as Caffe's EuclideanLoss (caffe), or averaged over "
                        + "every element (per-element, with the paper's SGD; the distill presets' hint)"),
                SpecField.of("objective.terms", STUDENT, "Objective", SpecField.Type.TERMS, "The weighted terms the "
                        + "run minimises, as name = weight, ...; weight 0 switches a term off; blank: the kind's "
                        + "default. Transfer: hint = 1 (the "
                        + "L2 between the student's adapted features and the teacher's). SOCKET (the paper's weights): "
                        + "pseudo-labels = 0.3 (cross-entropy against each image's nearest class centroid of the "
                        + "bottleneck features, refreshed over the target set), information-maximisation = 1 "
                        + "(confident predictions that use every class), bn-statistics = 0.5 (the target batch's "
                        + "mean and variance at every BatchNorm of the backbone against the source's running ones; "
                        + "the first layer counts 10 times), task-irrelevant = 0.5 (the target's features of the "
                        + "paired images of other classes against the source's features of their RGB). "
                        + DistillFields.HELP),
                SpecField.of("socket.source", STUDENT, "Source model", SpecField.Type.TEXT, "SOCKET: the trained RGB "
                        + "source model, required: a finetune run of resnet18-bottleneck on the RGB images of the "
                        + "task's scene classes (the socket-source preset): " + WEIGHTS_TAKES + "; the list offers "
                        + "finished fine-tuning runs on RGB"),
                SpecField.of("socket.refreshEvery", STUDENT, "Pseudo-labels every", SpecField.Type.INTEGER, "SOCKET: "
                        + "optimiser steps between pseudo-label refreshes over the whole target set, at least 0 "
                        + "(default 0: once per epoch, as the reference code)"),
                SpecField.of("adaptation.matchNorms", STUDENT, "Match norms", SpecField.Type.BOOLEAN, "Scale the "
                        + "teacher's features once, on the first batch (for teachers with large activations; default "
                        + "off, on in the CPU presets)"),
                SpecField.of("adaptation.layer", STUDENT, "Adaptation layer", SpecField.Type.BOOLEAN, "A 1x1 "
                        + "convolution + ReLU maps the student's channels to the teacher's (default on, as in the "
                        + "paper); off, the student's own features must match the teacher's channel for channel"),
                SpecField.choice("adaptation.matchTo", STUDENT, "Match norms to", List.of("unit", "student"),
                        "unit (the default): the teacher's features to unit mean square; student: to the mean square "
                                + "of the untrained student's"));
    }
}
