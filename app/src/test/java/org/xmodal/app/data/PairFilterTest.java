package org.xmodal.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;

class PairFilterTest {
    private static Pair pair(String id, Split split, boolean labelled, String scene, String... objects) {
        List<ObjectAnnotation> objs = java.util.Arrays.stream(objects)
                .map(c -> new ObjectAnnotation(c, new Box(0, 0, 5, 5), 0)).toList();
        return new Pair(id, 0, split, labelled, new PairAnnotation(scene, objs, null), id, null);
    }

    private static final List<Pair> PAIRS = List.of(
            pair("a", Split.TRAIN, false, "bedroom", "bed", "pillow"),
            pair("b", Split.TRAIN, true, "office", "chair", "desk"),
            pair("c", Split.TEST, true, "bedroom", "chair"),
            pair("d", Split.TEST, true, null));

    private static List<String> ids(PairFilter f) {
        return PAIRS.stream().filter(f).map(Pair::id).toList();
    }

    @Test
    void everythingPassesTheEmptyFilter() {
        assertEquals(List.of("a", "b", "c", "d"), ids(PairFilter.ALL));
    }

    @Test
    void splitFilterKeepsOneSplit() {
        assertEquals(List.of("c", "d"), ids(new PairFilter(PairFilter.SplitChoice.TEST, null, null)));
    }

    @Test
    void objectClassKeepsPairsShowingThatObject() {
        assertEquals(List.of("b", "c"), ids(new PairFilter(null, ClassChoice.object("chair", 2), null)));
    }

    @Test
    void sceneClassKeepsPairsOfThatScene() {
        assertEquals(List.of("a", "c"), ids(new PairFilter(null, ClassChoice.scene("bedroom", 2), null)));
    }

    @Test
    void teacherViewKeepsNoisyPairsOrCleanOnes() {
        List<Pair> pairs = List.of(PAIRS.get(0).withCorruption(new Corruption(Corruption.Kind.BLANK, "blanked to grey",
                null)), PAIRS.get(1), PAIRS.get(2));
        assertEquals(List.of("a"), pairs.stream().filter(new PairFilter(null, null, null,
                PairFilter.TeacherView.CORRUPTED)).map(Pair::id).toList());
        assertEquals(List.of("b", "c"), pairs.stream().filter(new PairFilter(null, null, null,
                PairFilter.TeacherView.CLEAN)).map(Pair::id).toList());
        assertEquals(3, pairs.stream().filter(PairFilter.ALL).count());
    }

    @Test
    void labellingSeparatesTransferPairsFromLabelledOnes() {
        assertEquals(List.of("a"), ids(new PairFilter(null, null, PairFilter.Labelling.UNLABELLED)));
        assertEquals(List.of("c"), ids(new PairFilter(PairFilter.SplitChoice.TEST, ClassChoice.object("chair", 1),
                PairFilter.Labelling.LABELLED)));
    }
}
