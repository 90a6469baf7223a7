package org.xmodal.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.experiment.ExperimentSummary;

class ApTableTest {
    private static List<String> labels(List<ApTable.Row> rows) {
        return rows.stream().map(ApTable.Row::label).toList();
    }

    private static List<String> column(List<ApTable.Row> rows, String arm) {
        return rows.stream().map(r -> r.text(arm)).toList();
    }

    @Test
    void classesAreRowsInTheirOrderThenMapThenTheGainOverNoInit() {
        List<ApTable.Row> rows = HandWrittenSummary.table().rows(null, false);
        assertEquals(List.of("bed", "chair", "sink", "mAP", "gain over no-init"), labels(rows));
        assertEquals(List.of("no-init", "transfer", "rgb"), HandWrittenSummary.table().arms());
        assertEquals(List.of("30.0 \u00b1 2.0", "10.0 \u00b1 0.0", "\u2013", "20.0 \u00b1 1.0", "\u2013"),
                column(rows, "no-init"));
        assertEquals(List.of("35.0 \u00b1 4.0", "22.0 \u00b1 2.0", "\u2013", "30.0 \u00b1 5.0", "+10.0"),
                column(rows, "rgb"));
    }

    @Test
    void theBestArmOfEachRowIsMarkedAndTiesAreAllMarked() {
        List<ApTable.Row> rows = HandWrittenSummary.table().rows(null, false);
        assertEquals(Set.of("rgb"), rows.get(0).best());
        assertEquals(Set.of("transfer", "rgb"), rows.get(1).best(), "chair: 22.0 for both");
        assertEquals(Set.of(), rows.get(2).best(), "sink has no AP anywhere");
        assertEquals(Set.of("rgb"), rows.get(3).best(), "mAP");
        assertEquals(Set.of(), rows.get(4).best(), "gains are not ranked again");
    }

    @Test
    void aRowWhereEveryArmIsAlikeHasNoBest() {
        ExperimentSummary s = HandWrittenSummary.summary();
        Map<String, ExperimentSummary.Arm> arms = new java.util.LinkedHashMap<>();
        s.arms().forEach((name, a) -> arms.put(name, ExperimentSummary.Arm.of(ExperimentSummary.MAP, a.score(),
                Map.of("bathtub", new ExperimentSummary.Stats(0, 0)))));
        ApTable t = ApTable.of(new ExperimentSummary(arms, "detection", "rooms", "cpu-demo"), List.of("bathtub"));
        assertEquals(Set.of(), t.rows(null, false).get(0).best(), "AP 0 everywhere: nothing to mark");
    }

    @Test
    void gainsShowEachArmMinusNoInitInPointsAndKeepTheBestOfTheAp() {
        List<ApTable.Row> rows = HandWrittenSummary.table().rows(null, true);
        assertEquals(List.of("bed", "chair", "sink", "mAP"), labels(rows), "the gain row is what every row shows now");
        assertEquals(List.of("-2.0", "+12.0", "\u2013", "+5.0"), column(rows, "transfer"));
        assertEquals(List.of("30.0 \u00b1 2.0", "10.0 \u00b1 0.0", "\u2013", "20.0 \u00b1 1.0"),
                column(rows, "no-init"), "no init keeps its AP, the reference");
        assertEquals(Set.of("rgb"), rows.get(0).best());
    }

    @Test
    void aGainThatRoundsToNothingHasNoSign() {
        assertEquals("0.0", ApTable.signedPoints(-0.0004, 1));
        assertEquals("+0.1", ApTable.signedPoints(0.0006, 1));
        assertEquals("-2.0", ApTable.signedPoints(-0.02, 1));
    }

    @Test
    void sortingByAnArmMovesTheClassRowsOnlyAndRowsWithoutAValueStayLast() {
        ApTable t = HandWrittenSummary.table();
        List<ApTable.Row> up = t.rows(new ApTable.Sort("transfer", true), false);
        assertEquals(List.of("chair", "bed", "sink", "mAP", "gain over no-init"), labels(up));
        List<ApTable.Row> down = t.rows(new ApTable.Sort("transfer", false), false);
        assertEquals(List.of("bed", "chair", "sink", "mAP", "gain over no-init"), labels(down));
        List<ApTable.Row> byGain = t.rows(new ApTable.Sort("transfer", false), true);
        assertEquals(List.of("chair", "bed", "sink", "mAP"), labels(byGain), "with gains shown, sorted by the gain");
    }

    @Test
    void sortingByClassIsAlphabetical() {
        List<ApTable.Row> rows = HandWrittenSummary.table().rows(new ApTable.Sort(ApTable.CLASS_COLUMN, false), false);
        assertEquals(List.of("sink", "chair", "bed", "mAP", "gain over no-init"), labels(rows));
        assertThrows(IllegalArgumentException.class, () -> HandWrittenSummary.table()
                .rows(new ApTable.Sort("copy-rgb", true), false));
    }

    @Test
    void withoutANoInitArmThereAreNoGains() {
        ExperimentSummary s = HandWrittenSummary.summary();
        Map<String, ExperimentSummary.Arm> arms = new java.util.LinkedHashMap<>(s.arms());
        arms.remove("no-init");
        ApTable t = ApTable.of(new ExperimentSummary(arms, "detection", "rooms", "cpu-demo"), HandWrittenSummary.CLASSES);
        assertFalse(t.hasBaseline());
        assertEquals(List.of("bed", "chair", "sink", "mAP"), labels(t.rows(null, true)));
        assertTrue(t.rows(null, true).get(0).text("rgb").contains("\u00b1"), "still AP");
    }

    /** A SOCKET experiment opens in the same table: accuracy instead of mAP, gains over source-only. */
    @Test
    void aSocketSummaryShowsAccuracyAndGainsOverSourceOnly() {
        Map<String, ExperimentSummary.Arm> arms = new java.util.LinkedHashMap<>();
        arms.put("source-only", ExperimentSummary.Arm.of(ExperimentSummary.ACCURACY, List.of(0.25, 0.27),
                Map.of("bedroom", List.of(0.1, 0.2))));
        arms.put("socket", ExperimentSummary.Arm.of(ExperimentSummary.ACCURACY, List.of(0.35, 0.33),
                Map.of("bedroom", List.of(0.4, 0.4))));
        ApTable t = ApTable.of(new ExperimentSummary(ExperimentSummary.SOCKET, ExperimentSummary.ACCURACY, arms,
                "scenes", "rooms", "cpu-demo"), List.of("bedroom"));
        assertEquals("source-only", t.baseline());
        List<ApTable.Row> rows = t.rows(null, false);
        assertEquals(List.of("bedroom", "accuracy", "gain over source-only"), labels(rows));
        assertEquals(List.of("40.0 \u00b1 0.0", "34.0 \u00b1 1.4", "+8.0"), column(rows, "socket"));
        assertEquals(Set.of("socket"), rows.get(1).best());
    }
}
