package org.xmodal.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClipsTest {
    @Test
    void readsTheClipFromEitherKindOfId() {
        assertEquals("walk/v_walk_g01_c02", Clips.of("walk/v_walk_g01_c02/f000123"));
        assertEquals("seq-0003", Clips.of("seq-0003-f02"));
        assertEquals("clip-0012", Clips.of("clip-0012-f00"));
        assertEquals("scene-000004", Clips.of("scene-000004"), "an id without a frame is a clip of its own");
        assertEquals("-f01", Clips.of("-f01"), "an id that is only a frame suffix stays itself");
        assertEquals("a-f1x", Clips.of("a-f1x"));
    }

    @Test
    void groupsPairsByClipInOrder() {
        List<Pair> pairs = List.of(pair("b-f00"), pair("a-f00"), pair("b-f01"), pair("c"));
        var groups = Clips.group(pairs);
        assertEquals(List.of("b", "a", "c"), List.copyOf(groups.keySet()));
        assertEquals(List.of("b-f00", "b-f01"), groups.get("b").stream().map(Pair::id).toList());
    }

    private static Pair pair(String id) {
        return new Pair(id, 0, Split.TRAIN, true, PairAnnotation.NONE, id, null);
    }
}
