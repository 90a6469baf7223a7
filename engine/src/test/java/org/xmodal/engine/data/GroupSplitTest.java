package org.xmodal.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupSplitTest {
    private static List<Split> first(int n, double fraction) {
        return IntStream.range(0, n).mapToObj(j -> GroupSplit.of(j, fraction)).toList();
    }

    @Test
    void everyFifthGroupIsForTestingAtOneFifth() {
        assertEquals(List.of(Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TEST,
                Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TEST), first(10, 0.2));
    }

    @Test
    void theShareOfTestGroupsMatchesTheFractionAndIsSpreadOut() {
        List<Split> splits = first(1449, 654.0 / 1449.0);
        assertEquals(654, splits.stream().filter(s -> s == Split.TEST).count());
        assertEquals(9, splits.subList(0, 20).stream().filter(s -> s == Split.TEST).count(), "spread from the start");
        for (int j = 1; j < splits.size(); j++) {
            assertFalse(splits.get(j) == Split.TEST && splits.get(j - 1) == Split.TEST, "adjacent test groups at " + j);
        }
    }

    @Test
    void noTestGroupsAtZeroAndAllAtOne() {
        assertEquals(List.of(Split.TRAIN, Split.TRAIN, Split.TRAIN), first(3, 0));
        assertEquals(List.of(Split.TEST, Split.TEST, Split.TEST), first(3, 1));
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GroupSplit.of(0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> GroupSplit.of(-1, 0.5));
    }
}
