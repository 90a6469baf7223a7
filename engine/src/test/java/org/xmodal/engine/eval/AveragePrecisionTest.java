package org.xmodal.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

/** AP values worked out by hand from the protocol of BRIEF.md section 6. */
class AveragePrecisionTest {
    private static final Box G1 = new Box(0, 0, 9, 9);
    private static final Box G2 = new Box(50, 50, 69, 59);

    private static ObjectAnnotation gt(String cls, Box b) {
        return new ObjectAnnotation(cls, b, 0);
    }

    private static Detection det(String image, String cls, Box b, double score) {
        return new Detection(image, cls, b, score);
    }

    private static ClassAveragePrecision chair(Map<String, List<ObjectAnnotation>> truth, Detection... dets) {
        return AveragePrecision.ofClass("chair", List.of(dets), truth);
    }

    @Test
    void everyBoxFoundFirstGivesApOne() {
        var truth = Map.of("a", List.of(gt("chair", G1)), "b", List.of(gt("chair", G2)));
        ClassAveragePrecision r = chair(truth, det("a", "chair", G1, 0.9), det("b", "chair", G2, 0.8));
        assertEquals(1.0, r.ap(), 1e-12);
        assertEquals(2, r.truePositives());
    }

    @Test
    void duplicateIsAFalsePositiveThatLowersPrecisionOfLaterHits() {
        var truth = Map.of("a", List.of(gt("chair", G1)), "b", List.of(gt("chair", G2)));
        // ranks: TP, duplicate (FP), TP -> recall .5 .5 1, precision 1 .5 2/3 -> AP = .5 * 1 + .5 * 2/3
        ClassAveragePrecision r = chair(truth, det("a", "chair", G1, 0.9), det("a", "chair", new Box(0, 0, 9, 8), 0.8),
                det("b", "chair", G2, 0.7));
        assertEquals(0.5 + 0.5 * 2 / 3.0, r.ap(), 1e-12);
        assertEquals(2, r.truePositives());
        assertArrayEquals(new double[] {0.5, 0.5, 1}, r.curve().recall(), 1e-12);
        assertArrayEquals(new double[] {1, 0.5, 2 / 3.0}, r.curve().precision(), 1e-12);
    }

    @Test
    void missedBoxesCapRecallAndPrecisionIsMadeMonotoneFromTheRight() {
        var truth = Map.of("a", List.of(gt("chair", G1), gt("chair", G2)), "b",
                List.of(gt("chair", G1), gt("chair", G2)));
        // ranks: FP, TP, FP, TP (of 4 boxes): precision at the hits 1/2 and 2/4 -> AP = .25 * .5 + .25 * .5
        ClassAveragePrecision r = chair(truth, det("a", "chair", new Box(100, 100, 110, 110), 0.9),
                det("a", "chair", G1, 0.8), det("b", "chair", new Box(30, 30, 35, 35), 0.7),
                det("b", "chair", G2, 0.6));
        assertEquals(0.25, r.ap(), 1e-12);
        // a later, better precision lifts the earlier one: FP, TP, TP -> monotone precision 2/3 at both hits
        ClassAveragePrecision lifted = chair(truth, det("a", "chair", new Box(100, 100, 110, 110), 0.9),
                det("a", "chair", G1, 0.8), det("b", "chair", G2, 0.7));
        assertEquals(0.25 * 2 / 3.0 + 0.25 * 2 / 3.0, lifted.ap(), 1e-12);
    }

    @Test
    void tiedScoresKeepTheOrderTheDetectionsWereGiven() {
        var truth = Map.of("a", List.of(gt("chair", G1)));
        Detection miss = det("a", "chair", G2, 0.5);
        Detection hit = det("a", "chair", G1, 0.5);
        assertEquals(0.5, chair(truth, miss, hit).ap(), 1e-12, "false positive ranked first");
        assertEquals(1.0, chair(truth, hit, miss).ap(), 1e-12, "true positive ranked first");
    }

