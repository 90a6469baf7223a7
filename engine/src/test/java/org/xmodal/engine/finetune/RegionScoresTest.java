package org.xmodal.engine.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.eval.Detection;

/** Late fusion on stored pre-softmax scores: the average, the detections it gives, and the file layout. */
class RegionScoresTest {
    private static final List<String> COLUMNS = List.of(RegionScores.BACKGROUND, "chair", "table");
    private static final List<RegionScores.ImageBoxes> IMAGES = List.of(
            new RegionScores.ImageBoxes("a", List.of(new Box(0, 0, 9, 9), new Box(5, 5, 20, 20))),
            new RegionScores.ImageBoxes("b", List.of(new Box(1, 2, 3, 4))));

    private static RegionScores scores(float... values) {
        return new RegionScores(COLUMNS, IMAGES, values);
    }

    @Test
    void fusionAveragesPreSoftmaxScoresHalfAndHalf() {
        RegionScores rgb = scores(1, 2, 3, 4, 5, 6, -1, 0, 1);
        RegionScores depth = scores(3, 2, 1, 0, -5, 2, 1, 0, -1);
        RegionScores fused = RegionScores.average(rgb, depth, 0.5);
        assertArrayEquals(new float[] {2, 2, 2, 2, 0, 4, 0, 0, 0}, fused.scores());
        assertEquals(IMAGES, fused.images());
    }

    @Test
    void fusedDetectionsAreTheSoftmaxOfTheAveragedScoresNotTheAverageOfProbabilities() {
        RegionScores a = scores(0, 4, 0, 0, 0, 0, 0, 0, 0);
        RegionScores b = scores(0, 0, 4, 0, 0, 0, 0, 0, 0);
        Map<String, List<Detection>> dets = RegionScores.average(a, b, 0.5).detections();
        // first box: averaged logits (0, 2, 2) -> p(chair) = e^2 / (1 + 2 e^2)
        double expected = Math.exp(2) / (1 + 2 * Math.exp(2));
        Detection chair = dets.get("a").get(0);
        assertEquals("chair", chair.className());
        assertEquals(expected, chair.score(), 1e-6);
        double averagedProbabilities = 0.5 * (Math.exp(4) / (2 + Math.exp(4)) + 1 / (2 + Math.exp(4)));
        assertEquals(false, Math.abs(averagedProbabilities - chair.score()) < 1e-3, "fusion is on logits");
    }

    @Test
    void detectionsLeaveOutTheBackgroundAndCoverEveryBoxAndClass() {
        Map<String, List<Detection>> dets = scores(5, 0, 0, 0, 1, 2, 0, 0, 0).detections();
        assertEquals(4, dets.get("a").size());
        assertEquals(2, dets.get("b").size());
        assertEquals(List.of("chair", "table", "chair", "table"),
                dets.get("a").stream().map(Detection::className).toList());
        // probabilities of one box over all columns, background included, sum to one
        double background = 1 - dets.get("b").get(0).score() - dets.get("b").get(1).score();
        assertEquals(1 / 3.0, background, 1e-9);
    }

    @Test
    void weightsOtherThanOneHalfMixInProportion() {
        RegionScores fused = RegionScores.average(scores(4, 0, 0, 0, 0, 0, 0, 0, 0), scores(0, 0, 0, 0, 0, 0, 0, 0, 8),
                0.75);
        assertEquals(3f, fused.scores()[0]);
        assertEquals(2f, fused.scores()[8]);
    }

    @Test
    void scoresOfDifferentBoxesOrClassesAreNotFused() {
        RegionScores a = scores(new float[9]);
        RegionScores otherBoxes = new RegionScores(COLUMNS, List.of(IMAGES.get(1), IMAGES.get(0)), new float[9]);
        RegionScores otherClasses = new RegionScores(List.of(RegionScores.BACKGROUND, "chair", "sofa"), IMAGES,
                new float[9]);
        assertThrows(IllegalArgumentException.class, () -> RegionScores.average(a, otherBoxes, 0.5));
        assertThrows(IllegalArgumentException.class, () -> RegionScores.average(a, otherClasses, 0.5));
    }

    @Test
    void filesRoundTripAndTheScoresAreLittleEndianFloat32RowMajor(@TempDir Path dir) throws Exception {
        RegionScores s = scores(1.5f, -2, 3, 4, 5, 6, 7, 8, 9.25f);
        s.write(dir);
        assertEquals(s, RegionScores.read(dir));
        byte[] raw = Files.readAllBytes(dir.resolve(RegionScores.SCORES_FILE));
        assertEquals(9 * 4, raw.length);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, b.getFloat(0));
        assertEquals(-2f, b.getFloat(4));
        assertEquals(9.25f, b.getFloat(32));
    }
}
