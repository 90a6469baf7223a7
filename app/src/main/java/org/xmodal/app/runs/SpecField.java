package org.xmodal.app.runs;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One field of a run spec as the run form shows it: its dotted path in spec.json ({@code optimizer.learningRate}),
 * the group it is shown in, a label, a help text (the field's tooltip) and the kind of value it takes. A field that
 * means another thing to some kinds of run has their own label there ({@code student.architecture} is the "Student
 * network" of a transfer run but the "Network" of a teacher run, which has no student): the form, its messages and
 * a comparison of two runs of that kind all use it.
 */
public record SpecField(String key, String category, String label, String help, Type type, List<String> choices,
                        Map<String, String> labelByKind) {
    /**
     * How a field is edited and stored. STEPS: a list of steps ("50, 100"); STAGES: gravity stages ("45 x 5, 15 x 5");
     * OPTIONAL_NUMBER: a number that may be left blank (for "the dataset's own"); TERMS: an objective's weighted
     * terms ("hint = 1"); NAMES: a list of names ("layer2, layer3"), blank for the engine's default.
     */
    public enum Type { TEXT, INTEGER, LONG, NUMBER, BOOLEAN, CHOICE, STEPS, STAGES, OPTIONAL_NUMBER, TERMS, NAMES }

    public SpecField {
        choices = List.copyOf(choices);
        labelByKind = Map.copyOf(labelByKind);
    }

    static SpecField of(String key, String category, String label, Type type, String help) {
        return new SpecField(key, category, label, help, type, List.of(), Map.of());
    }

    static SpecField choice(String key, String category, String label, List<String> choices, String help) {
        return new SpecField(key, category, label, help, Type.CHOICE, choices, Map.of());
    }

    /** The same field called {@code kindLabel} in the form of a run of each of {@code kinds}. */
    SpecField calledFor(String kindLabel, String... kinds) {
        Map<String, String> labels = new LinkedHashMap<>(labelByKind);
        for (String k : kinds) {
            labels.put(k, kindLabel);
        }
        return new SpecField(key, category, label, help, type, choices, labels);
    }

    /** The field's label in the form of a run of {@code kind} (its own label when the kind has none of its own). */
    public String label(String kind) {
        return kind == null ? label : labelByKind.getOrDefault(kind, label);
    }

    /** The value of a blank field of this type. */
    public Object blank() {
        return switch (type) {
            case TEXT, CHOICE, STEPS, STAGES, OPTIONAL_NUMBER, TERMS, NAMES -> "";
            case INTEGER -> 0;
            case LONG -> 0L;
            case NUMBER -> 0.0;
            case BOOLEAN -> false;
        };
    }

    /** Text typed in a number field as a number of this field's type, or null when it is none (or not finite). */
    public Object parse(String text) {
        String s = text == null ? "" : text.trim();
        try {
            return switch (type) {
                case INTEGER -> Integer.parseInt(s);
                case LONG -> Long.parseLong(s);
                default -> {
                    double d = Double.parseDouble(s.toLowerCase(Locale.ROOT));
                    yield Double.isFinite(d) ? d : null;
                }
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A value as its field shows it: whole numbers as themselves, reals without an exponent or trailing zeros. */
    public static String format(Object v) {
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    /** The Java type of the value, for editors. */
    public Class<?> valueType() {
        return blank().getClass();
    }
}
