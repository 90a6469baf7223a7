package org.xmodal.engine.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.regions.Region;

/** Fast R-CNN's region labels: foreground at IoU >= 0.5, background in [0.1, 0.5), widened when scarce. */
class TrainingRegionsTest {
    private static final List<String> CLASSES = List.of("chair", "table");
    private static final Box CHAIR = new Box(10, 10, 29, 29); // 20 x 20

    private static Pair pair(String id, ObjectAnnotation... objects) {
        return new Pair(id, 0, Split.TRAIN, true, new PairAnnotation(null, List.of(objects), null), id, null);
    }

    @Test
    void proposalsAreLabelledByTheirBestOverlapWithGroundTruth() {
        Pair p = pair("p", new ObjectAnnotation("chair", CHAIR, 1));
        Box same = new Box(11, 10, 29, 29);        // IoU 0.95: chair
        Box half = new Box(10, 10, 29, 19);        // IoU 0.5: chair
        Box near = new Box(20, 10, 39, 29);        // IoU 1/3: background
        Box far = new Box(60, 60, 79, 79);         // IoU 0: not background while enough near ones exist
        TrainingRegions r = TrainingRegions.detection(List.of(p), Map.of("p", List.of(same, half, near, far)),
                CLASSES, 10, 1);
        assertEquals(List.of(CHAIR, same, half), r.foreground().stream().map(Region::box).toList());
        assertTrue(r.foreground().stream().allMatch(x -> x.label() == 1), "chair is label 1, 0 is background");
        assertEquals(List.of(near), r.background().stream().map(Region::box).toList());
        assertEquals(0, r.background().get(0).label());
        assertFalse(r.widenedBackground());
    }

    @Test
    void backgroundTakesProposalsTouchingNoObjectWhenTooFewOverlapOne() {
        Pair p = pair("p", new ObjectAnnotation("table", CHAIR, 1));
        Box near = new Box(20, 10, 39, 29);
        Box far = new Box(60, 60, 79, 79);
        TrainingRegions r = TrainingRegions.detection(List.of(p), Map.of("p", List.of(near, far)), CLASSES, 10, 2);
        assertTrue(r.widenedBackground());
        assertEquals(2, r.background().size());
        assertEquals(2, r.foreground().get(0).label(), "table is label 2");
    }

    @Test
    void onlyTheFirstProposalsCountAndUnknownClassesAreNotObjects() {
        Pair p = pair("p", new ObjectAnnotation("lamp", CHAIR, 1), new ObjectAnnotation("chair", far(), 2));
        TrainingRegions r = TrainingRegions.detection(List.of(p), Map.of("p", List.of(CHAIR, far())), CLASSES, 1, 1);
        assertEquals(1, r.foreground().size(), "the chair's ground truth; the second proposal is beyond the budget");
        assertEquals(List.of(CHAIR), r.background().stream().map(Region::box).toList(),
                "a proposal on the lamp is background: lamp is not a class");
    }

    @Test
    void regionClassificationUsesGroundTruthOnlyWithoutBackground() {
        Pair p = pair("p", new ObjectAnnotation("table", CHAIR, 1), new ObjectAnnotation("lamp", far(), 2));
        TrainingRegions r = TrainingRegions.groundTruth(List.of(p), CLASSES);
        assertEquals(1, r.foreground().size());
        assertEquals(1, r.foreground().get(0).label(), "table is label 1 without a background class");
        assertTrue(r.background().isEmpty());
    }

    private static Box far() {
        return new Box(100, 100, 119, 119);
    }
}
