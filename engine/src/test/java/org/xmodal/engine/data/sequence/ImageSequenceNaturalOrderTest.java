package org.xmodal.engine.data.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSequenceNaturalOrderTest {
    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(NaturalOrder.INSTANCE);
        return list;
    }

    @Test
    void numbersInNamesCompareByValue() {
        assertEquals(List.of("frame_1", "frame_2", "frame_10", "frame_100"),
                sorted("frame_100", "frame_10", "frame_2", "frame_1"));
    }

    @Test
    void zeroPaddedAndPlainNumbersInterleaveByValue() {
        assertEquals(List.of("img1", "img002", "img03", "img10"), sorted("img10", "img03", "img002", "img1"));
    }

    @Test
    void letterCaseDoesNotSeparateFrames() {
        assertEquals(List.of("a2", "B1", "c3"), sorted("c3", "B1", "a2"));
    }

    @Test
    void numbersLongerThanALongStillCompare() {
        assertEquals(List.of("x99999999999999999999", "x100000000000000000000"),
                sorted("x100000000000000000000", "x99999999999999999999"));
    }

    @Test
    void namesEqualByValueStillHaveAFixedOrder() {
        assertEquals(sorted("f01", "f1"), sorted("f1", "f01"));
        assertEquals(List.of("f", "f1"), sorted("f1", "f"));
    }
}
