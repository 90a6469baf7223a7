package org.xmodal.engine.train;

import org.xmodal.engine.run.OptimizerType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.run.RunStatus;
import org.xmodal.engine.task.Cancellation;

/** The loop on a tiny linear regression, where every step's data comes from (seed, step). */
class TrainingLoopTest {
    private static final float[] TRUE_W = {0.5f, -1.5f, 2.0f, 0.25f};

    @TempDir
    Path runs;

    private static RunSpec spec(int iterations, String optimizer) {
        return RunSpec.builder().name("regression").kind("transfer").data("unused").modality("depth")
                .teacher(new RunSpec.Teacher("random", "alexnet-small", null, "pool5"))
                .student(new RunSpec.Student("alexnet-small", "pool5", "random")) // unused: the test trains its own
                .optimizer(new RunSpec.Optimizer(optimizer, 0.05, 0.9, 0.0005))
                .schedule(new RunSpec.Schedule(15, 0.5)).batchSize(8).iterations(iterations).inputSize(32).seed(3)
                .device("cpu").threads(0).checkpointEvery(5).logEvery(1).build();
    }

    /** A run of the regression with its own manager and weights initialised from the seed. */
    private static final class Regression implements AutoCloseable {
        final NDManager manager = NDManager.newBaseManager();
        final Map<String, NDArray> params = new LinkedHashMap<>();
        final RunDirectory run;
        final RunSpec spec;
        int nanAtStep = -1;

        Regression(RunDirectory run, RunSpec spec) {
            this.run = run;
            this.spec = spec;
            SplittableRandom init = new SplittableRandom(spec.seed());
            float[] w = new float[TRUE_W.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) init.nextGaussian();
            }
            NDArray weights = manager.create(w, new Shape(w.length, 1));
            weights.setRequiresGradient(true);
            params.put("linear.weight", weights);
        }

        /** The regression's loss on rows [part*B/parts, (part+1)*B/parts), normalised by the whole batch. */
        NDArray partLoss(NDManager batch, long step, int part, int parts) {
            NDArray[] xy = data(batch, step);
            NDArray err = TrainingStep.slice(xy[0], part, parts).matMul(params.get("linear.weight"))
                    .sub(TrainingStep.slice(xy[1], part, parts));
            return err.square().sum().div(spec.batchSize());
        }

        NDArray[] data(NDManager batch, long step) {
            SplittableRandom r = StepRandom.of(spec.seed(), step, 0);
            float[] x = new float[spec.batchSize() * TRUE_W.length];
            float[] y = new float[spec.batchSize()];
            for (int b = 0; b < spec.batchSize(); b++) {
                for (int j = 0; j < TRUE_W.length; j++) {
                    x[b * TRUE_W.length + j] = (float) r.nextGaussian();
                    y[b] += x[b * TRUE_W.length + j] * TRUE_W[j];
                }
            }
            return new NDArray[] {batch.create(x, new Shape(spec.batchSize(), TRUE_W.length)),
                    batch.create(y, new Shape(spec.batchSize(), 1))};
        }

        TrainingLoop loop() {
            ParameterOptimizer opt = ParameterOptimizer.create(spec.optimizer().type(), spec.optimizer().momentum(),
                    spec.optimizer().weightDecay(), manager);
            return new TrainingLoop(run, spec, manager, params, opt, 64, (batch, step) -> {
                NDArray[] xy = data(batch, step);
                NDArray loss = xy[0].matMul(params.get("linear.weight")).sub(xy[1]).square().mean();
                return step == nanAtStep ? loss.mul(Float.NaN) : loss;
            });
        }

