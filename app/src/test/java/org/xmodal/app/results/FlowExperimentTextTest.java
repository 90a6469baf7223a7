package org.xmodal.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.experiment.ExperimentSummary;
import org.xmodal.engine.experiment.FlowArm;

/**
 * How the Results view words an accuracy experiment (a flow one: clip classification): its kind, its unit, its arms,
 * its baseline, and the class it opens on.
 */
class FlowExperimentTextTest {
    @Test
    void theViewOpensOnAClassSomeArmScoresAboveZero() {
        Map<String, List<SceneAccuracy>> perSeed = new LinkedHashMap<>();
        perSeed.put("no-init", List.of(new SceneAccuracy(0.3, Map.of("lift", 0.0, "pan", 0.0, "zoom", 0.6), 9)));
        perSeed.put("transfer", List.of(new SceneAccuracy(0.4, Map.of("lift", 0.0, "pan", 0.2, "zoom", 0.6), 9)));
        ExperimentSummary s = ExperimentSummary.ofAccuracies(ExperimentSummary.FLOW, perSeed,
                List.of("lift", "pan", "zoom"), "clips", "actions", "cpu-demo");
        Experiment e = new Experiment(Path.of("x"), s, List.of("lift", "pan", "zoom"), List.of(), 1, Map.of(),
                List.of(), false);
        assertEquals("pan", e.firstInformativeClass(), "lift is 0.0 in every arm");
        Map<String, List<SceneAccuracy>> zeros = new LinkedHashMap<>();
        zeros.put("no-init", List.of(new SceneAccuracy(0, Map.of("lift", 0.0, "pan", 0.0), 9)));
        Experiment none = new Experiment(Path.of("x"), ExperimentSummary.ofAccuracies(ExperimentSummary.FLOW, zeros,
                List.of("lift", "pan"), "clips", "a", "p"), List.of("lift", "pan"), List.of(), 1, Map.of(), List.of(),
                false);
        assertEquals("lift", none.firstInformativeClass(), "all at 0: the first class still");
    }

    @Test
    void aFlowExperimentIsNamedScoredInClipsAndItsArmsExplained() {
        Map<String, List<SceneAccuracy>> perSeed = new LinkedHashMap<>();
        for (FlowArm arm : FlowArm.ALL) {
            perSeed.put(arm.name(), List.of(new SceneAccuracy(0.5, Map.of("pan", 0.5, "zoom", 0.5), 12)));
        }
        ExperimentSummary summary = ExperimentSummary.ofAccuracies(ExperimentSummary.FLOW, perSeed,
                List.of("pan", "zoom"), "clips", "actions", "cpu-demo");
        Experiment e = new Experiment(Path.of("flowx"), summary, List.of("pan", "zoom"), List.of("tilt"), 1, Map.of(),
                List.of(), false);
        assertEquals("RGB to flow", e.kind());
        assertEquals("clips", e.scoredUnit());
        assertFalse(e.detection());
        String footnote = e.footnote();
        assertTrue(footnote.startsWith("Top-1 accuracy on the test clips in percent (a class's row: the accuracy on "
                + "that class's clips)"), footnote);
        assertTrue(footnote.contains("no test clip of tilt"), footnote);
        assertTrue(footnote.contains("gains in points over no-init"), footnote);
        assertTrue(footnote.contains("supervised: " + FlowArm.SUPERVISED.label()), footnote);
        assertTrue(footnote.contains("rgb: " + FlowArm.RGB.label()), footnote);

        assertEquals("pan", e.firstInformativeClass(), "tilt has no test clip; pan is scored above 0");

        ExperimentSummary scenes = ExperimentSummary.ofAccuracies(ExperimentSummary.SOCKET, perSeed, List.of("pan"),
                "scenes", "rooms", "cpu-demo");
        assertEquals("images", new Experiment(Path.of("s"), scenes, List.of("pan"), List.of(), 1, Map.of(), List.of(),
                false).scoredUnit());
    }
}
