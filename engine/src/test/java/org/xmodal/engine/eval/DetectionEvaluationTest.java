package org.xmodal.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.json.Json;

class DetectionEvaluationTest {
    private static final Box A = new Box(0, 0, 9, 9);
    private static final Box B = new Box(40, 40, 59, 49);
    private static final List<String> CLASSES = List.of("chair", "sofa", "table");

    private static Map<String, List<ObjectAnnotation>> truth() {
        return Map.of("a", List.of(new ObjectAnnotation("chair", A, 1)),
                "b", List.of(new ObjectAnnotation("chair", B, 1), new ObjectAnnotation("table", A, 2)));
    }

    @Test
    void duplicatesThatNmsRemovesDoNotCostPrecision() {
        // without NMS: TP, duplicate, TP -> AP 5/6; NMS removes the duplicate (IoU 0.9 > 0.3) -> AP 1
        Map<String, List<Detection>> dets = Map.of(
                "a", List.of(new Detection("a", "chair", A, 0.9), new Detection("a", "chair", new Box(0, 0, 9, 8), 0.8)),
                "b", List.of(new Detection("b", "chair", B, 0.7)));
        DetectionResult r = DetectionEvaluation.evaluate(dets, truth(), CLASSES);
        assertEquals(1.0, r.apPerClass().get("chair"), 1e-12);
        assertEquals(0.0, r.apPerClass().get("table"));
        assertTrue(r.apPerClass().get("sofa").isNaN());
        assertEquals(0.5, r.mAP(), 1e-12, "mean over chair and table, the classes with ground truth");
    }

    @Test
    void onlyTheHundredBestDetectionsOfAnImageCount() {
        List<Detection> crowd = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            crowd.add(new Detection("b", "sofa", new Box(100 + 12 * i, 0, 109 + 12 * i, 9), 1));
        }
        crowd.add(new Detection("b", "table", A, 0.5)); // the only hit, ranked 101st in its image
        DetectionResult r = DetectionEvaluation.evaluate(Map.of("b", crowd), truth(), CLASSES);
        assertEquals(0.0, r.apPerClass().get("table"));
        crowd.remove(0);
        assertEquals(1.0, DetectionEvaluation.evaluate(Map.of("b", crowd), truth(), CLASSES).apPerClass()
                .get("table"));
    }

    @Test
    void resultIsJsonWithApFractionsAndNullForClassesWithoutGroundTruth() throws Exception {
        Map<String, List<Detection>> dets = Map.of("a", List.of(new Detection("a", "chair", A, 0.9)));
        DetectionResult r = DetectionEvaluation.evaluate(dets, truth(), CLASSES);
        String json = Json.MAPPER.writeValueAsString(r);
        JsonNode tree = Json.MAPPER.readTree(json);
        assertEquals(0.5, tree.get("apPerClass").get("chair").asDouble(), 1e-12, json);
        assertTrue(tree.get("apPerClass").get("sofa").isNull(), json);
        assertEquals(List.of("chair", "sofa", "table"), iterate(tree.get("apPerClass")), "classes in order");
        assertEquals(0.25, tree.get("mAP").asDouble(), 1e-12, "chair 0.5 and table 0; sofa left out");
        assertEquals(0.5, tree.get("curves").get("chair").get("recall").get(0).asDouble(), json);
        DetectionResult back = Json.MAPPER.readValue(json, DetectionResult.class);
        assertTrue(back.apPerClass().get("sofa").isNaN());
        assertEquals(r.curves(), back.curves());
        assertEquals(r.mAP(), back.mAP());
    }

    private static List<String> iterate(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void detectionsForAnImageWithoutGroundTruthAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> DetectionEvaluation.evaluate(
                Map.of("c", List.of(new Detection("c", "chair", A, 1))), truth(), CLASSES));
        assertTrue(e.getMessage().contains("image c"), e.getMessage());
    }

    @Test
    void groundTruthWithoutAnyEvaluatedClassIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> DetectionEvaluation.evaluate(Map.of(), truth(), List.of("sofa")));
    }
}
