package org.xmodal.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmComparisonTest {
    private static ExperimentSummary.Arm arm(double... seeds) {
        List<Double> values = java.util.Arrays.stream(seeds).boxed().toList();
        return ExperimentSummary.Arm.of(ExperimentSummary.MAP, ExperimentSummary.SeedStats.of(values), Map.of());
    }

    private static ArmComparison compare(ExperimentSummary.Arm better, ExperimentSummary.Arm worse) {
        return ArmComparison.between("mAP", "a", better.score(), "b", worse.score());
    }

    @Test
    void higherOnEverySeedHolds() {
        ArmComparison c = compare(arm(0.30, 0.31, 0.29), arm(0.20, 0.22, 0.25));
        assertEquals(ArmComparison.Verdict.HOLDS, c.verdict());
        assertEquals(3, c.seedsWon());
        assertEquals("a > b: holds (30.0 vs 22.3 mAP, +7.7; higher on 3 of 3 seeds)", c.text());
    }

    @Test
    void aHigherMeanThatLosesOnASeedHoldsOnTheMeanOnly() {
        // seed 3: 0.186 < 0.198, although the mean is 4 points higher
        ArmComparison c = compare(arm(0.251, 0.225, 0.186), arm(0.177, 0.168, 0.198));
        assertEquals(ArmComparison.Verdict.HOLDS_ON_MEAN_ONLY, c.verdict());
        assertEquals(2, c.seedsWon());
        assertEquals("a > b: holds on the mean only (22.1 vs 18.1 mAP, +4.0; higher on 2 of 3 seeds)", c.text());
    }

    @Test
    void anEqualOrLowerMeanDoesNotHold() {
        assertEquals(ArmComparison.Verdict.DOES_NOT_HOLD, compare(arm(0.2, 0.3), arm(0.3, 0.2)).verdict());
        assertEquals(ArmComparison.Verdict.DOES_NOT_HOLD, compare(arm(0.1, 0.1), arm(0.3, 0.2)).verdict());
    }

    @Test
    void onlyThePaperComparisonsWhoseArmsExistAreMade() {
        Map<String, ExperimentSummary.Arm> arms = new LinkedHashMap<>();
        arms.put("no-init", arm(0.1));
        arms.put("copy-rgb", arm(0.2));
        arms.put("transfer", arm(0.3));
        List<ArmComparison> cs = ArmComparison.of(new ExperimentSummary(arms, "detection", "d", "p"),
                Table1Tables.ORDERINGS);
        assertEquals(List.of("transfer>copy-rgb", "copy-rgb>no-init"),
                cs.stream().map(c -> c.better() + ">" + c.worse()).toList());
    }
}
