package org.xmodal.engine.distill;

import org.xmodal.engine.run.Distill;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunKinds;
import org.xmodal.engine.nn.HintLoss;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.FinetuneInput;
import org.xmodal.engine.run.FinetuneTask;
import org.xmodal.engine.run.MatchTo;
import org.xmodal.engine.run.OptimizerType;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.TrainingLoop;

/**
 * A distillation run on synthetic rooms with a teacher trained here: every term a curve, the loss their weighted sum,
 * the accuracy scored, a resume that repeats the uninterrupted run (CRD's memory bank and BatchNorm's statistics are
 * state), and the combinations that cannot work refused before a run folder is made.
 */
class DistillRunTest {
    /** Every term at once, small weights where the values are large, so the mechanics are tested together. */
    private static final Objective ALL = Objective.of(new Objective.Term(Objective.CE, 1),
            new Objective.Term(Objective.HINT, 0.1), new Objective.Term(Objective.COSINE_HINT, 1),
            new Objective.Term(Objective.KD, 1), new Objective.Term(Objective.ATTENTION, 100),
            new Objective.Term(Objective.RKD_DISTANCE, 1), new Objective.Term(Objective.RKD_ANGLE, 2),
            new Objective.Term(Objective.CRD, 0.8), new Objective.Term(Objective.CSC, 1),
            new Objective.Term(Objective.FILTER_CE, 1), new Objective.Term(Objective.FILTER_TRIPLET, 1),
            new Objective.Term(Objective.FILTER_SPARSITY, 0.001));

    @TempDir
    static Path tmp;
    private static Path data;
    private static RunDirectory teacher;
    private static RunDirectory headless;

    @BeforeAll
    static void teachers() throws Exception {
        data = tmp.resolve("rooms");
        SynthDatasetWriter.write(SynthConfig.of(7, 40).withSize(64, 48).withFractions(1.0, 0.25), data, false, 2,
                ProgressListener.NONE, new Cancellation());
        teacher = finished(RunDirectory.create(tmp.resolve("runs"), teacherSpec("teacher", 5)));
        // a transfer-style teacher: the same network without a classifier
        headless = finished(RunDirectory.create(tmp.resolve("runs"), teacherSpec("headless", 1)));
    }

    private static RunSpec teacherSpec(String name, int iterations) {
        return RunSpec.builder().name(name).kind("finetune").data(data.toString()).modality("depth")
                .student(new RunSpec.Student(NetworkFactory.RESNET18_SMALL, null, null))
                .optimizer(new RunSpec.Optimizer(OptimizerType.SGD, 1e-2, 0.9, 1e-3, true))
                .batchSize(8).iterations(iterations).inputSize(64).seed(3).device("cpu").threads(0)
                .finetune(new RunSpec.Finetune(FinetuneInput.RGB, null, null, FinetuneTask.SCENES, null, null, 0.0))
                .build();
    }

    private static RunDirectory finished(RunDirectory run) throws IOException {
        TrainingLoop.Outcome outcome = execute(run, false, Cancellation.NEVER, -1);
        List<RunEvent> events = run.events();
        assertEquals(TrainingLoop.Outcome.FINISHED, outcome, events.get(events.size() - 1).text("reason"));
        return run;
    }

    private static RunSpec distill(String name, Objective objective, String teacherWeights) {
        return RunSpec.builder().name(name).kind("distill").data(data.toString()).modality("depth")
                .teacher(new RunSpec.Teacher("network", NetworkFactory.RESNET18_SMALL, teacherWeights, null))
                .student(new RunSpec.Student(NetworkFactory.RESNET18_SMALL, null, null)).objective(objective)
                .adaptation(new RunSpec.Adaptation(false, MatchTo.UNIT, HintLoss.PER_ELEMENT))
                .distill(Distill.defaults().withCrdNegatives(8))
                .optimizer(new RunSpec.Optimizer(OptimizerType.ADAM, 1e-3, 0, 5e-4))
                .batchSize(8).iterations(6).inputSize(64).seed(4).device("cpu").threads(0).checkpointEvery(2)
                .logEvery(1).build();
    }

