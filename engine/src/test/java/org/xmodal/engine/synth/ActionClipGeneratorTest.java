package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Clips;
import org.xmodal.engine.data.Split;

class ActionClipGeneratorTest {
    private static final SynthConfig SMALL = SynthConfig.of(5, 1).withSize(64, 48).withFlow(0, 3).withActions(3, 0);

    @Test
    void sameConfigurationGivesTheSamePixelsAndFlow() {
        for (ActionKind kind : List.of(ActionKind.FALL, ActionKind.ZOOM)) {
            assertSameClip(new ActionClipGenerator(SMALL).clip(kind, 1), new ActionClipGenerator(SMALL).clip(kind, 1));
        }
    }

    @Test
    void aClipIsTheSameWhateverTheNumberOfClipsAndTheLabelledFraction() {
        SynthSequence few = new ActionClipGenerator(SMALL).clip(ActionKind.APPROACH, 2);
        SynthConfig more = SMALL.withActions(40, 0).withFractions(0.9, 0.25);
        assertSameClip(few, new ActionClipGenerator(more).clip(ActionKind.APPROACH, 2));
    }

    @Test
    void clipsOfOtherClassesOrIndicesDiffer() {
        ActionClipGenerator generator = new ActionClipGenerator(SMALL);
        byte[] first = generator.clip(ActionKind.PUSH_LEFT, 0).frames().get(0).rgb();
        assertFalse(Arrays.equals(first, generator.clip(ActionKind.PUSH_LEFT, 1).frames().get(0).rgb()),
                "clip 1 is another room");
        assertFalse(Arrays.equals(first, generator.clip(ActionKind.PUSH_RIGHT, 0).frames().get(0).rgb()),
                "another class's clip 0 is another room");
    }

    @Test
    void pairIdsNameTheirClipAndEveryClipNumberIsUsedOnce() {
        Set<Integer> numbers = new HashSet<>();
        for (int j = 0; j < 50; j++) {
            for (ActionKind kind : ActionKind.values()) {
                assertTrue(numbers.add(ActionClipGenerator.clipNumber(kind, j)));
            }
        }
        assertEquals(0, ActionClipGenerator.clipNumber(ActionKind.values()[0], 0));
        assertEquals(50 * ActionKind.values().length - 1, numbers.stream().mapToInt(i -> i).max().orElseThrow());

        SynthSequence clip = new ActionClipGenerator(SMALL).clip(ActionKind.TILT, 2);
        int number = ActionClipGenerator.clipNumber(ActionKind.TILT, 2);
        assertEquals(List.of(ActionClipGenerator.frameId(number, 0), ActionClipGenerator.frameId(number, 1)),
                clip.pairIds());
        assertEquals("clip-0024-f01", ActionClipGenerator.frameId(24, 1));
        for (String id : clip.pairIds()) {
            assertEquals(ActionClipGenerator.clipId(number), Clips.of(id));
        }
        assertTrue(clip.annotations().stream().allMatch(a -> a.sceneClass().equals("tilt")));
    }

    @Test
    void everyClassHasTrainAndTestClipsAndAClipIsWhollyOnOneSide() {
        SynthConfig config = SMALL.withActions(8, 0).withFractions(0.5, 0.25);
        ActionClipGenerator generator = new ActionClipGenerator(config);
        for (ActionKind kind : ActionKind.values()) {
            int test = 0;
            for (int j = 0; j < 8; j++) {
                SynthGenerator.Assignment a = generator.assignment(kind, j);
                test += a.split() == Split.TEST ? 1 : 0;
                assertTrue(a.split() == Split.TRAIN || a.labelled(), "test clips are labelled");
            }
            assertEquals(2, test, kind.id() + ": clips 3 and 7 are the test clips");
        }
        SynthSequence clip = generator.clip(ActionKind.ROTATE, 3);
        assertEquals(Split.TEST, clip.split());
        assertEquals(List.of(true, true), clip.labelled());
    }

    @Test
    void trainClipsAreLabelledWithTheLabelledFractionsChanceAsWholeClips() {
        SynthConfig config = SMALL.withActions(2000, 0).withFractions(0.3, 0.25);
        ActionClipGenerator generator = new ActionClipGenerator(config);
        int train = 0;
        int labelled = 0;
        for (int j = 0; j < 2000; j++) {
            SynthGenerator.Assignment a = generator.assignment(ActionKind.PAN, j);
            if (a.split() == Split.TRAIN) {
                train++;
                labelled += a.labelled() ? 1 : 0;
            }
        }
        assertEquals(1500, train);
        assertEquals(0.3, labelled / (double) train, 0.04);
        SynthSequence clip = generator.clip(ActionKind.PAN, 5);
        assertEquals(generator.assignment(ActionKind.PAN, 5).labelled(), clip.labelled().get(0));
        assertEquals(1, new HashSet<>(clip.labelled()).size(), "one flag for the whole clip");
    }

    @Test
    void liftAndFallShowTheObjectAtTheSameHeights() {
        SynthConfig config = SMALL.withActions(30, 0);
        ActionClipGenerator generator = new ActionClipGenerator(config);
        double[] lift = heights(generator, ActionKind.LIFT);
        double[] fall = heights(generator, ActionKind.FALL);
        // lowest, highest and mean height over the clips' frames
        assertEquals(lift[0], fall[0], 0.06, "lowest");
        assertEquals(lift[1], fall[1], 0.12, "highest");
        assertEquals(lift[2], fall[2], 0.08, "mean");
        assertTrue(lift[1] - lift[0] > 0.05, "the object moves " + (lift[1] - lift[0]) + " m up");
    }

    /** Mean over the clips of the moved object's lowest and highest height above the floor, and mean height. */
    private static double[] heights(ActionClipGenerator generator, ActionKind kind) {
        double[] sum = new double[3];
        int clips = generator.config().actions();
        for (int j = 0; j < clips; j++) {
            ActionMotion m = generator.motion(kind, j, false);
            int mover = m.movers().get(0);
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            double mean = 0;
            for (Scene s : m.scenes()) {
                double y = s.objects().get(mover).y();
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
                mean += y / m.frames();
            }
            double first = m.sceneAt(0).objects().get(mover).y();
            double last = m.sceneAt(m.frames() - 1).objects().get(mover).y();
            assertTrue(kind == ActionKind.LIFT ? last > first : last < first, kind.id() + " clip " + j);
            sum[0] += lo / clips;
            sum[1] += hi / clips;
            sum[2] += mean / clips;
        }
        return sum;
    }

    private static void assertSameClip(SynthSequence a, SynthSequence b) {
        assertEquals(a.pairIds(), b.pairIds());
        assertEquals(a.split(), b.split());
        for (int t = 0; t < a.frames().size(); t++) {
            assertArrayEquals(a.frames().get(t).rgb(), b.frames().get(t).rgb(), "frame " + t);
        }
        for (int t = 0; t < a.flows().size(); t++) {
            assertArrayEquals(a.flows().get(t).u(), b.flows().get(t).u(), "u of pair " + t);
            assertArrayEquals(a.flows().get(t).v(), b.flows().get(t).v(), "v of pair " + t);
        }
    }
}
