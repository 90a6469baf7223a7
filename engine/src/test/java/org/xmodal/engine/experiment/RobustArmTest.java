package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.objective.Objective;

/** The robust experiment's arms, keys, curves, verdicts and settings. */
class RobustArmTest {
    @Test
    void levelsAndKeysAreWrittenAndReadBack() {
        assertEquals("0", RobustArm.level(0));
        assertEquals("0.2", RobustArm.level(0.2));
        assertEquals("0.25", RobustArm.level(0.25));
        assertEquals("1", RobustArm.level(1));
        assertEquals("mnf-csc@0.4", RobustArm.MNF_CSC.at(0.4));
        RobustArm.Key k = RobustArm.Key.parse("mnf-csc@0.4");
        assertEquals("mnf-csc", k.arm());
        assertEquals(0.4, k.level());
        assertThrows(IllegalArgumentException.class, () -> RobustArm.Key.parse("ce"));
    }

    @Test
    void eachArmKeepsCrossEntropyAndItsOwnTermsWithThePresetsWeights() {
        Objective preset = RobustPreset.objective();
        assertEquals(List.of(Objective.CE), RobustArm.CE.objective(preset).terms().stream()
                .map(Objective.Term::name).toList());
        Objective kd = RobustArm.KD.objective(preset);
        assertEquals(List.of(Objective.CE, Objective.KD), kd.terms().stream().map(Objective.Term::name).toList());
        Objective robust = RobustArm.MNF_CSC.objective(preset);
        assertEquals(0.001, robust.weight(Objective.FILTER_SPARSITY));
        assertEquals(1, robust.weight(Objective.CSC));
        assertEquals(0, robust.weight(Objective.KD));
        assertEquals(0.8, RobustArm.CRD.objective(preset).weight(Objective.CRD));
    }

    private static ExperimentSummary summary(Map<String, List<Double>> values) {
        Map<String, ExperimentSummary.Arm> arms = new LinkedHashMap<>();
        values.forEach((k, v) -> arms.put(k, ExperimentSummary.Arm.of(ExperimentSummary.ACCURACY, v, Map.of())));
        return new ExperimentSummary(ExperimentSummary.ROBUST, ExperimentSummary.ACCURACY, arms, "scenes", "d", "p");
    }

    @Test
    void curvesAreOnePerArmInLevelOrderAndTheRobustnessVerdictComparesDrops() {
        Map<String, List<Double>> v = new LinkedHashMap<>();
        v.put("ce@0.4", List.of(0.30, 0.32));
        v.put("ce@0", List.of(0.50, 0.52));
        v.put("mnf-csc@0", List.of(0.55, 0.53));
        v.put("mnf-csc@0.4", List.of(0.50, 0.50));
        ExperimentSummary s = summary(v);
        Map<String, List<RobustArm.Point>> curves = RobustArm.curves(s);
        assertEquals(List.of("ce", "mnf-csc"), List.copyOf(curves.keySet()));
        assertEquals(0.0, curves.get("ce").get(0).level());
        assertEquals(0.51, curves.get("ce").get(0).mean(), 1e-12);
        assertEquals(0.4, curves.get("ce").get(1).level());
        List<String> verdict = RobustTables.robustness(s, List.of(0.0, 0.4));
        assertTrue(verdict.get(0).contains("mnf-csc loses the least from 0 to 0.4 corrupted: holds"), verdict.get(0));
        assertTrue(verdict.get(0).contains("ce -20.0, mnf-csc -4.0"), verdict.get(0));

        v.put("mnf-csc@0.4", List.of(0.20, 0.22));
        List<String> not = RobustTables.robustness(summary(v), List.of(0.0, 0.4));
        assertTrue(not.get(0).contains("does NOT hold"), not.get(0));

        List<ArmComparison> c = RobustTables.comparisons(s, List.of(0.0, 0.4));
        assertEquals(1, c.size(), "only arms the summary has, only at corrupted levels");
        assertEquals("mnf-csc@0.4", c.get(0).better());
        assertEquals("ce@0.4", c.get(0).worse());
        assertEquals(ArmComparison.Verdict.HOLDS, c.get(0).verdict());
    }

    @Test
    void settingsRefuseLevelsOutsideZeroToOneAndRepeats() {
        RobustPreset p = RobustPreset.cpuDemo();
        java.nio.file.Path d = java.nio.file.Path.of("d");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RobustExperiment.Settings(d, d, 1,
                List.of(0.0, 1.5), p, null)).getMessage().contains("in [0, 1], got 1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RobustExperiment.Settings(d, d, 1,
                List.of(0.2, 0.2), p, null)).getMessage().contains("lists a level twice"));
        assertEquals(List.of(0.0, 0.2, 0.4), new RobustExperiment.Settings(d, d, 1, List.of(0.4, 0.0, 0.2), p, null)
                .levels());
    }

    @Test
    void presetsRoundTripThroughJsonAndRefuseAnObjectiveWithoutAnArmsTerms() throws Exception {
        RobustPreset p = RobustPreset.cpuDemo();
        String json = org.xmodal.engine.json.Json.MAPPER.writeValueAsString(p);
        RobustPreset back = org.xmodal.engine.json.Json.MAPPER.readValue(json, RobustPreset.class);
        assertEquals(p, back);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RobustPreset("x", "x",
                p.teacher(), p.distill().toBuilder().objective(Objective.robust()).build(), 0, 0));
        assertTrue(e.getMessage().contains("arm hint needs hint"), e.getMessage());
    }
}
