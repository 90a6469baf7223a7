package org.xmodal.app.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.run.RunSpec;

/**
 * Two runs' specs compared field by field (nested fields as dotted paths, lists as one value), whatever their kind:
 * what differs first, then what they share. Read as JSON trees, so fields of a newer engine compare too.
 */
public final class SpecDiff {
    /** One field: its value in each spec ("" when absent there). */
    public record Row(String field, String left, String right) {
        public boolean differs() {
            return !left.equals(right);
        }
    }

    /** The run form's fields, by their dotted path. */
    private static final Map<String, SpecField> FIELDS = new LinkedHashMap<>();

    static {
        SpecForm.fields().forEach(f -> FIELDS.putIfAbsent(f.key(), f));
    }

    private SpecDiff() {
    }

    /** A field in the run form's words ("Teacher layer" for teacher.tap); its dotted path when the form lacks it. */
    public static String label(String field) {
        return label(field, null);
    }

    /**
     * A field as the form of a run of {@code kind} calls it ("Network" for a teacher run's student.architecture, which
     * trains no student); with a null kind (two runs of different kinds) the field's own label.
     */
    public static String label(String field, String kind) {
        SpecField f = FIELDS.get(field);
        return f == null ? field : f.label(kind);
    }

    /** The kind both runs of a comparison are of, or null when they differ. */
    public static String sharedKind(List<Row> rows) {
        return rows.stream().filter(r -> r.field().equals("kind") && !r.differs()).map(Row::left).findFirst()
                .orElse(null);
    }

    /** Two spec files compared with every default filled in (see {@link #withDefaults}). */
    public static List<Row> between(Path leftSpec, Path rightSpec) throws IOException {
        return between(withDefaults(Json.MAPPER.readTree(leftSpec.toFile())),
                withDefaults(Json.MAPPER.readTree(rightSpec.toFile())));
    }

    /**
     * A spec's tree with what this engine fills in for missing fields added (the encoding an older spec did not
     * write, say), so that two runs trained on the same input compare equal there; fields this engine does not
     * know stay as they are. A tree that is not a valid spec is returned unchanged.
     */
    static JsonNode withDefaults(JsonNode spec) {
        try {
            JsonNode resolved = Json.MAPPER.valueToTree(Json.MAPPER.treeToValue(spec, RunSpec.class));
            JsonNode out = spec.deepCopy();
            fillMissing(out, resolved);
            return out;
        } catch (IOException | IllegalArgumentException e) {
            return spec;
        }
    }

    private static void fillMissing(JsonNode target, JsonNode from) {
        if (!(target instanceof ObjectNode t) || !from.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = t.get(e.getKey());
            if (mine == null || mine.isNull()) {
                if (!e.getValue().isNull()) {
                    t.set(e.getKey(), e.getValue());
                }
            } else {
                fillMissing(mine, e.getValue());
            }
        }
    }

    /** Differing fields first, each group in the order the fields first appear. */
    public static List<Row> between(JsonNode left, JsonNode right) {
        Map<String, String> a = flatten(left);
        Map<String, String> b = flatten(right);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Row> differ = new ArrayList<>();
        List<Row> same = new ArrayList<>();
        for (String k : keys) {
            Row r = new Row(k, a.getOrDefault(k, ""), b.getOrDefault(k, ""));
            (r.differs() ? differ : same).add(r);
        }
        differ.addAll(same);
        return differ;
    }

    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
            out.put(prefix, "[" + String.join(", ", items) + "]");
        } else {
            out.put(prefix, Objects.toString(node.asText()));
        }
    }
}
