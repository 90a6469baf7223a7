package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.eval.DetectionResult;
import org.xmodal.engine.eval.PrCurve;
import org.xmodal.engine.json.Json;

/** summary.json is a CONTRACT (DESIGN.md): users' scripts and the project's checks read exactly this shape. */
class ExperimentSummaryTest {
    private static final List<String> CLASSES = List.of("bed", "chair", "toilet");

    private static DetectionResult result(double bed, double chair) {
        Map<String, Double> ap = new LinkedHashMap<>();
        ap.put("bed", bed);
        ap.put("chair", chair);
        ap.put("toilet", Double.NaN); // no toilet in the test pairs
        Map<String, PrCurve> curves = new LinkedHashMap<>();
        CLASSES.forEach(c -> curves.put(c, PrCurve.EMPTY));
        return new DetectionResult(ap, (bed + chair) / 2, curves);
    }

    static ExperimentSummary summary() {
        Map<String, List<DetectionResult>> perSeed = new LinkedHashMap<>();
        double shift = 0;
        for (Table1Arm arm : Table1Arm.ALL) {
            List<DetectionResult> seeds = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                seeds.add(result(0.1 + shift + 0.02 * s, 0.3 + shift));
            }
            perSeed.put(arm.name(), seeds);
            shift += 0.05;
        }
        return Table1Results.summarise(perSeed, CLASSES, "detection", "sample-data/synth-rgbd", "cpu-demo");
    }

    @Test
    void summaryJsonHasExactlyTheContractShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        summary().write(file);
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        assertEquals(List.of("experiment", "metric", "arms", "task", "dataset", "preset"), names(root));
        assertEquals("table1", root.get("experiment").asText());
        assertEquals("mAP", root.get("metric").asText());
        assertEquals("detection", root.get("task").asText());
        assertEquals("sample-data/synth-rgbd", root.get("dataset").asText());
        assertEquals("cpu-demo", root.get("preset").asText());
        assertEquals(List.of("no-init", "copy-rgb", "transfer", "transfer-frozen", "rgb", "rgb+copy-rgb",
                "rgb+transfer"), names(root.get("arms")));
        for (JsonNode arm : root.get("arms")) {
            assertEquals(List.of("mAP", "perClass"), names(arm));
            JsonNode map = arm.get("mAP");
            assertEquals(List.of("mean", "std", "seeds"), names(map));
            assertFraction(map.get("mean"));
            assertTrue(map.get("std").asDouble() >= 0);
            assertEquals(3, map.get("seeds").size());
            map.get("seeds").forEach(ExperimentSummaryTest::assertFraction);
            assertEquals(List.of("bed", "chair"), names(arm.get("perClass")),
                    "a class without test ground truth is left out");
            for (JsonNode c : arm.get("perClass")) {
                assertEquals(List.of("mean", "std"), names(c));
                assertFraction(c.get("mean"));
            }
        }
    }

    /** A summary.json written before "experiment" and "metric" existed reads as a Table 1 one scored by mAP. */
    @Test
    void anOlderSummaryReadsAsTable1(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        java.nio.file.Files.writeString(file, "{\"arms\": {\"no-init\": {\"mAP\": {\"mean\": 0.2, \"std\": 0.01, "
                + "\"seeds\": [0.19, 0.21]}, \"perClass\": {\"bed\": {\"mean\": 0.3, \"std\": 0}}}}, "
                + "\"task\": \"detection\", \"dataset\": \"d\", \"preset\": \"cpu-demo\"}");
        ExperimentSummary s = ExperimentSummary.read(file);
        assertEquals("table1", s.experiment());
        assertEquals("mAP", s.metric());
        assertEquals(List.of(0.19, 0.21), s.arms().get("no-init").score().seeds());
        assertEquals(0.3, s.arms().get("no-init").perClass().get("bed").mean());
    }

    @Test
    void statisticsAreMeanAndSampleStandardDeviationOverSeeds() {
        ExperimentSummary.Arm noInit = summary().arms().get("no-init");
        assertEquals(0.12, noInit.perClass().get("bed").mean(), 1e-12);
        assertEquals(0.02, noInit.perClass().get("bed").std(), 1e-12, "sample std of 0.10, 0.12, 0.14");
        assertEquals(0.0, noInit.perClass().get("chair").std(), 1e-12);
        assertEquals(List.of(0.2, 0.21, 0.22), noInit.score().seeds().stream()
                .map(v -> Math.round(v * 1e6) / 1e6).toList());
        assertEquals(0.21, noInit.score().mean(), 1e-12);
    }

    @Test
    void summaryReadsBackAsWritten(@TempDir Path dir) throws Exception {
        ExperimentSummary s = summary();
        s.write(dir.resolve("s.json"));
        ExperimentSummary back = ExperimentSummary.read(dir.resolve("s.json"));
        assertEquals(s.arms().keySet(), back.arms().keySet());
        assertEquals(s.arms().get("transfer").score(), back.arms().get("transfer").metric("mAP"));
        assertFalse(back.arms().get("rgb").perClass().containsKey("toilet"));
    }

    private static void assertFraction(JsonNode n) {
        assertTrue(n.isNumber(), n + " is a number");
        assertTrue(n.asDouble() >= 0 && n.asDouble() <= 1, n + " is a fraction in [0, 1]");
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
