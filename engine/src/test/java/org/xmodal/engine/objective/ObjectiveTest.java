package org.xmodal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunSpecFiles;

/** A run's objective: weighted named terms, switched off by weight 0, checked against what the run computes. */
class ObjectiveTest {
    @Test
    void theWeightedSumComputesEachTermOnceAndSkipsTheOnesSwitchedOff() {
        try (NDManager m = NDManager.newBaseManager()) {
            Objective socket = Objective.of(new Objective.Term("pseudo-labels", 0.3),
                    new Objective.Term("information-maximisation", 1), new Objective.Term("bn-statistics", 0),
                    new Objective.Term("task-irrelevant", 0.5));
            Map<String, Float> values = Map.of("pseudo-labels", 2f, "information-maximisation", -0.5f,
                    "bn-statistics", 100f, "task-irrelevant", 4f);
            List<String> computed = new ArrayList<>();
            Objective.Evaluation e = socket.evaluate(name -> {
                computed.add(name);
                return m.create(values.get(name));
            });
            assertEquals(List.of("pseudo-labels", "information-maximisation", "task-irrelevant"), computed);
            assertEquals(0.3 * 2 - 0.5 + 0.5 * 4, e.total().getFloat(), 1e-6);
            assertEquals(List.of("pseudo-labels", "information-maximisation", "task-irrelevant"),
                    new ArrayList<>(e.values().keySet()), "each term's own value, for its curve");
            // a term of weight 1 is the term itself: supervision transfer computes exactly its hint loss
            NDArray hint = m.create(7f);
            assertSame(hint, Objective.transfer().evaluate(name -> hint).total());
        }
    }

    @Test
    void badObjectivesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Objective.of(new Objective.Term("hint", 1),
                new Objective.Term("hint", 2))).getMessage().contains("lists the term hint twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Objective.Term("hint", -1)).getMessage()
                .contains("weight of hint must be a number >= 0"));
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class, () -> Objective.of(
                new Objective.Term("hint", 0)).requireKnown("a transfer run", List.of("hint")));
        assertTrue(off.getMessage().contains("every term is switched off"), off.getMessage());
    }

    @Test
    void aSpecsObjectiveDefaultsToTheHintAndRefusesTermsItsKindDoesNotCompute(@TempDir Path dir) throws Exception {
        String base = "\"data\": \"rooms\", \"teacher\": {\"source\": \"random\", \"architecture\": \"alexnet-small\"}, "
                + "\"student\": {\"architecture\": \"alexnet-small\"}, \"batchSize\": 8, \"iterations\": 10, "
                + "\"inputSize\": 64";
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{" + base + "}");
        assertEquals(Objective.transfer(), RunSpecFiles.read(f).objective());
        Files.writeString(f, "{" + base + ", \"objective\": {\"terms\": [{\"name\": \"hint\", \"weight\": 2.5}]}}");
        assertEquals(2.5, RunSpecFiles.read(f).objective().weight(Objective.HINT));
        Files.writeString(f, "{" + base + ", \"objective\": {\"terms\": [{\"name\": \"task-irrelevant\", \"weight\": "
                + "0.5}]}}");
        BadInputException e = assertThrows(BadInputException.class, () -> RunSpecFiles.read(f));
        assertTrue(e.getMessage().contains("objective.terms[0].name: a transfer run computes hint, not "
                + "'task-irrelevant'"), e.getMessage());
        RunSpec teacher = RunSpec.builder().kind("teacher").data("rooms").student(new RunSpec.Student(
                "alexnet-small", null, null)).batchSize(8).iterations(10).inputSize(64).build();
        assertTrue(teacher.objective().terms().isEmpty(), "a teacher trains with cross-entropy");
    }

    /**
     * A term's weight must still be there when the backward pass reads it: a Java number multiplied into an array is
     * a tensor over a direct buffer that a garbage collection between forward and backward frees (NativeScalar), and
     * the gradient then came back as whatever the memory held. SOCKET runs in a long experiment turned NaN that way,
     * one in a few. Here a collection runs between every forward and backward.
     */
    @Test
    void weightsSurviveAGarbageCollectionBetweenForwardAndBackward() {
        Objective weighted = Objective.of(new Objective.Term("pseudo-labels", 0.3),
                new Objective.Term("task-irrelevant", 0.5));
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < 20; i++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.create(new float[] {1f, 2f});
                    x.setRequiresGradient(true);
                    NDArray[] mean = {step.create(new float[] {1f}), step.create(new float[] {0f})};
                    try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance()
                            .newGradientCollector()) {
                        NDArray loss = weighted.evaluate(t -> t.equals("pseudo-labels") ? x.sum()
                                : BatchNormStatistics.value(List.of(new BatchNormStatistics.Layer("bn1", x.get("0:1"),
                                        mean[0], mean[1], mean[1])))).total();
                        for (int k = 0; k < 50; k++) {
                            java.nio.ByteBuffer.allocateDirect(1 << 16).putFloat(0, -2.3e38f);
                        }
                        System.gc();
                        gc.backward(loss);
                    }
                    // d/dx0 = 0.3 + 0.5 * 10 * d|x0 - 0|/dx0 (the first BN layer's weight 10); d/dx1 = 0.3
                    float[] g = x.getGradient().toFloatArray();
                    assertEquals(0.3f + 5f, g[0], 1e-4f, "step " + i);
                    assertEquals(0.3f, g[1], 1e-6f, "step " + i);
                }
            }
        }
    }
}
