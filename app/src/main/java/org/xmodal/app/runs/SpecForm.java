package org.xmodal.app.runs;

import org.xmodal.engine.run.Distill;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.json.Identified;
import org.xmodal.engine.json.Json;
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
    private static final List<SpecField> FIELDS = makeFields();

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

    /** Every field of the form, in the order it shows them; the same list for every call. */
    public static List<SpecField> fields() {
        return FIELDS;
    }

    private static List<SpecField> makeFields() {
        List<SpecField> all = new ArrayList<>(RunFields.fields());
        // the distill run's own settings after SOCKET's, the fine-tuning settings before the optimiser's, the
        // encoding's after the seed
        all.addAll(1 + indexOf(all, "socket.refreshEvery"), DistillFields.fields());
        all.addAll(FinetuneFields.fields());
        all.addAll(TrainingFields.optimiser());
        all.addAll(TrainingFields.training());
        all.addAll(EncodingFields.fields());
        all.addAll(TrainingFields.device());
        all.addAll(TrainingFields.records());
        return List.copyOf(all);
    }

    /** A field by its key. */
    static SpecField field(String key) {
        return FIELDS.get(indexOf(FIELDS, key));
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
        // a teacher run trains on RGB only: no paired modality, no encoding of it
        if (k.equals("modality")) {
            return !"teacher".equals(kind);
        }
        // only a student starts from weights of its own; a fine-tuning run's network starts from finetune.init
        if (k.equals("student.init")) {
            return "transfer".equals(kind) || "distill".equals(kind);
        }
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
     * Reads the workbench's presets and turns each into the form's values, back into a spec and into JSON, off the FX
     * thread and once: the form's first preset and its first start spent 60-90 ms of one pulse each in the JSON
     * library building its readers and writers of a run's spec. Whatever fails here is said when the form uses it.
     */
    public static void warmUp() {
        java.util.Optional<java.nio.file.Path> root = Presets.workbenchRoot();
        if (root.isEmpty()) {
            return; // no workbench folder: the form has no presets either
        }
        List<Presets.Preset> presets;
        try {
            presets = Presets.list(root.get());
        } catch (IOException e) {
            return; // the form says why the presets cannot be listed
        }
        for (Presets.Preset p : presets) {
            try {
                Json.MAPPER.writeValueAsString(build(values(Presets.read(p))));
            } catch (IOException | RuntimeException e) {
                // an unreadable or invalid preset (the next one may warm the readers): the form names it when chosen
            }
        }
    }

    /**
     * The spec the values make, validated as the engine validates it.
     *
     * @throws IllegalArgumentException naming the field and what is wrong
     */
    public static RunSpec build(Map<String, Object> values) {
        String kind = values.get("kind") instanceof String k && !k.isBlank() ? k.trim() : "transfer";
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
                    parseSteps(f.label(kind), (String) v).forEach(a::add);
                }
                case STAGES -> parent.set(leaf, Json.MAPPER.valueToTree(Encoding.GravityStage.parseList((String) v,
                        f.label(kind))));
                case OPTIONAL_NUMBER -> parent.put(leaf, parseNumber(f.label(kind), (String) v));
                case TERMS -> parent.set(leaf, parseTerms(f.label(kind), (String) v));
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
        if (!kind.equals("transfer") && !kind.equals("distill") && root.path("student") instanceof ObjectNode st) {
            st.remove("init"); // only a student starts from weights of its own (finetune.init is the others')
        }
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
            throw new IllegalArgumentException(FormWords.of(cause.getMessage(), kind), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(FormWords.of(e.getOriginalMessage(), kind), e);
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
