package org.xmodal.engine.json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A choice that specs, manifests and the command line name by a lower-case id ({@code brox}, {@code floor-plane},
 * {@code caffe}): one way to parse them, case-insensitively, with one message that lists what exists.
 */
public interface Identified {
    String id();

    /**
     * The value of {@code type} whose id is {@code text}.
     *
     * @param what what the value is, for the message ("flow method", "student.weightInit")
     * @throws IllegalArgumentException naming the text and every id that exists
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
        throw new IllegalArgumentException("unknown " + what + " '" + text + "' (expected " + expected + ")");
    }
}
