package org.xmodal.engine.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.xmodal.engine.image.BadInputException;

/**
 * Reads files people write by hand (run specs, presets, dataset manifests and annotations) strictly: an unknown
 * field or a value of the wrong JSON type is refused in one line naming the file and the field, instead of being
 * ignored or coerced. Files the engine writes and reads back stay with the tolerant {@link Json#MAPPER}, so a run
 * folder written by a newer version still opens.
 */
public final class UserJson {
    public static final ObjectMapper STRICT = strict();

    private UserJson() {
    }

    private static ObjectMapper strict() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // "32" for a number, 1 for a boolean or a text: refused rather than guessed at (1 for 1.0 stays fine)
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return m;
    }

    /**
     * Reads {@code file} as {@code type}; {@code what} names the kind of file in messages ("run spec").
     *
     * @throws BadInputException naming the file, the field path and what is wrong with it
     */
    public static <T> T read(Path file, Class<T> type, String what) throws BadInputException {
        try {
            return STRICT.readValue(file.toFile(), type);
        } catch (UnrecognizedPropertyException e) {
            String field = e.getPropertyName();
            String nearest = nearest(field, e.getKnownPropertyIds());
            throw new BadInputException(file.toString(), "unknown field \"" + path(e) + "\" in this " + what
                    + (nearest == null ? "" : "; did you mean \"" + nearest + "\"?"), e);
        } catch (ValueInstantiationException e) {
            // Records are built before their unknown fields are looked at, so a misspelt field ("iterationz") first
            // shows as its missing twin failing validation; the misspelling is the one to name
            String[] unknown = unknownField(file, type);
            if (unknown != null) {
                throw new BadInputException(file.toString(), "unknown field \"" + unknown[0] + "\" in this " + what
                        + (unknown[1] == null ? "" : "; did you mean \"" + unknown[1] + "\"?"), e);
            }
            if (e.getCause() instanceof Identified.UnknownId unknownId && !e.getPath().isEmpty()) {
                throw new BadInputException(file.toString(), unknownId.forField(path(e)), e);
            }
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new BadInputException(file.toString(), "is not a valid " + what + ": " + why, e);
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new BadInputException(file.toString(), "is not a valid " + what + " (" + firstSentence(e)
                        + ")", e);
            }
            throw new BadInputException(file.toString(), "field \"" + path(e) + "\" " + expected(e)
                    + " (line " + line(e) + ")", e);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file.toString(), "is not a valid " + what + ": not JSON (" + firstSentence(e) + " at line "
                    + line(e) + ")", e);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The first field of {@code file} that {@code type} (and the objects and lists of objects it holds) does not
     * know, as its path and the nearest known name (or null), or null when every field is known.
     */
    private static String[] unknownField(Path file, Class<?> type) {
        try {
            return unknownField(STRICT.readTree(file.toFile()), STRICT.constructType(type), "");
        } catch (IOException e) {
            return null;
        }
    }

    private static String[] unknownField(JsonNode node, JavaType type, String path) {
        if (node == null || type == null) {
            return null;
        }
        if (node.isArray() && type.isCollectionLikeType()) {
            for (int i = 0; i < node.size(); i++) {
                String[] found = unknownField(node.get(i), type.getContentType(), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject() || type.isContainerType() || type.isPrimitive() || type.isEnumType()
                || type.getRawClass().getName().startsWith("java.")) {
            return null;
        }
        Map<String, JavaType> known = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : STRICT.getDeserializationConfig().introspect(type).findProperties()) {
            known.put(p.getName(), p.getPrimaryType());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String at = path.isEmpty() ? name : path + "." + name;
            if (!known.containsKey(name)) {
                return new String[] {at, nearest(name, new ArrayList<>(known.keySet()))};
            }
            String[] found = unknownField(node.get(name), known.get(name), at);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The field path as a user writes it: {@code optimizer.lr}, {@code pairs[3].split}. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        String kind;
        if (t == null) {
            kind = null;
        } else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            kind = "a whole number";
        } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            kind = "a number";
        } else if (t == boolean.class || t == Boolean.class) {
            kind = "true or false";
        } else if (t == String.class) {
            kind = "a text in quotes";
        } else if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            kind = "a list [...]";
        } else {
            kind = "an object {...}";
        }
        return kind == null ? "has the wrong type (" + firstSentence(e) + ")"
                : "must be " + kind + ", not " + given(e);
    }

    /** What the file holds at the failing field, as read from the parser's current token. */
    private static String given(MismatchedInputException e) {
        if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p && p.currentToken() != null) {
            try {
                return switch (p.currentToken()) {
                    case VALUE_STRING -> "the text \"" + p.getText() + "\"";
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
                    case VALUE_TRUE, VALUE_FALSE -> p.getText();
                    case VALUE_NULL -> "null";
                    case START_ARRAY -> "a list";
                    case START_OBJECT -> "an object";
                    default -> p.currentToken().asString() == null ? "this value" : p.currentToken().asString();
                };
            } catch (IOException ignored) {
                // fall through to the generic wording
            }
        }
        return "this value";
    }

    private static String firstSentence(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr());
    }

    /** The known name closest to {@code name} by edit distance, or null when none is close enough to suggest. */
    static String nearest(String name, Collection<Object> known) {
        if (name == null || known == null) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known.stream().map(String::valueOf).sorted().collect(Collectors.toList())) {
            int d = levenshtein(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // a suggestion that shares less than half the name is noise
        return best != null && bestDistance <= Math.max(2, name.length() / 2) ? best : null;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
