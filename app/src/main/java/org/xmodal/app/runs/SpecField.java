package org.xmodal.app.runs;

import java.util.List;

/**
 * One field of a run spec as the run form shows it: its dotted path in spec.json ({@code optimizer.learningRate}),
 * the group it is shown in, a label, a help text and the kind of value it takes.
 */
public record SpecField(String key, String category, String label, String help, Type type, List<String> choices) {
    /**
     * How a field is edited and stored. STEPS: a list of steps ("50, 100"); STAGES: gravity stages ("45 x 5, 15 x 5");
     * OPTIONAL_NUMBER: a number that may be left blank (for "the dataset's own"); TERMS: an objective's weighted
     * terms ("hint = 1"); NAMES: a list of names ("layer2, layer3"), blank for the engine's default.
     */
    public enum Type { TEXT, INTEGER, LONG, NUMBER, BOOLEAN, CHOICE, STEPS, STAGES, OPTIONAL_NUMBER, TERMS, NAMES }

    public SpecField {
        choices = List.copyOf(choices);
    }

    static SpecField of(String key, String category, String label, Type type, String help) {
        return new SpecField(key, category, label, help, type, List.of());
    }

    static SpecField choice(String key, String category, String label, List<String> choices, String help) {
        return new SpecField(key, category, label, help, Type.CHOICE, choices);
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

    /** The Java type of the value, for editors. */
    public Class<?> valueType() {
        return blank().getClass();
    }
}