    private static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, Cancellation cancel, long stopAfter)
            throws IOException {
        TrainingLoop.Listener stop = (step, total, loss, speed, eta) -> {
            if (step == stopAfter) {
                cancel.cancel();
            }
        };
        return RunKinds.execute(run, resume, new EncodingCache(tmp.resolve("cache")), ProgressListener.NONE, stop,
                cancel);
    }

    @Test
    void everyTermIsACurveTheAccuracyIsScoredAndAResumeRepeatsTheRun() throws Exception {
        RunSpec spec = distill("all-terms", ALL, teacher.path().toString());
        RunKinds.check(spec);
        RunDirectory whole = finished(RunDirectory.create(tmp.resolve("runs"), spec));
        double weighted = 0;
        for (Objective.Term t : ALL.terms()) {
            Map<Long, Double> curve = whole.metrics().series("objective/" + t.name());
            assertEquals(6, curve.size(), t.name());
            assertTrue(curve.values().stream().allMatch(Double::isFinite), t.name() + ": " + curve);
            weighted += t.weight() * curve.get(1L);
        }
        assertEquals(6, whole.metrics().series(DistillRun.GATE_CLEAN).size(), "the filter's gate is a curve");
        assertTrue(whole.metrics().series(DistillRun.GATE_CORRUPTED).isEmpty(), "no pair is corrupted here");
        double total = whole.metrics().series("loss").get(1L);
        assertEquals(weighted, total, 1e-3 * Math.abs(total), "the loss is the weighted sum of the terms");
        SceneAccuracy a = Json.MAPPER.readValue(whole.results().resolve(SceneAccuracy.FILE).toFile(),
                SceneAccuracy.class);
        assertTrue(a.accuracy() >= 0 && a.accuracy() <= 1 && a.images() > 0, a.toString());

        // stopped after 3 steps (between checkpoints) and resumed: the same losses and the same final student
        RunDirectory stopped = RunDirectory.create(tmp.resolve("runs"), spec);
        assertEquals(TrainingLoop.Outcome.STOPPED, execute(stopped, false, new Cancellation(), 3));
        assertEquals(TrainingLoop.Outcome.FINISHED, execute(RunDirectory.open(stopped.path()), true,
                Cancellation.NEVER, -1));
        Map<Long, Double> expected = whole.metrics().series("loss");
        Map<Long, Double> resumed = RunDirectory.open(stopped.path()).metrics().series("loss");
        for (long s = 1; s <= 6; s++) {
            assertEquals(expected.get(s), resumed.get(s), 1e-4 * Math.abs(expected.get(s)), "loss at step " + s);
        }
        for (String p : List.of("conv1.weight", "layer4.1.bn2.running_var", "fc.weight")) {
            float[] w1 = NetworkWeights.readValues(whole.results().resolve("weights.params"), p).data();
            float[] w2 = NetworkWeights.readValues(stopped.results().resolve("weights.params"), p).data();
            for (int i = 0; i < w1.length; i++) {
                assertEquals(w1[i], w2[i], 1e-4 * Math.max(1, Math.abs(w1[i])), p + "[" + i + "]");
            }
        }
    }

    @Test
    void crossEntropyAloneNeedsNoTeacherOutputsAndLearnsFromTheLabels() throws Exception {
        RunSpec spec = distill("ce", Objective.of(new Objective.Term(Objective.CE, 1)), teacher.path().toString());
        RunDirectory run = finished(RunDirectory.create(tmp.resolve("runs"), spec));
        Map<Long, Double> ce = run.metrics().series("loss");
        assertEquals(6, ce.size());
        assertTrue(ce.get(1L) > 1.0, "a fresh classifier of 5 classes starts near ln 5: " + ce);
    }

    @Test
    void impossibleCombinationsAreRefusedBeforeARunFolderIsMade() throws Exception {
        BadInputException noClassifier = assertThrows(BadInputException.class, () -> RunKinds.check(distill("kd",
                Objective.of(new Objective.Term(Objective.CE, 1), new Objective.Term(Objective.KD, 1)),
                headlessWeights())));
        assertTrue(noClassifier.getMessage().contains("has no classifier (fc): kd distils the teacher's class "
                + "probabilities"), noClassifier.getMessage());

        RunSpec bigBank = distill("crd", Objective.of(new Objective.Term(Objective.CE, 1),
                new Objective.Term(Objective.CRD, 1)), teacher.path().toString()).toBuilder()
                .distill(Distill.defaults()).build();
        BadInputException crd = assertThrows(BadInputException.class, () -> RunKinds.check(bigBank));
        assertTrue(crd.getMessage().contains("the memory bank CRD draws its 4096 negatives per pair from: set "
                + "distill.crdNegatives below"), crd.getMessage());

        IllegalArgumentException csc = assertThrows(IllegalArgumentException.class, () -> distill("csc",
                Objective.of(new Objective.Term(Objective.CE, 1), new Objective.Term(Objective.CSC, 1)),
                teacher.path().toString()));
        assertTrue(csc.getMessage().contains("csc calibrates the student against the modality noise filter's "
                + "features, and the filter learns from filter-ce"), csc.getMessage());

        // a dataset whose train pairs carry no labels: CSC (and cross-entropy) cannot learn from it
        Path unlabelled = tmp.resolve("unlabelled");
        SynthDatasetWriter.write(SynthConfig.of(7, 12).withSize(64, 48).withFractions(0.0, 0.25), unlabelled,
                false, 2, ProgressListener.NONE, new Cancellation());
        RunSpec noLabels = distill("no-labels", Objective.robust(), teacher.path().toString()).toBuilder()
                .data(unlabelled.toString()).build();
        BadInputException labels = assertThrows(BadInputException.class, () -> RunKinds.check(noLabels));
        assertTrue(labels.getMessage().contains("csc needs every pair's class label"), labels.getMessage());
    }

    @Test
    void theGateIsAveragedSeparatelyOverTheBatchsCorruptedAndCleanPairs() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray gate = m.create(new float[] {0.2f, 0.4f, 0.9f, 0.7f, 0.5f, 0.5f},
                    new ai.djl.ndarray.types.Shape(3, 2));
            boolean[] noisy = {false, true, false, false};
            Map<String, Double> d = DistillRun.gateByPair(gate, new int[] {1, 2, 1}, noisy);
            assertEquals((0.3 + 0.5) / 2, d.get(DistillRun.GATE_CORRUPTED), 1e-6);
            assertEquals(0.8, d.get(DistillRun.GATE_CLEAN), 1e-6);
            Map<String, Double> clean = DistillRun.gateByPair(gate, new int[] {0, 2, 3}, noisy);
            assertEquals(List.of(DistillRun.GATE_CLEAN), List.copyOf(clean.keySet()));
        }
    }

    private static String headlessWeights() throws IOException {
        // the headless teacher's weights without its classifier, as a transfer student's would be
        Path file = tmp.resolve("headless.params");
        if (!java.nio.file.Files.exists(file)) {
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
                Map<String, ai.djl.ndarray.NDArray> kept = NetworkWeights.read(headless.results().resolve(
                        "weights.params"), m, n -> !n.startsWith("fc."));
                NetworkWeights.saveArrays(kept, file);
            }
        }
        return file.toString();
    }
}
