package org.xmodal.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;

/**
 * Clip accuracy and clip AP worked out by hand. Three clips over classes a, b, c (no clip is of c):
 * <pre>
 * clip  class  frames (a, b, c)                                  mean (a, b, c)          predicted
 * c1    a      (.6 .3 .1) (.2 .7 .1) (.5 .1 .4)                  (1.3/3, 1.1/3, .6/3)    a  right
 * c2    b      (.5 .4 .1) (.45 .35 .2) (0 1 0)                   (.95/3, 1.75/3, .3/3)   b  right
 * c3    a      (.1 .6 .3) (.5 .3 .2)                             (.3, .45, .25)          b  wrong
 * </pre>
 * Frame by frame the argmax says a, b, a | a, a, b | b, a: c2's frames would vote a, its mean says b. Clip accuracy
 * 2/3; a: 1/2, b: 1/1. AP of a ranks c1 (.433, a), c2 (.317, not a), c3 (.3, a): precision 1, 1/2, 2/3 at recall
 * 1/2, 1/2, 1, so AP = 1/2 * 1 + 1/2 * 2/3 = 5/6. AP of b ranks c2 (.583, b) first: 1. c has no clip: no AP, and
 * mAP = (5/6 + 1) / 2 = 11/12.
 */
class ClipAccuracyTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    private static Pair frame(String id, String cls) {
        return new Pair(id, 0, Split.TEST, true, new PairAnnotation(cls, List.of(), null), "frames/" + id, null);
    }

    private static final List<Pair> FRAMES = List.of(frame("c1-f00", "a"), frame("c2-f00", "b"), frame("c1-f01", "a"),
            frame("c3-f00", "a"), frame("c2-f01", "b"), frame("c1-f02", "a"), frame("c2-f02", "b"),
            frame("c3-f01", "a"));
    private static final double[][] SCORES = {
        {0.6, 0.3, 0.1}, {0.5, 0.4, 0.1}, {0.2, 0.7, 0.1},
        {0.1, 0.6, 0.3}, {0.45, 0.35, 0.2}, {0.5, 0.1, 0.4}, {0.0, 1.0, 0.0},
        {0.5, 0.3, 0.2},
    };

    @Test
    void averagesEachClipsFramesAndScoresTheClips() throws Exception {
        ClipAccuracy.Evaluation e = ClipAccuracy.evaluate(FRAMES, SCORES, CLASSES);
        ClipAccuracy r = e.accuracy();
        assertEquals(3, r.clips());
        assertEquals(8, r.frames());
        assertEquals(2 / 3.0, r.accuracy(), 1e-12);
        assertEquals(Map.of("a", 0.5, "b", 1.0), r.perClass(), "c has no test clip");
        assertEquals(5 / 6.0, r.apPerClass().get("a"), 1e-12);
        assertEquals(1.0, r.apPerClass().get("b"), 1e-12);
        assertTrue(r.apPerClass().get("c").isNaN());
        assertEquals(List.of("a", "b", "c"), List.copyOf(r.apPerClass().keySet()));
        assertEquals(11 / 12.0, r.mAP(), 1e-12);
        // the same AP as a detection result, for what reads a fine-tuning run's AP
        assertEquals(r.apPerClass(), e.ranking().apPerClass());
        assertEquals(r.mAP(), e.ranking().mAP());
        assertEquals(3, e.ranking().curves().get("a").recall().length, "the three clips ranked for a");
    }

    @Test
    void theFramesArgmaxAloneWouldScoreDifferently() throws Exception {
        // every frame a clip of its own: 4 of the 8 frames are right, not 2 of 3 clips
        List<Pair> single = new ArrayList<>();
        for (Pair p : FRAMES) {
            single.add(frame(p.id().replace("-f", "-g"), p.annotation().scene().orElseThrow()));
        }
        ClipAccuracy r = ClipAccuracy.evaluate(single, SCORES, CLASSES).accuracy();
        assertEquals(8, r.clips());
        assertEquals(0.5, r.accuracy(), 1e-12);
    }

    @Test
    void aClipWhoseFramesDisagreeIsRefusedByName() {
        List<Pair> frames = new ArrayList<>(FRAMES);
        frames.set(6, frame("c2-f02", "a"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> ClipAccuracy.evaluate(frames, SCORES, CLASSES));
        assertTrue(e.getMessage().contains("clip c2 mixes classes"), e.getMessage());
        assertTrue(e.getMessage().contains("c2-f02 is a"), e.getMessage());
        assertEquals("frames/c2-f00", e.location());
    }

    @Test
    void scoresThatDoNotFitTheFramesOrClassesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ClipAccuracy.evaluate(FRAMES.subList(0, 7), SCORES, CLASSES));
        assertThrows(IllegalArgumentException.class,
                () -> ClipAccuracy.evaluate(FRAMES, SCORES, List.of("a", "b")));
        List<Pair> unknown = new ArrayList<>(FRAMES);
        unknown.replaceAll(p -> p.id().startsWith("c3") ? frame(p.id(), "d") : p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClipAccuracy.evaluate(unknown, SCORES, CLASSES));
        assertTrue(e.getMessage().contains("c3"), e.getMessage());
    }

    @Test
    void roundTripsThroughJsonWithNullForAClassWithoutClips() throws Exception {
        ClipAccuracy r = ClipAccuracy.evaluate(FRAMES, SCORES, CLASSES).accuracy();
        String json = Json.MAPPER.writeValueAsString(r);
        assertTrue(json.contains("\"c\" : null"), json);
        ClipAccuracy back = Json.MAPPER.readValue(json, ClipAccuracy.class);
        assertEquals(r.accuracy(), back.accuracy());
        assertEquals(r.perClass(), back.perClass());
        assertTrue(back.apPerClass().get("c").isNaN());
        assertEquals(r.apPerClass().get("a"), back.apPerClass().get("a"));
        assertEquals(3, back.clips());
    }
}
