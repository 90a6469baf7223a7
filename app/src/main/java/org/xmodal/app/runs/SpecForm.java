package org.xmodal.app.runs;

import org.xmodal.engine.run.Distill;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.json.Identified;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunSpec;

/**
 * The run spec as form fields and back: every field of {@link RunSpec} a person sets (not the launch record the
 * engine fills in), read from and written to the same JSON tree the engine reads, so a spec made in the form is
 * validated by the engine's own rules.
 */
public final class SpecForm {
    public static final String RUN = "Run";
    public static final String TEACHER = "Teacher";
    public static final String STUDENT = "Student";
    public static final String OPTIMISER = "Optimiser";
    public static final String TRAINING = "Training";
    public static final String DEVICE = "Device";
    public static final String RECORDS = "Records";
    public static final String FINETUNE = "Fine-tuning";
    public static final String ENCODING = "Encoding";
    public static final String DISTILL = "Distillation";
    /** The groups in the order the form shows them. */
    public static final List<String> CATEGORIES = List.of(RUN, TEACHER, STUDENT, FINETUNE, DISTILL, OPTIMISER,
            TRAINING, ENCODING, DEVICE, RECORDS);
    /** The prefixes of the encoding fields that apply to one modality only. */
    static final String DEPTH_ENCODING = "encoding.depth.";
    static final String FLOW_ENCODING = "encoding.flow.";
    static final String INTRINSICS = "encoding.depth.intrinsics.";
    /** The groups of the form's first column; the others make the second. */
    public static final List<String> FIRST_COLUMN = List.of(RUN, TEACHER, STUDENT, FINETUNE, DISTILL, DEVICE);
    /** The prefix of a distill run's own settings ({@link Distill}). */
    static final String DISTILL_PREFIX = "distill.";
    public static final String DEVICE_KEY = "device";

    private SpecForm() {
    }