    @Test
    void classWithGroundTruthButNoDetectionsScoresZeroAndCountsInTheMean() {
        var truth = Map.of("a", List.of(gt("chair", G1), gt("table", G2)));
        var r = AveragePrecision.evaluate(List.of(det("a", "chair", G1, 1)), truth, List.of("chair", "table"));
        assertEquals(1.0, r.get("chair").ap());
        assertEquals(0.0, r.get("table").ap());
        assertEquals(0, r.get("table").curve().size());
        assertEquals(0.5, AveragePrecision.mean(r.values()), 1e-12);
    }

    @Test
    void classWithoutGroundTruthHasNanApAndIsLeftOutOfTheMean() {
        var truth = Map.of("a", List.of(gt("chair", G1)));
        var r = AveragePrecision.evaluate(List.of(det("a", "chair", G1, 1), det("a", "sofa", G2, 0.9)), truth,
                List.of("chair", "sofa"));
        assertTrue(Double.isNaN(r.get("sofa").ap()));
        assertEquals(1, r.get("sofa").detections());
        assertEquals(1.0, AveragePrecision.mean(r.values()), 1e-12);
    }

    @Test
    void detectionOnABoxOfAnotherClassIsAFalsePositive() {
        var truth = Map.of("a", List.of(gt("chair", G1), gt("table", G2)));
        var r = AveragePrecision.evaluate(List.of(det("a", "table", G1, 1)), truth, List.of("chair", "table"));
        assertEquals(0, r.get("table").truePositives());
        assertEquals(0.0, r.get("table").ap());
    }

    @Test
    void iouOfExactlyOneHalfIsAHitAndJustBelowIsAMiss() {
        var truth = Map.of("a", List.of(gt("chair", G1)));
        Box half = new Box(0, 0, 9, 4); // 50 of the 100 pixels, inside: IoU 50 / 100 with the +1 convention
        Box less = new Box(0, 0, 9, 3); // 40 / 100
        assertEquals(0.5, half.iou(G1));
        assertEquals(1.0, chair(truth, det("a", "chair", half, 1)).ap());
        assertEquals(0.0, chair(truth, det("a", "chair", less, 1)).ap());
    }

    @Test
    void detectionWhoseBestBoxIsTakenDoesNotFallBackToAnotherBox() {
        Box neighbour = new Box(2, 0, 11, 9); // IoU 0.67 with G1
        var truth = Map.of("a", List.of(gt("chair", G1), gt("chair", neighbour)));
        Box second = new Box(0, 0, 10, 9); // IoU 0.91 with G1 (taken), 0.75 with the free neighbour
        ClassAveragePrecision r = chair(truth, det("a", "chair", G1, 0.9), det("a", "chair", second, 0.8));
        assertEquals(1, r.truePositives());
        assertEquals(0.5, r.ap(), 1e-12);
    }

    @Test
    void curveKeepsHitsAndTheCornersBeforeThemAndTheEnd() {
        var truth = Map.of("a", List.of(gt("chair", G1), gt("chair", G2)));
        Box far = new Box(100, 100, 105, 105);
        // TP, FP, FP, FP, TP, FP, FP
        ClassAveragePrecision r = chair(truth, det("a", "chair", G1, 0.9), det("a", "chair", far, 0.8),
                det("a", "chair", far, 0.7), det("a", "chair", far, 0.6), det("a", "chair", G2, 0.5),
                det("a", "chair", far, 0.4), det("a", "chair", far, 0.3));
        assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, r.curve().recall(), 1e-12);
        assertArrayEquals(new double[] {1, 0.25, 0.4, 2 / 7.0}, r.curve().precision(), 1e-12);
    }

    @Test
    void detectionInAnImageWithoutGroundTruthEntryIsRejected() {
        var truth = Map.of("a", List.of(gt("chair", G1)));
        var e = assertThrows(IllegalArgumentException.class, () -> chair(truth, det("b", "chair", G1, 1)));
        assertTrue(e.getMessage().contains("image b"), e.getMessage());
    }

    @Test
    void detectionOfAClassThatIsNotEvaluatedIsRejected() {
        var truth = Map.of("a", List.of(gt("chair", G1)));
        assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.evaluate(List.of(det("a", "lamp", G1, 1)), truth, List.of("chair")));
    }
}
