package org.xmodal.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;

class NonMaxSuppressionTest {
    private static final NonMaxSuppression NMS = NonMaxSuppression.nyud2();

    private static Detection det(String cls, Box b, double score) {
        return new Detection("img", cls, b, score);
    }

    @Test
    void overlapAboveThresholdIsSuppressedAndExactlyAtThresholdIsKept() {
        Detection best = det("chair", new Box(0, 0, 9, 9), 0.9);
        Detection at = det("chair", new Box(0, 0, 9, 2), 0.8);     // 30 of 100 pixels: IoU exactly 0.3
        Detection above = det("chair", new Box(0, 0, 9, 3), 0.7);  // IoU 0.4
        assertEquals(0.3, at.box().iou(best.box()));
        List<Detection> kept = NMS.apply(List.of(above, at, best));
        assertEquals(List.of(best, at), kept);
    }

    @Test
    void classesDoNotSuppressEachOther() {
        Detection chair = det("chair", new Box(0, 0, 9, 9), 0.9);
        Detection table = det("table", new Box(0, 0, 9, 9), 0.5);
        assertEquals(List.of(chair, table), NMS.apply(List.of(table, chair)));
    }

    @Test
    void suppressedDetectionDoesNotSuppressOthers() {
        Detection a = det("chair", new Box(0, 0, 9, 9), 0.9);
        Detection b = det("chair", new Box(4, 0, 13, 9), 0.8);  // IoU 0.43 with a: suppressed
        Detection c = det("chair", new Box(10, 0, 19, 9), 0.7); // IoU 0.43 with b, 0 with a: kept
        assertEquals(List.of(a, c), NMS.apply(List.of(a, b, c)));
    }

    @Test
    void keepsTheHundredBestOfTheImageOverAllClasses() {
        List<Detection> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Box apart = new Box(20 * (i % 30), 20 * (i / 30), 20 * (i % 30) + 9, 20 * (i / 30) + 9);
            all.add(det(i % 2 == 0 ? "chair" : "lamp", apart, i));
        }
        Collections.shuffle(all, new Random(1));
        List<Detection> kept = NMS.apply(all);
        assertEquals(100, kept.size());
        assertEquals(149.0, kept.get(0).score());
        assertEquals(50.0, kept.get(99).score());
    }

    @Test
    void tiedScoresKeepTheInputOrder() {
        Detection first = det("lamp", new Box(0, 0, 9, 9), 0.5);
        Detection second = det("chair", new Box(50, 0, 59, 9), 0.5);
        Detection overlapping = det("lamp", new Box(1, 0, 10, 9), 0.5);
        assertEquals(List.of(first, second), NMS.apply(List.of(first, second, overlapping)));
        NonMaxSuppression one = new NonMaxSuppression(0.3, 1);
        assertSame(second, one.apply(List.of(second, first)).get(0));
    }

    @Test
    void detectionsOfDifferentImagesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> NMS.apply(List.of(det("chair",
                new Box(0, 0, 1, 1), 1), new Detection("other", "chair", new Box(0, 0, 1, 1), 1))));
        assertTrue(e.getMessage().contains("other"), e.getMessage());
    }

    /**
     * Greedy NMS, by definition: walking the detections from the highest score down, a detection survives exactly
     * when no survivor of its class before it overlaps it above the threshold. Checked on random images.
     */
    @Test
    void survivorsAreExactlyThoseNoEarlierSurvivorOverlaps() {
        NonMaxSuppression unlimited = new NonMaxSuppression(0.3, Integer.MAX_VALUE);
        for (int seed = 0; seed < 100; seed++) {
            Random rnd = new Random(seed);
            List<Detection> input = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                double x = rnd.nextInt(60);
                double y = rnd.nextInt(40);
                input.add(det(rnd.nextBoolean() ? "chair" : "lamp",
                        new Box(x, y, x + 2 + rnd.nextInt(30), y + 2 + rnd.nextInt(30)), rnd.nextInt(50)));
            }
            List<Detection> kept = unlimited.apply(input);
            List<Detection> ranked = new ArrayList<>(input);
            ranked.sort((a, b) -> Double.compare(b.score(), a.score())); // stable
            List<Detection> survivors = new ArrayList<>();
            for (Detection d : ranked) {
                boolean overlapped = survivors.stream().anyMatch(s -> s.className().equals(d.className())
                        && s.box().iou(d.box()) > 0.3);
                if (!overlapped) {
                    survivors.add(d);
                }
            }
            assertEquals(survivors, kept, "seed " + seed);
            List<Detection> capped = new NonMaxSuppression(0.3, 10).apply(input);
            assertEquals(survivors.subList(0, 10), capped, "seed " + seed + ", ten per image");
            assertFalse(kept.isEmpty());
        }
    }
}
