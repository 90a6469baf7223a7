package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraPose;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.data.folder.AnnotationJson;
import org.xmodal.engine.json.Json;

class SynthGeneratorTest {
    @Test
    void aSceneIsTheSameWhetherFewOrManyScenesAreAskedFor() {
        SynthScene few = new SynthGenerator(SynthConfig.of(8, 3)).scene(2);
        SynthScene many = new SynthGenerator(SynthConfig.of(8, 40)).scene(2);
        assertSameScene(few, many);
    }

    @Test
    void changingTheLabelledFractionChangesNoPixel() {
        SynthScene a = new SynthGenerator(SynthConfig.of(8, 3)).scene(1);
        SynthScene b = new SynthGenerator(SynthConfig.of(8, 3).withFractions(0.9, 0.25)).scene(1);
        assertArrayEquals(a.rgb().rgb(), b.rgb().rgb());
        assertArrayEquals(a.rawDepth().metres(), b.rawDepth().metres());
        assertEquals(a.split(), b.split());
    }

    @Test
    void splitsAndLabelledFlagsFollowTheRequestedFractions() {
        int n = 4000;
        SynthGenerator generator = new SynthGenerator(SynthConfig.of(3, n).withFractions(0.2, 0.25));
        int test = 0;
        int train = 0;
        int labelledTrain = 0;
        for (int i = 0; i < n; i++) {
            SynthGenerator.Assignment a = generator.assignment(i);
            if (a.split() == Split.TEST) {
                test++;
                assertTrue(a.labelled(), "every test pair is labelled");
            } else {
                train++;
                labelledTrain += a.labelled() ? 1 : 0;
            }
        }
        assertEquals(0.25, test / (double) n, 0.03);
        assertEquals(0.2, labelledTrain / (double) train, 0.03);
        SynthScene rendered = generator.scene(17);
        assertEquals(generator.assignment(17), new SynthGenerator.Assignment(rendered.split(), rendered.labelled()));
    }

    @Test
    void fiftyScenesShowMostOfTheNineteenClassesInEveryKindOfRoom() {
        SynthGenerator generator = new SynthGenerator(SynthConfig.of(2016, 50));
        Set<String> classes = new TreeSet<>();
        Set<String> rooms = new TreeSet<>();
        for (int i = 0; i < 50; i++) {
            SynthScene s = generator.scene(i);
            rooms.add(s.annotation().sceneClass());
            s.annotation().objects().forEach(o -> classes.add(o.className()));
        }
        assertTrue(classes.size() >= 15, "classes seen: " + classes);
        assertTrue(Furniture.CLASSES.containsAll(classes));
        assertEquals(new TreeSet<>(SceneKind.ids(SceneKind.CLASSIC)), rooms, "the classic five unless asked for more");
    }

    @Test
    void cameraPoseStaysInTheDocumentedRangesWithAUnitUpVector() {
        SynthGenerator generator = new SynthGenerator(SynthConfig.of(4, 30));
        for (int i = 0; i < 30; i++) {
            CameraPose pose = generator.scene(i).annotation().cameraPose();
            assertTrue(pose.heightMetres() >= 1.0 && pose.heightMetres() <= 1.8, "height " + pose.heightMetres());
            assertTrue(pose.pitchDegrees() >= -30 && pose.pitchDegrees() <= -5, "pitch " + pose.pitchDegrees());
            assertTrue(Math.abs(pose.rollDegrees()) <= 6, "roll " + pose.rollDegrees());
            double[] up = pose.up();
            assertEquals(1, up[0] * up[0] + up[1] * up[1] + up[2] * up[2], 1e-12);
        }
    }

    @Test
    void rawDepthHasHolesFilledDepthHasNoneAndErrorGrowsWithDepth() {
        SynthGenerator generator = new SynthGenerator(SynthConfig.of(6, 20));
        double nearError = 0;
        int near = 0;
        double farError = 0;
        int far = 0;
        double missing = 0;
        for (int i = 0; i < 20; i++) {
            SynthScene s = generator.scene(i);
            assertEquals(1.0, s.filledDepth().validFraction(), "filled depth of " + s.id());
            missing += 1 - s.rawDepth().validFraction();
            float[] truth = s.trueDepth().metres();
            float[] raw = s.rawDepth().metres();
            for (int p = 0; p < raw.length; p++) {
                if (raw[p] == 0) {
                    continue;
                }
                if (truth[p] < 1.5) {
                    nearError += Math.abs(raw[p] - truth[p]);
                    near++;
                } else if (truth[p] > 3.5) {
                    farError += Math.abs(raw[p] - truth[p]);
                    far++;
                }
            }
        }
        assertTrue(missing / 20 > 0.01, "raw depth is missing " + missing / 20 + " of its pixels");
        assertTrue(farError / far > 4 * nearError / near, "error beyond 3.5 m " + farError / far + ", under 1.5 m "
                + nearError / near);
    }

    @Test
    void everyFourthSequenceIsForTestingAtTheDefaultFraction() {
        SynthGenerator generator = new SynthGenerator(SynthConfig.of(9, 1).withFlow(8, 2));
        for (int s = 0; s < 8; s++) {
            assertEquals(s % 4 == 3 ? Split.TEST : Split.TRAIN, generator.sequence(s).split(), "sequence " + s);
        }
    }

    @Test
    void sequencesHaveOneFlowAndOneAnnotationPerConsecutivePair() {
        SynthSequence s = new SynthGenerator(SynthConfig.of(9, 1).withFlow(2, 4)).sequence(1);
        assertEquals(4, s.frames().size());
        assertEquals(3, s.flows().size());
        assertEquals(3, s.annotations().size());
        assertEquals("seq-0001-f00", s.pairIds().get(0));
        for (ObjectAnnotation o : s.annotations().get(0).objects()) {
            assertTrue(Furniture.CLASSES.contains(o.className()));
        }
    }

    private static void assertSameScene(SynthScene a, SynthScene b) {
        assertEquals(a.id(), b.id());
        assertEquals(a.split(), b.split());
        assertEquals(a.labelled(), b.labelled());
        assertArrayEquals(a.rgb().rgb(), b.rgb().rgb());
        assertArrayEquals(a.rawDepth().metres(), b.rawDepth().metres());
        assertArrayEquals(a.filledDepth().metres(), b.filledDepth().metres());
        assertArrayEquals(a.instances(), b.instances());
        assertEquals(Json.compact(AnnotationJson.of(a.annotation())), Json.compact(AnnotationJson.of(b.annotation())));
    }
}
