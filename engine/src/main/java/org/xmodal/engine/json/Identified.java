package org.xmodal.engine.json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A choice that specs, manifests and the command line name by a lower-case id ({@code brox}, {@code floor-plane},
 * {@code caffe}): one way to parse them, case-insensitively, with one message that lists what exists.
 */
public interface Identified {
    /** The id, which is also how JSON writes the value (each enum reads it back with a {@code @JsonCreator}). */
    @JsonValue
    String id();

    /** A text that is none of a type's ids; {@link UserJson} rewrites the message with the field's path. */
    final class UnknownId extends IllegalArgumentException {
        private final String text;
        private final String expected;

        UnknownId(String what, String text, String expected) {
            super(what + " must be " + expected + ", not '" + text + "'");
            this.text = text;
            this.expected = expected;
        }

        /** The same problem said of {@code field}. */
        public String forField(String field) {
            return field + " must be " + expected + ", not '" + text + "'";
        }
    }

    /**
     * The value of {@code type} whose id is {@code text}.
     *
     * @param what what the value is, for the message ("flow method", "student.weightInit")
     * @throws UnknownId naming the text and every id that exists
     */
    static <E extends Enum<E> & Identified> E parse(Class<E> type, String text, String what) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        E[] values = type.getEnumConstants();
        for (E v : values) {
            if (v.id().equals(t)) {
                return v;
            }
        }
        List<String> ids = Arrays.stream(values).map(Identified::id).toList();
        String expected = ids.size() == 1 ? ids.get(0) : String.join(", ", ids.subList(0, ids.size() - 1)) + " or "
                + ids.get(ids.size() - 1);
        throw new UnknownId(what, text, expected);
    }
}