    private static int indexOf(List<SpecField> fields, String key) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException("no form field " + key);
    }

    public static List<SpecField> fields() {
        List<String> architectures = NetworkFactory.architectures();
        List<String> teacherArchitectures = new ArrayList<>(architectures);
        teacherArchitectures.add(0, "");
        List<SpecField> all = new ArrayList<>(List.of(
                SpecField.of("name", RUN, "Name", SpecField.Type.TEXT, "A short name; the run's folder is "
                        + "<date>-<time>-<name>"),
                SpecField.choice("kind", RUN, "Kind", List.of("transfer", "teacher", "finetune", "socket", "distill"),
                        "transfer: supervision transfer from a frozen RGB teacher to a student of the paired "
                        + "modality; teacher: train an RGB network on the labelled object regions; finetune: train a "
                        + "network for a task on the labelled pairs and score it on the test pairs; socket: adapt a "
                        + "trained RGB source model to the paired modality without the task's source data (SOCKET); "
                        + "distill: a scene classifier of the paired modality learns the labelled train pairs with "
                        + "cross-entropy plus distillation terms against a frozen RGB teacher (KD, hints, attention, "
                        + "RKD, CRD, Xia et al.'s noise filter and CSC) and is scored by accuracy on the test pairs"),
                SpecField.of("data", RUN, "Dataset", SpecField.Type.TEXT, "A dataset folder, NYU Depth v2's .mat "
                        + "file or a folder of video frames"),
                SpecField.choice("modality", RUN, "Student sees", List.of("depth", "flow"), "What the student sees: "
                        + "depth as HHA images, or optical flow as images"),
                SpecField.choice("teacher.source", TEACHER, "Teacher", List.of("", "network", "torchscript", "random"),
                        "network: weights trained here (a file, a run folder, or runs/<name> for the newest finished "
                                + "run of that name); torchscript: an exported .pt; random: an untrained network "
                                + "(tests and demos). Leave empty for a teacher run. A distill run needs network."),
                SpecField.choice("teacher.architecture", TEACHER, "Teacher network", teacherArchitectures,
                        "The teacher network (not needed for TorchScript; a distill run's teacher is the RGB network "
                                + "its weights are of, by default the student's)"),
                SpecField.of("teacher.weights", TEACHER, "Teacher weights", SpecField.Type.TEXT, "A .params file, a run "
                        + "folder, runs/<name>, or a TorchScript .pt. Distill: an RGB network that classifies the "
                        + "dataset's scenes (a finetune run of task scenes on rgb input, as the robust-teacher preset; "
                        + "kd needs its classifier)"),
                SpecField.of("teacher.tap", TEACHER, "Teacher layer", SpecField.Type.TEXT, "The teacher layer whose features "
                        + "the student learns (pool5; distill: where hint and cosine-hint compare)"),
                SpecField.of("teacher.cache", TEACHER, "Cache teacher features", SpecField.Type.BOOLEAN, "Keep the teacher's "
                        + "features on disk so it runs once per pair, crop and flip (needs a crop grid)"),
                SpecField.choice("student.architecture", STUDENT, "Student network", architectures, "The student "
                        + "network (alexnet-small for CPUs; alexnet-pad7 under a VGG teacher)"),
                SpecField.of("student.tap", STUDENT, "Student layer", SpecField.Type.TEXT, "The student layer that is taught "
                        + "(pool5; distill: the layer of hint and cosine-hint)"),
                SpecField.of("student.init", STUDENT, "Student starts from", SpecField.Type.TEXT, "random, or a weights file or "
                        + "run to start from"),
                SpecField.choice("student.weightInit", STUDENT, "Random weights", List.of("kaiming", "caffe"),
                        "How random weights are drawn: kaiming keeps activations at the input's scale (for Adam); "
                                + "caffe draws them as the paper's Caffe models (std 0.01), which its SGD needs"),
                SpecField.choice("adaptation.loss", STUDENT, "Loss normalisation", List.of("per-image", "caffe",
                        "per-element"), "The squared error summed over each feature map and averaged over the "
                        + "batch (per-image), halved as Caffe's EuclideanLoss (caffe), or averaged over every "
                        + "element (per-element, with the paper's SGD; the distill presets' hint)"),
                SpecField.of("objective.terms", STUDENT, "Objective", SpecField.Type.TERMS, "The weighted terms the "
                        + "run minimises, as name = weight, ...; weight 0 switches a term off. Transfer: hint = 1 (the "
                        + "L2 between the student's adapted features and the teacher's). SOCKET (the paper's weights): "
                        + "pseudo-labels = 0.3 (cross-entropy against each image's nearest class centroid of the "
                        + "bottleneck features, refreshed over the target set), information-maximisation = 1 "
                        + "(confident predictions that use every class), bn-statistics = 0.5 (the target batch's "
                        + "mean and variance at every BatchNorm of the backbone against the source's running ones; "
                        + "the first layer counts 10 times), task-irrelevant = 0.5 (the target's features of the "
                        + "paired images of other classes against the source's features of their RGB). " + DistillFields.HELP),
                SpecField.of("socket.source", STUDENT, "Source model", SpecField.Type.TEXT, "SOCKET: the trained RGB "
                        + "source model, a finetune run of resnet18-bottleneck on the task's scene classes (a run "
                        + "folder, a weights file, or runs/<name> for the newest finished run of that name)"),
                SpecField.of("socket.refreshEvery", STUDENT, "Pseudo-labels every", SpecField.Type.INTEGER, "SOCKET: "
                        + "steps between pseudo-label refreshes (0: once per epoch)"),
                SpecField.of("adaptation.matchNorms", STUDENT, "Match norms", SpecField.Type.BOOLEAN, "Scale the "
                        + "teacher's features once, on the first batch (for teachers with large activations)"),
                SpecField.choice("adaptation.matchTo", STUDENT, "Match norms to", List.of("unit", "student"),
                        "unit: the teacher's features to unit mean square; student: to the mean square of the "
                                + "untrained student's"),
                SpecField.choice("optimizer.type", OPTIMISER, "Optimiser", List.of("sgd", "adam"), "SGD with momentum "
                        + "as in the paper, or Adam (the CPU presets)"),
                SpecField.of("optimizer.learningRate", OPTIMISER, "Learning rate", SpecField.Type.NUMBER, "The base "
                        + "learning rate"),
                SpecField.of("optimizer.momentum", OPTIMISER, "Momentum", SpecField.Type.NUMBER, "In [0, 1)"),
                SpecField.of("optimizer.weightDecay", OPTIMISER, "Weight decay", SpecField.Type.NUMBER, "L2 weight "
                        + "decay"),
                SpecField.of("optimizer.nesterov", OPTIMISER, "Nesterov momentum", SpecField.Type.BOOLEAN, "SGD "
                        + "with Nesterov's momentum, as PyTorch computes it (SHOT's and SOCKET's training)"),
                SpecField.of("optimizer.backboneRate", OPTIMISER, "Backbone rate factor",
                        SpecField.Type.OPTIONAL_NUMBER, "The layers up to pool5 learn at this times the rate (SHOT's "
                        + "and SOCKET's 0.1 for a pretrained backbone); blank: the rate itself"),
                SpecField.choice("schedule.decay", OPTIMISER, "Rate decay", List.of("step", "inverse"), "step: "
                        + "times the factor every so many iterations; inverse: (1 + factor x progress)^-power, "
                        + "SOCKET's (factor 10, power 0.75)"),
                SpecField.of("schedule.power", OPTIMISER, "Decay power", SpecField.Type.OPTIONAL_NUMBER, "For the "
                        + "inverse decay (0.75); blank for a step decay"),
                SpecField.of("schedule.stepSize", OPTIMISER, "Rate step every", SpecField.Type.INTEGER, "Multiply the rate "
                        + "by gamma every this many iterations (0: constant)"),
                SpecField.of("schedule.gamma", OPTIMISER, "Rate step factor", SpecField.Type.NUMBER, "The factor of each step"),
                SpecField.of("iterations", TRAINING, "Iterations", SpecField.Type.INTEGER, "Optimiser steps in all"),
                SpecField.of("batchSize", TRAINING, "Batch size", SpecField.Type.INTEGER, "Pairs per step"),
                SpecField.of("inputSize", TRAINING, "Input size", SpecField.Type.INTEGER, "Side of the square crop "
                        + "both networks see, in pixels (113 for alexnet-small, 227 for AlexNet)"),
                SpecField.of("augmentation.randomCrop", TRAINING, "Random crops", SpecField.Type.BOOLEAN, "The same "
                        + "random crop on both images of a pair"),
                SpecField.of("augmentation.flip", TRAINING, "Flips", SpecField.Type.BOOLEAN, "The same random "
                        + "horizontal flip on both images"),
                SpecField.of("augmentation.cropGrid", TRAINING, "Crop grid", SpecField.Type.INTEGER, "Crops from an "
                        + "N x N grid of positions (needed by the feature cache); 0: anywhere"),
                SpecField.choice("augmentation.crops", TRAINING, "Transfer on", List.of("image", "regions"),
                        "image: crops of whole images; regions: object proposals warped to the input size"),
                SpecField.of("augmentation.proposals", TRAINING, "Proposals per image", SpecField.Type.INTEGER,
                        "For transfer on regions: how many of each image's best proposals are drawn from"),
                SpecField.of("seed", TRAINING, "Seed", SpecField.Type.LONG, "The same seed gives the same run"),
                SpecField.choice(DEVICE_KEY, DEVICE, "Device", List.of("auto", "cpu"), "auto: the first GPU when "
                        + "there is one, else the CPU; gpu:all: a transfer run shares each step over every GPU"),
                SpecField.of("threads", DEVICE, "CPU threads", SpecField.Type.INTEGER, "Threads of the engine on the "
                        + "CPU (0: all cores)"),
                SpecField.of("checkpointEvery", RECORDS, "Checkpoint every", SpecField.Type.INTEGER, "Iterations "
                        + "between checkpoints (0: about 20 per run)"),
                SpecField.of("logEvery", RECORDS, "Log every", SpecField.Type.INTEGER, "Iterations between rows of "
                        + "metrics.csv"),
                SpecField.of("filterSnapshots", RECORDS, "Filter pictures at", SpecField.Type.STEPS, "Steps at which "
                        + "conv1 is drawn to filters/, e.g. 50, 100, 200 (always at 0 and the end)")));
        // the fine-tuning settings before the optimiser's, the encoding's after the seed, the distill run's own
        // settings after SOCKET's
        all.addAll(indexOf(all, "optimizer.type"), FinetuneFields.fields());
        all.addAll(1 + indexOf(all, "seed"), EncodingFields.fields()); // then the device's
        all.addAll(1 + indexOf(all, "socket.refreshEvery"), DistillFields.fields());
        return List.copyOf(all);
    }

    static <E extends Enum<E> & Identified> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Identified::id).toList();
    }

    /**
     * Whether a field means anything for a run of {@code kind}: the teacher, the adaptation and transfer's own crops
     * for transfer runs, the fine-tuning fields for fine-tuning runs; every other field for every kind. The form shows
     * only these, so that a teacher or fine-tuning run is not offered settings it ignores.
     */
    public static boolean appliesTo(SpecField field, String kind, String modality) {
        String k = field.key();
        if (field.category().equals(ENCODING)) {
            // a teacher trains on RGB only; the other kinds read the paired modality as the encoding says
            boolean depth = !"flow".equals(modality);
            return !"teacher".equals(kind) && (k.startsWith(DEPTH_ENCODING) ? depth : !depth);
        }
        if (k.startsWith("socket.")) {
            return "socket".equals(kind);
        }
        boolean distill = "distill".equals(kind);
        if (k.startsWith(DISTILL_PREFIX)) {
            return distill;
        }
        if (k.startsWith("objective.")) {
            return "transfer".equals(kind) || "socket".equals(kind) || distill;
        }
        if (k.equals("optimizer.backboneRate")) {
            return "finetune".equals(kind) || "socket".equals(kind);
        }
        // a distill run's teacher (its features computed once, in memory), its hint's layer and normalisation
        if (distill && ((field.category().equals(TEACHER) && !k.equals("teacher.cache"))
                || k.equals("student.tap") || k.equals("adaptation.loss"))) {
            return true;
        }
        // a distill run warps whole images to the input size, without crops or flips
        if (distill && k.startsWith("augmentation.")) {
            return false;
        }
        boolean transferOnly = field.category().equals(TEACHER) || k.startsWith("adaptation.")
                || k.equals("student.tap") || k.equals("augmentation.crops") || k.equals("augmentation.proposals")
                || k.equals("augmentation.cropGrid");
        if (transferOnly) {
            return "transfer".equals(kind);
        }
        return !field.category().equals(FINETUNE) || "finetune".equals(kind);
    }

    /** The field values of a spec, by key. */
    public static Map<String, Object> values(RunSpec spec) {
        return values(Json.MAPPER.valueToTree(spec), fields());
    }

    /** The values of the encoding fields for {@code encoding}, by key (every one of them). */
    public static Map<String, Object> encodingValues(Encoding encoding) {
        ObjectNode tree = Json.MAPPER.createObjectNode();
        tree.set("encoding", Json.MAPPER.valueToTree(encoding));
        return values(tree, fields().stream().filter(f -> f.category().equals(ENCODING)).toList());
    }

    private static Map<String, Object> values(JsonNode tree, List<SpecField> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SpecField f : fields) {
            JsonNode n = at(tree, f.key());
            out.put(f.key(), n == null || n.isNull() ? f.blank() : switch (f.type()) {
                case TEXT, CHOICE -> n.asText();
                case INTEGER -> n.asInt();
                case LONG -> n.asLong();
                case NUMBER -> n.asDouble();
                case BOOLEAN -> n.asBoolean();
                case STEPS -> steps(n);
                case STAGES -> stages(n);
                case OPTIONAL_NUMBER -> n.asText();
                case TERMS -> terms(n);
                case NAMES -> steps(n);
            });
        }
        return out;
    }

    /**
     * The spec the values make, validated as the engine validates it.
     *
     * @throws IllegalArgumentException naming the field and what is wrong
     */
    public static RunSpec build(Map<String, Object> values) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (SpecField f : fields()) {
            Object v = values.get(f.key());
            if (v == null || (v instanceof String s && s.isBlank())) {
                continue;
            }
            String[] path = f.key().split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
            }
            String leaf = path[path.length - 1];
            switch (f.type()) {
                case TEXT, CHOICE -> parent.put(leaf, ((String) v).trim());
                case INTEGER -> parent.put(leaf, ((Number) v).intValue());
                case LONG -> parent.put(leaf, ((Number) v).longValue());
                case NUMBER -> parent.put(leaf, ((Number) v).doubleValue());
                case BOOLEAN -> parent.put(leaf, (Boolean) v);
                case STEPS -> {
                    ArrayNode a = parent.putArray(leaf);
                    parseSteps(f.label(), (String) v).forEach(a::add);
                }
                case STAGES -> parent.set(leaf, Json.MAPPER.valueToTree(Encoding.GravityStage.parseList((String) v,
                        f.label())));
                case OPTIONAL_NUMBER -> parent.put(leaf, parseNumber(f.label(), (String) v));
                case TERMS -> parent.set(leaf, parseTerms(f.label(), (String) v));
                case NAMES -> {
                    ArrayNode a = parent.putArray(leaf);
                    for (String name : ((String) v).split("[,\\s]+")) {
                        if (!name.isBlank()) {
                            a.add(name.trim());
                        }
                    }
                }
            }
        }
        JsonNode depth = root.path("encoding").path("depth");
        if (depth instanceof ObjectNode d && !"explicit".equals(d.path("camera").asText())) {
            d.remove("intrinsics"); // read only for an explicit camera
        }
        if (!root.path("teacher").has("source")) {
            root.remove("teacher");
        }
        if (!"finetune".equals(root.path("kind").asText())) {
            root.remove("finetune"); // the fine-tuning fields belong to fine-tuning runs only
        }
        if (!"socket".equals(root.path("kind").asText())) {
            root.remove("socket");
        }
        String kind = root.path("kind").asText("transfer");
        if (!kind.equals("distill")) {
            root.remove("distill"); // a distill run's own settings
        }
        if (!kind.equals("transfer") && !kind.equals("socket") && !kind.equals("distill")) {
            root.remove("objective"); // teacher and fine-tuning runs train with cross-entropy
        }
        try {
            return Json.MAPPER.treeToValue(root, RunSpec.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    static List<Integer> parseSteps(String label, String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(label + ": '" + part + "' is not a step (give steps as 50, 100, 200)");
            }
        }
        return out;
    }

    private static double parseNumber(String label, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + ": '" + text.trim() + "' is not a number (leave it blank for "
                    + "the dataset's own)");
        }
    }

    /**
     * The objective a run of {@code kind} starts from in the form, as the form shows it: SOCKET's four terms at the
     * paper's weights for a socket run, the hint for a transfer run, Xia et al.'s robust distillation for a distill
     * run; empty for kinds without an objective.
     */
    public static java.util.Optional<String> defaultTerms(String kind) {
        Objective o = switch (kind == null ? "" : kind) {
            case "socket" -> Objective.socket();
            case "transfer" -> Objective.transfer();
            case "distill" -> Objective.robust();
            default -> null;
        };
        return o == null ? java.util.Optional.empty()
                : java.util.Optional.of(terms(Json.MAPPER.valueToTree(o).path("terms")));
    }

    /**
     * Whether the terms typed in the form are all terms a run of {@code kind} computes (blank: the engine's default,
     * which fits), and for a distill run include its cross-entropy (a transfer's hint alone is no classifier's
     * objective); text that does not parse is left to the validation to name.
     */
    public static boolean termsFit(String kind, String text) {
        List<String> known = switch (kind == null ? "" : kind) {
            case "socket" -> Objective.SOCKET_TERMS;
            case "transfer" -> List.of(Objective.HINT);
            case "distill" -> Objective.DISTILL_TERMS;
            default -> null;
        };
        if (known == null || text == null || text.isBlank()) {
            return true;
        }
        try {
            boolean ce = false;
            for (JsonNode t : parseTerms("Objective", text)) {
                if (!known.contains(t.path("name").asText())) {
                    return false;
                }
                ce |= t.path("name").asText().equals(Objective.CE);
            }
            return ce || !"distill".equals(kind);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** The values of a distill run's own fields ({@code distill.*}) for {@code settings}, by key. */
    public static Map<String, Object> distillValues(Distill settings) {
        ObjectNode tree = Json.MAPPER.createObjectNode();
        tree.set("distill", Json.MAPPER.valueToTree(settings));
        return values(tree, fields().stream().filter(f -> f.key().startsWith(DISTILL_PREFIX)).toList());
    }

    /** An objective's terms as the form shows them: "hint = 1, task-irrelevant = 0.5". */
    private static String terms(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(t -> out.add(t.path("name").asText() + " = " + number(t.path("weight").asDouble())));
        return String.join(", ", out);
    }

    private static ArrayNode parseTerms(String label, String text) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] nw = part.split("=");
            try {
                if (nw.length != 2 || nw[0].isBlank()) {
                    throw new NumberFormatException(part);
                }
                out.addObject().put("name", nw[0].trim()).put("weight", Double.parseDouble(nw[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(label + ": '" + part.trim() + "' is not a term (give each as "
                        + "name = weight: hint = 1)");
            }
        }
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String stages(JsonNode n) {
        try {
            return Encoding.GravityStage.format(List.of(Json.MAPPER.treeToValue(n, Encoding.GravityStage[].class)));
        } catch (JsonProcessingException e) {
            return n.toString();
        }
    }

    private static String steps(JsonNode n) {
        List<String> s = new ArrayList<>();
        n.forEach(v -> s.add(v.asText()));
        return String.join(", ", s);
    }

    /** The node at a dotted path, or null. */
    static JsonNode at(JsonNode tree, String key) {
        JsonNode n = tree;
        for (String part : key.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }
}