        float[] weights() {
            return params.get("linear.weight").toFloatArray();
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    @Test
    void runFinishesWithFallingLossCurveCheckpointsAndEvents() throws Exception {
        RunSpec spec = spec(30, "sgd");
        RunDirectory dir = RunDirectory.create(runs, spec);
        try (Regression r = new Regression(dir, spec)) {
            assertEquals(TrainingLoop.Outcome.FINISHED, r.loop().run(0, Cancellation.NEVER));
        }
        List<MetricsLog.Row> loss = dir.metrics().read().stream().filter(m -> m.name().equals("loss")).toList();
        assertEquals(30, loss.size());
        assertTrue(loss.get(29).value() < 0.05 * loss.get(0).value(), "loss falls: " + loss.get(0) + " -> " + loss.get(29));
        assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L), dir.checkpointSteps());
        assertEquals(RunStatus.State.FINISHED, dir.status().state());
    }

    @Test
    void theEtaIgnoresTheWarmUpStepAndIsUnknownUntilSpeedIsMeasured() throws Exception {
        RunSpec spec = spec(60, "sgd");
        RunDirectory dir = RunDirectory.create(runs, spec);
        List<double[]> reported = new java.util.ArrayList<>();
        try (Regression r = new Regression(dir, spec)) {
            ParameterOptimizer opt = ParameterOptimizer.create(spec.optimizer().type(), spec.optimizer().momentum(),
                    spec.optimizer().weightDecay(), r.manager);
            TrainingLoop loop = new TrainingLoop(dir, spec, r.manager, r.params, opt, 64, (batch, step) -> {
                try {
                    Thread.sleep(step == 0 ? 2200 : 40); // a slow first step, as a process's first always is
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                NDArray[] xy = r.data(batch, step);
                return xy[0].matMul(r.params.get("linear.weight")).sub(xy[1]).square().mean();
            }).listener((done, total, loss, speed, eta) -> reported.add(new double[] {done, eta}));
            assertEquals(TrainingLoop.Outcome.FINISHED, loop.run(0, Cancellation.NEVER));
        }
        assertTrue(Double.isNaN(reported.get(0)[1]), "after the warm-up step the ETA is unknown, not 2.2 s x 59");
        boolean measured = false;
        for (double[] r : reported) {
            if (!Double.isNaN(r[1])) {
                measured = true;
                // what remains at 40 ms a step, with room for a slow machine; the warm-up's speed would say 130 s
                assertTrue(r[1] <= (60 - r[0]) * 0.2 + 0.5, "ETA " + r[1] + " s at step " + (long) r[0]);
            }
        }
        assertTrue(measured, "the speed is measured once the steps after the first have run for 2 s");
    }

    @Test
    void resumedRunContinuesExactlyAsAnUninterruptedOne() throws Exception {
        for (String optimizer : List.of("sgd", "adam", "adamw")) {
            RunSpec spec = spec(20, optimizer);
            RunDirectory whole = RunDirectory.create(runs, spec);
            float[] expected;
            try (Regression r = new Regression(whole, spec)) {
                r.loop().run(0, Cancellation.NEVER);
                expected = r.weights();
            }
            RunDirectory parts = RunDirectory.create(runs, spec);
            try (Regression first = new Regression(parts, spec)) {
                Cancellation stop = new Cancellation();
                TrainingLoop loop = first.loop().listener((done, total, loss, speed, eta) -> {
                    if (done == 12) {
                        stop.cancel();
                    }
                });
                assertEquals(TrainingLoop.Outcome.STOPPED, loop.run(0, stop));
            }
            // what a killed process leaves: metrics beyond the last checkpoint (10) that resume must drop
            parts.metrics().append(new MetricsLog.Row(13, 0, "train", "loss", 123));
            try (Regression resumed = new Regression(parts, spec)) {
                long from = parts.latestCheckpointStep().orElseThrow();
                assertEquals(12, from, "stopping writes a checkpoint at the step reached");
                TrainingLoop loop = resumed.loop();
                loop.restore(from);
                loop.run(from, Cancellation.NEVER);
                assertArrayEquals(expected, resumed.weights(), optimizer + ": final weights differ");
            }
            assertEquals(lossCurve(whole), lossCurve(parts), optimizer + ": loss curves differ");
            // TensorBoard's copy (read by the tests' own parser) holds every row of metrics.csv once, the rows the
            // killed attempt wrote after its checkpoint dropped, as the CSV's are
            assertEquals(boardRows(whole), csvRows(whole), optimizer);
            assertEquals(boardRows(parts), csvRows(parts), optimizer + ": resumed run's event files");
            assertEquals(1, parts.board().files().size(), optimizer);
        }
    }

    @Test
    void nonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        RunSpec spec = spec(20, "sgd");
        RunDirectory dir = RunDirectory.create(runs, spec);
        try (Regression r = new Regression(dir, spec)) {
            r.nanAtStep = 7;
            assertEquals(TrainingLoop.Outcome.FAILED, r.loop().run(0, Cancellation.NEVER));
            float[] before = r.weights();
            for (float w : before) {
                assertTrue(Float.isFinite(w), "weights were not updated with the NaN gradient");
            }
        }
        RunEvent last = dir.events().get(dir.events().size() - 1);
        assertEquals(RunEvent.FAILED, last.type());
        assertTrue(last.text("reason").contains("NaN at step 8"), last.text("reason"));
        assertEquals(List.of(5L), dir.checkpointSteps());
        assertEquals(RunStatus.State.FAILED, dir.status().state());
    }

    @Test
    void outOfMemorySplitsTheBatchIntoMicroBatchesWithTheSameUpdates() throws Exception {
        RunSpec spec = spec(10, "sgd");
        float[] expected;
        try (Regression whole = new Regression(RunDirectory.create(runs, spec), spec)) {
            whole.loop().run(0, Cancellation.NEVER);
            expected = whole.weights();
        }
        RunDirectory dir = RunDirectory.create(runs, spec);
        try (Regression r = new Regression(dir, spec)) {
            ParameterOptimizer opt = ParameterOptimizer.create(OptimizerType.SGD, 0.9, 0.0005, r.manager);
            TrainingStep splittable = new TrainingStep() {
                @Override
                public NDArray loss(NDManager batch, long step) {
                    return loss(batch, step, 0, 1);
                }

                @Override
                public NDArray loss(NDManager batch, long step, int part, int parts) {
                    if (parts < 4) {
                        throw new ai.djl.engine.EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
                    }
                    return r.partLoss(batch, step, part, parts);
                }

                @Override
                public boolean splittable() {
                    return true;
                }
            };
            assertEquals(TrainingLoop.Outcome.FINISHED,
                    new TrainingLoop(dir, spec, r.manager, r.params, opt, 64, splittable).run(0, Cancellation.NEVER));
            assertArrayEquals(expected, r.weights(), 1e-5f, "accumulated micro-batches update as the whole batch");
        }
        List<RunEvent> warnings = dir.events().stream().filter(e -> e.type().equals(RunEvent.WARNING)).toList();
        assertEquals(2, warnings.size(), "split twice: 2 then 4 micro-batches");
        assertTrue(warnings.get(1).text("reason").contains("4 micro-batches of 2"), warnings.get(1).text("reason"));
    }

    @Test
    void eachTermOfAManyTermObjectiveIsAMetricOfItsOwn() throws Exception {
        RunSpec spec = spec(6, "sgd");
        RunDirectory dir = RunDirectory.create(runs, spec);
        try (Regression r = new Regression(dir, spec)) {
            ParameterOptimizer opt = ParameterOptimizer.create(OptimizerType.SGD, 0.9, 0.0005, r.manager);
            TrainingStep twoTerms = new TrainingStep() {
                private long last;

                @Override
                public NDArray loss(NDManager batch, long step) {
                    last = step;
                    return r.partLoss(batch, step, 0, 1);
                }

                @Override
                public java.util.Map<String, Double> termValues() {
                    return java.util.Map.of("information-maximisation", -0.5 - last, "task-irrelevant", 2.0 + last);
                }
            };
            assertEquals(TrainingLoop.Outcome.FINISHED,
                    new TrainingLoop(dir, spec, r.manager, r.params, opt, 64, twoTerms).run(0, Cancellation.NEVER));
        }
        java.util.Map<Long, Double> ti = dir.metrics().series("objective/task-irrelevant");
        assertEquals(6, ti.size(), "a row per logged step");
        assertEquals(2.0 + 5, ti.get(6L), 1e-12, "the value of the step that row logs");
        assertEquals(-0.5, dir.metrics().series("objective/information-maximisation").get(1L), 1e-12);
    }

    @Test
    void outOfMemoryWithBatchStatisticsFailsTheRunInsteadOfSplittingIt() throws Exception {
        RunSpec spec = spec(10, "sgd");
        RunDirectory dir = RunDirectory.create(runs, spec);
        try (Regression r = new Regression(dir, spec)) {
            ParameterOptimizer opt = ParameterOptimizer.create(OptimizerType.SGD, 0.9, 0.0005, r.manager);
            List<Integer> partsTried = new java.util.ArrayList<>();
            TrainingStep batchNormalised = new TrainingStep() {
                @Override
                public NDArray loss(NDManager batch, long step) {
                    return loss(batch, step, 0, 1);
                }

                @Override
                public NDArray loss(NDManager batch, long step, int part, int parts) {
                    partsTried.add(parts);
                    throw new ai.djl.engine.EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
                }

                @Override
                public boolean splittable() {
                    return true;
                }

                @Override
                public boolean normalisesByBatch() {
                    return true;
                }
            };
            TrainingLoop loop = new TrainingLoop(dir, spec, r.manager, r.params, opt, 64, batchNormalised);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(0, Cancellation.NEVER));
            assertTrue(e.getMessage().contains("BatchNorm") && e.getMessage().contains("lower batchSize"),
                    e.getMessage());
            assertEquals(List.of(1), partsTried, "never split into parts that normalise by their own statistics");
            assertThrows(IllegalArgumentException.class, () -> loop.microBatches(2));
        }
        assertTrue(dir.events().stream().noneMatch(e -> e.type().equals(RunEvent.WARNING)),
                "no warning claims an unchanged effective batch");
    }

    /** Each scalar of the run's event files as "tag step value", in file order (the spec's text left out). */
    private static List<String> boardRows(RunDirectory dir) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        for (java.nio.file.Path f : dir.board().files()) {
            for (org.xmodal.engine.tensorboard.TfEventsParser.Entry e
                    : org.xmodal.engine.tensorboard.TfEventsParser.parse(f)) {
                if (e.simpleValue() != null) {
                    rows.add(e.tag() + " " + e.step() + " " + e.simpleValue());
                }
            }
        }
        return rows;
    }

    /** Each row of metrics.csv as "split/name step value", the value as the float TensorBoard keeps. */
    private static List<String> csvRows(RunDirectory dir) throws Exception {
        return dir.metrics().read().stream().map(r -> r.split() + "/" + r.name() + " " + r.step() + " "
                + (float) r.value()).toList();
    }

    private static List<Double> lossCurve(RunDirectory dir) throws Exception {
        return dir.metrics().read().stream().filter(m -> m.name().equals("loss")).map(MetricsLog.Row::value).toList();
    }
}
