package org.xmodal.engine.transfer;

import org.xmodal.engine.run.MatchTo;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.Teacher;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.ParameterOptimizer;
import org.xmodal.engine.train.Replica;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.train.TrainingStep;

/** Runs (or resumes) a supervision-transfer run from its directory, to the end or until cancelled. */
public final class TransferRun {
    private TransferRun() {
    }

    /** Runs on the device the spec asks for, or shares each step over the GPUs it lists ({@code gpu:all}). */
    public static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, EncodingCache cache,
                                               ProgressListener preparation, TrainingLoop.Listener listener,
                                               Cancellation cancel) throws IOException {
        return execute(run, RunSession.begin(run, resume, true), 1, cache, preparation, listener, cancel);
    }

    /**
     * The run with each step shared over {@code devices} as {@code microBatches} micro-batches on each, whatever
     * its spec says: lets a test stand several copies on the CPU in for several GPUs, and compare them with one
     * device computing the same shares one after the other.
     */
    static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, List<Device> devices, int microBatches,
                                        EncodingCache cache, ProgressListener preparation,
                                        TrainingLoop.Listener listener, Cancellation cancel) throws IOException {
        RunSession.Begin begin = RunSession.begin(run, resume);
        return execute(run, new RunSession.Begin(begin.spec(), devices, begin.start()), microBatches, cache,
                preparation, listener, cancel);
    }

    private static TrainingLoop.Outcome execute(RunDirectory run, RunSession.Begin begin, int microBatches,
                                                EncodingCache cache,
                                                ProgressListener preparation, TrainingLoop.Listener listener,
                                                Cancellation cancel) throws IOException {
        RunSpec spec = begin.spec();
        Device device = begin.device();
        long start = begin.start();
        try (PairedDataset ds = RunSession.openData(spec, preparation, cancel)) {
            List<Pair> pairs = ds.pairs(Split.TRAIN);
            PairEncoding encoding = PairEncoding.of(spec.encoding(), ds, cache);
            int side = spec.inputSize();
            Shape input = new Shape(spec.batchSize(), 3, side, side);
            RunSpec.Augmentation aug = spec.augmentation();
            try (TransferBatches batches = aug.regions()
                    ? PairedRegionBatches.prepare(encoding, pairs, side, spec.batchSize(), spec.seed(), aug.flip(),
                    aug.proposals(), preparation, cancel)
                    : PairedBatches.prepare(encoding, pairs, side, spec.batchSize(), spec.seed(), aug.randomCrop(),
                    aug.flip(), aug.cropGrid(), preparation, cancel);
                 NDManager manager = NDManager.newBaseManager(device)) {
                Shape studentTap = NetworkFactory.create(spec.student().architecture(), 3, 0)
                        .outputShape(input, spec.student().tap());
                Teacher teacher = Teachers.open(spec.teacher(), input, studentTap, spec.seed(), device, manager);
                try (SupervisionTransfer transfer = SupervisionTransfer.forSpec(spec, teacher, input, manager)) {
                    if (spec.adaptation().matchNorms()) {
                        try (NDManager calib = manager.newSubManager()) {
                            PairedBatches.Batch first = batches.get(0);
                            transfer.matchNorms(NetworkInput.tensor(calib, first.source(), input),
                                    spec.adaptation().matchTo() == MatchTo.STUDENT
                                            ? NetworkInput.tensor(calib, first.target(), input) : null);
                        }
                        run.append(RunEvent.of(RunEvent.METRIC, start).with("name", "teacherScale")
                                .with("value", transfer.teacherScale()).with("matchTo", spec.adaptation().matchTo())
                                .with("targetMeanSquare", transfer.targetMeanSquare()));
                    }
                    TeacherFeatureCache featureCache = spec.teacher().cached()
                            ? openCache(cache, spec, teacher.description(), batches, input, transfer) : null;
                    CachedTargets cached = featureCache == null ? null : new CachedTargets(featureCache, transfer,
                            teacher.featureShape(input));
                    ParameterOptimizer optimizer = ParameterOptimizer.create(spec.optimizer(), manager);
                    List<Replica> replicas = new ArrayList<>();
                    replicas.add(new Replica(manager, transfer.trainable(), step(spec.objective(), transfer, cached,
                            batches, input, spec.batchSize())));
                    List<AutoCloseable> copies = new ArrayList<>();
                    try {
                        // data-parallel: the same networks on every further device (same seed and initial weights,
                        // the primary's feature scale); the loop hands them the primary's parameters before each step
                        for (Device d : begin.devices().subList(1, begin.devices().size())) {
                            NDManager m = NDManager.newBaseManager(d);
                            copies.add(m);
                            SupervisionTransfer copy = SupervisionTransfer.forSpec(spec, Teachers.open(spec.teacher(),
                                    input, studentTap, spec.seed(), d, m), input, m);
                            copies.add(0, copy); // closed before its manager
                            copy.useScaleOf(transfer);
                            CachedTargets c = featureCache == null ? null : new CachedTargets(featureCache, copy,
                                    teacher.featureShape(input));
                            replicas.add(new Replica(m, copy.trainable(), step(spec.objective(), copy, c, batches,
                                    input, spec.batchSize())));
                        }
                        if (replicas.size() > 1 && transfer.student().normalisesByBatchUpTo(transfer.tap())) {
                            run.append(RunEvent.of(RunEvent.WARNING, start).with("reason", "the student "
                                    + spec.student().architecture() + " normalises by batch statistics (BatchNorm): "
                                    + "each of the " + replicas.size() + " devices normalises its "
                                    + spec.batchSize() / replicas.size() + " images by their own statistics (as "
                                    + "PyTorch's DistributedDataParallel does without SyncBatchNorm), so the run "
                                    + "does not train exactly as on one device"));
                        }
                        TrainingLoop loop = new TrainingLoop(run, spec, replicas, optimizer, batches.pairCount())
                                .microBatches(microBatches)
                                .listener(listener)
                                .onSnapshot(step -> RunSession.writeFilters(run, transfer.student(), step));
                        if (start > 0) {
                            loop.restore(start);
                        }
                        TrainingLoop.Outcome outcome;
                        try {
                            outcome = loop.run(start, cancel);
                        } finally {
                            if (featureCache != null) {
                                featureCache.close();
                            }
                        }
                        if (outcome == TrainingLoop.Outcome.FINISHED) {
                            Map<String, NDArray> student = new LinkedHashMap<>();
                            transfer.student().parametersUpTo(transfer.tap())
                                    .forEach((k, p) -> student.put(k, p.getArray()));
                            RunSession.saveWeights(run, student);
                        }
                        return outcome;
                    } finally {
                        for (AutoCloseable c : copies) {
                            try {
                                c.close();
                            } catch (Exception e) {
                                // a copy that cannot be closed holds only memory, which its manager frees
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            RunSession.failed(run, start, e);
            throw e;
        }
    }

    /** One replica's forward pass: its share of the step's batch against the (cached or fresh) teacher targets. */
    private static TrainingStep step(Objective objective, SupervisionTransfer transfer, CachedTargets cached,
                                     TransferBatches batches, Shape input, int batchSize) {
        return new TrainingStep() {
            private Map<String, Double> terms = Map.of();

            @Override
            public NDArray loss(NDManager bm, long step) {
                return loss(bm, step, 0, 1);
            }

            @Override
            public Map<String, Double> termValues() {
                return terms;
            }

            @Override
            public NDArray loss(NDManager bm, long step, int part, int parts) {
                PairedBatches.Batch b = batches.get(step);
                NDArray rgb = NetworkInput.tensor(bm, b.source(), input);
                NDArray paired = NetworkInput.tensor(bm, b.target(), input);
                NDArray targets = cached == null
                        ? transfer.targets(TrainingStep.slice(rgb, part, parts))
                        : TrainingStep.slice(cached.targets(b, rgb, bm), part, parts);
                NDArray student = TrainingStep.slice(paired, part, parts);
                Objective.Evaluation e = objective.evaluate(term -> switch (term) {
                    case Objective.HINT -> transfer.lossAgainst(targets, student, batchSize);
                    default -> throw new IllegalArgumentException("a transfer run computes no term " + term);
                });
                terms = e.values().size() > 1 ? Objective.floats(e.values()) : Map.of();
                return e.total();
            }

            @Override
            public boolean splittable() {
                return true;
            }

            @Override
            public boolean normalisesByBatch() {
                return transfer.student().normalisesByBatchUpTo(transfer.tap());
            }
        };
    }

    private static TeacherFeatureCache openCache(EncodingCache cache, RunSpec spec, String teacher,
                                                 TransferBatches batches, Shape input, SupervisionTransfer transfer)
            throws IOException {
        if (batches.viewCount() == 0) {
            throw new IllegalArgumentException(TeacherFeatureEncoder.NEEDS_FINITE_CROPS);
        }
        Shape f = transfer.teacher().featureShape(input);
        String fingerprint = TeacherFeatureEncoder.fingerprint(spec, teacher, batches.pairCount(), f);
        return TeacherFeatureCache.open(cache.root().resolve("teacher"), fingerprint, batches.viewCount(),
                Math.toIntExact(f.size() / f.get(0)));
    }
}
