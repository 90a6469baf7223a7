package org.xmodal.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

/** The detection-by-detection verdicts behind AP, on a case worked out by hand. */
class ClassMatchesTest {
    private static final Box G1 = new Box(0, 0, 9, 9); // area 100
    private static final Box G2 = new Box(50, 50, 69, 59); // area 200
    private static final Box G3 = new Box(100, 100, 119, 119);
    private static final Box LEFT_OF_G1 = new Box(0, 0, 5, 9); // IoU 0.6 with G1
    private static final Box RIGHT_OF_G1 = new Box(4, 0, 9, 9); // IoU 0.6 with G1, 0.2 with LEFT_OF_G1
    private static final Box NEAR_G1 = new Box(0, 0, 9, 8); // IoU 0.5625 with LEFT_OF_G1: NMS drops it
    private static final Box BACKGROUND = new Box(30, 30, 39, 39);
    private static final Box PART_OF_G3 = new Box(100, 100, 109, 115); // IoU 0.4 with G3

    private static Map<String, List<ObjectAnnotation>> truth() {
        return Map.of("a", List.of(new ObjectAnnotation("chair", G1, 1)),
                "b", List.of(new ObjectAnnotation("chair", G2, 1), new ObjectAnnotation("sofa", G1, 2),
                        new ObjectAnnotation("chair", G3, 3)));
    }

    private static Map<String, List<Detection>> detections() {
        return Map.of(
                "a", List.of(new Detection("a", "chair", LEFT_OF_G1, 0.9), new Detection("a", "chair", NEAR_G1, 0.85),
                        new Detection("a", "chair", BACKGROUND, 0.8), new Detection("a", "chair", RIGHT_OF_G1, 0.6)),
                "b", List.of(new Detection("b", "chair", PART_OF_G3, 0.7), new Detection("b", "chair", G2, 0.5),
                        new Detection("b", "sofa", G3, 0.95)));
    }

    @Test
    void falsePositivesAreTheUnmatchedDetectionsAfterNmsHighestScoreFirst() {
        ClassMatches m = DetectionEvaluation.matches(detections(), truth(), "chair");
        // ranking after NMS (NEAR_G1 suppressed by LEFT_OF_G1): hit, background, mislocalised, duplicate, hit
        assertEquals(List.of(0.9, 0.8, 0.7, 0.6, 0.5), m.ranked().stream().map(d -> d.detection().score()).toList());
        assertEquals(List.of(true, false, false, false, true), m.ranked().stream().map(JudgedDetection::hit)
                .toList());
        List<JudgedDetection> fp = m.falsePositives();
        assertEquals(List.of(BACKGROUND, PART_OF_G3, RIGHT_OF_G1), fp.stream().map(d -> d.detection().box()).toList());
        assertEquals(0.0, fp.get(0).bestIou());
        assertEquals(-1, fp.get(0).truthIndex(), "the background box overlaps no chair");
        assertEquals(0.4, fp.get(1).bestIou(), 1e-12);
        assertEquals(1, fp.get(1).truthIndex(), "G3 is the second chair of image b");
        assertFalse(fp.get(1).duplicate());
        assertEquals(0.6, fp.get(2).bestIou(), 1e-12);
        assertTrue(fp.get(2).duplicate(), "G1 was already found by the higher-scoring LEFT_OF_G1");
        assertEquals(List.of(1, 2, 3), fp.stream().map(JudgedDetection::rank).toList());
    }

    @Test
    void missedObjectsAreTheGroundTruthBoxesNoDetectionFound() {
        ClassMatches m = DetectionEvaluation.matches(detections(), truth(), "chair");
        assertEquals(3, m.truth().size(), "the chairs of both images; the sofa is another class");
        assertEquals(List.of(new TruthBox("b", 1, G3, false, 0.4)), m.missed(), "the best try on G3 had IoU 0.4");
        assertEquals(new TruthBox("b", 0, G2, true, 1.0), m.truth().get(1));
        assertEquals(2, m.truePositives());
    }

    @Test
    void theMatchesAreTheOnesTheApIsComputedFrom() {
        // TP FP FP FP TP of 3 boxes: precision 1 at recall 1/3, 2/5 at recall 2/3 -> AP 1/3 + 0.4/3
        DetectionResult r = DetectionEvaluation.evaluate(detections(), truth(), List.of("chair", "sofa"));
        assertEquals(1 / 3.0 + 0.4 / 3, r.apPerClass().get("chair"), 1e-12);
        ClassMatches m = DetectionEvaluation.matches(detections(), truth(), "chair");
        assertEquals(r.apPerClass().get("chair"), AveragePrecision.ofClass("chair", m.ranked().stream()
                .map(JudgedDetection::detection).toList(), truth()).ap(), 1e-15);
    }

    @Test
    void aDetectionOfAnotherClassIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AveragePrecision.match("chair",
                List.of(new Detection("a", "sofa", G1, 1)), truth()));
    }
}
