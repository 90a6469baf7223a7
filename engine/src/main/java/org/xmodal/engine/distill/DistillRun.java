package org.xmodal.engine.distill;

import org.xmodal.engine.run.Distill;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.eval.SceneAccuracy;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.PairImages;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.AdaptationLayer;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.nn.NoGrad;
import org.xmodal.engine.objective.AttentionTransfer;
import org.xmodal.engine.objective.ContrastiveRepresentation;
import org.xmodal.engine.objective.ContrastiveSemanticCalibration;
import org.xmodal.engine.objective.CosineHint;
import org.xmodal.engine.objective.ModalityNoiseFilter;
import org.xmodal.engine.objective.NoiseFilterTriplet;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.objective.RelationalKd;
import org.xmodal.engine.objective.SoftTargets;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.Classification;
import org.xmodal.engine.train.ParameterOptimizer;
import org.xmodal.engine.train.StepRandom;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.train.TrainingStep;
import org.xmodal.engine.transfer.InputNormalisation;

/**
 * A distillation run: a classifier of the paired modality (the student, HHA or flow images) learns the task's scene
 * classes from the labelled train pairs with cross-entropy, plus whichever distillation terms the objective weighs
 * against a frozen RGB teacher that sees each pair's RGB image: Hinton's soft targets ({@code kd}), FitNets' hint
 * after an adaptation layer ({@code hint}, or its cosine), attention transfer, relational KD, CRD, and Xia et al.'s
 * noise-robust pair: the modality noise filter ({@code filter-*} terms, which train the filter only) and contrastive
 * semantic calibration ({@code csc}). One training loop for all of them: a method is its terms and weights. At the
 * end the student scores the labelled test pairs (top-1 and per class, {@code results/accuracy.json}).
 *
 * <p>Which gradient goes where, as Xia et al.'s code has it: the student learns from its own terms (cross-entropy,
 * CSC and the classic terms); the filter's terms see the student's features detached, so they train the filter
 * alone; CSC reaches the filter as well as the student (their code never clears the filter's gradient between its
 * two backward passes). The filter learns at {@code distill.filterRate} times the rate (their separate optimiser
 * at 6e-5 beside 3e-4): one optimiser with two rate groups, which for Adam and SGD is the same update.
 *
 * <p>Where this differs from the reference code: images are warped whole to the input size and not augmented, so the
 * frozen teacher's outputs are computed once per pair (the reference crops and flips clips); the student's spatial
 * tokens are its feature map before global pooling (the reference's R(2+1)D map over time and space).
 */
public final class DistillRun {
    /** The student's adaptation layer for {@code hint} and {@code cosine-hint}, as a transfer run names it. */
    static final String ADAPT_WEIGHT = "adapt.weight";
    static final String ADAPT_BIAS = "adapt.bias";
    /** The taps of the teacher's and student's pooled features: a and v of Xia et al. */
    static final String POOLED = "pool5";
    /** The classifier's tap. */
    static final String CLASSIFIER = "fc";
    /** Teacher outputs above this many bytes are refused (they are held in memory for the whole run). */
    private static final long TEACHER_CACHE_LIMIT = 4L << 30;

    private DistillRun() {
    }

    /**
     * What can be told wrong before a run folder is made: a teacher file that is not the named architecture, a
     * {@code kd} teacher with no classifier or another number of classes, taps the networks do not have, pooled
     * widths the noise filter cannot pair, and the dataset's labels (CE and CSC need labelled train pairs of the
     * scene classes, CRD more train pairs than negatives).
     */
    public static void check(RunSpec spec) throws IOException {
        try (PairedDataset ds = RunSession.openData(spec, ProgressListener.NONE, Cancellation.NEVER)) {
            Networks.check(spec, Labelled.of(spec, ds).classes().size());
        }
    }

    public static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, EncodingCache cache,
                                               ProgressListener preparation, TrainingLoop.Listener listener,
                                               Cancellation cancel) throws IOException {
        RunSession.Begin begin = RunSession.begin(run, resume);
        RunSpec spec = begin.spec();
        long start = begin.start();
        Objective objective = spec.objective();
        Distill settings = spec.distill();
        try (PairedDataset ds = RunSession.openData(spec, preparation, cancel);
             NDManager manager = NDManager.newBaseManager(begin.device())) {
            Labelled data = Labelled.of(spec, ds);
            List<String> classes = data.classes();
            int side = spec.inputSize();
            int batch = spec.batchSize();
            Shape input = new Shape(batch, 3, side, side);
            PairEncoding encoding = PairEncoding.of(spec.encoding(), ds, cache);
            InputNormalisation paired = ds.modality() == Modality.FLOW ? InputNormalisation.FLOW
                    : InputNormalisation.IMAGE;
            float[][] trainImages = PairImages.read(data.train(), encoding::studentImage, paired, side,
                    "train images", preparation);
            float[][] testImages = PairImages.read(data.test(), encoding::studentImage, paired, side, "test images",
                    preparation);
            boolean[] noisy = new boolean[data.train().size()];
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] = data.train().get(i).corruption().isPresent();
            }
            int[] labels = data.train().stream().mapToInt(p -> classes.indexOf(p.annotation().scene().orElseThrow()))
                    .toArray();
            cancel.check();

            Networks nets = Networks.build(spec, classes.size(), input, manager);
            ParameterStore store = new ParameterStore(manager, false);
            Map<String, float[][]> teacherOut = teacherOutputs(ds, data.train(), nets, store, side, manager,
                    preparation);

            Map<String, NDArray> trainable = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : nets.student().namedParameters().entrySet()) {
                // BatchNorm's running statistics have no gradient (the optimiser leaves them) but are part of the
                // state: checkpointed with the weights, a resumed run scores the test pairs as the uninterrupted one
                trainable.put(e.getKey(), e.getValue().getArray());
            }
            AdaptationLayer adapter = objective.uses(Objective.HINT) || objective.uses(Objective.COSINE_HINT)
                    ? AdaptationLayer.create(nets.studentFeatureShape(input), nets.teacherFeatureShape(input), spec.seed(),
                    manager) : null;
            if (adapter != null) {
                trainable.put(ADAPT_WEIGHT, adapter.weight());
                trainable.put(ADAPT_BIAS, adapter.bias());
            }
            ModalityNoiseFilter filter = objective.uses(Objective.CSC)
                    ? new ModalityNoiseFilter(manager, nets.pooledWidth(input), classes.size(), spec.seed()) : null;
            if (filter != null) {
                trainable.putAll(filter.parameters());
            }
            ContrastiveRepresentation crd = objective.uses(Objective.CRD)
                    ? new ContrastiveRepresentation(manager, nets.pooledWidth(input), nets.teacherPooledWidth(input),
                    data.train().size(), new ContrastiveRepresentation.Settings(settings.crdEmbedding(),
                    settings.crdNegatives(), settings.crdTemperature(), settings.crdMomentum()), spec.seed())
                    : null;
            if (crd != null) {
                trainable.putAll(crd.parameters());
                trainable.putAll(crd.state());
            }
            java.util.Set<String> filterNames = filter == null ? java.util.Set.of() : filter.parameters().keySet();
            double filterRate = settings.filterRate();
            ParameterOptimizer optimizer = ParameterOptimizer.create(spec.optimizer(),
                    name -> filterNames.contains(name) ? filterRate : 1, manager);

            List<String> studentTaps = nets.studentTaps();
            TrainingStep step = new TrainingStep() {
                private Map<String, Double> terms = Map.of();
                private Map<String, Double> diagnostics = Map.of();

                @Override
                public NDArray loss(NDManager bm, long s) {
                    int[] rows = EpochOrder.rows(spec.seed(), s, batch, trainImages.length);
                    int[] y = IntStream.of(rows).map(r -> labels[r]).toArray();
                    NDArray x = NetworkInput.tensor(bm, PairImages.gather(trainImages, rows), input);
                    Map<String, NDArray> out = Networks.forward(nets.student(), store, x, studentTaps, true);
                    NDArray logits = out.get(CLASSIFIER);
                    NDArray v = flat(out.get(POOLED));
                    Map<String, NDArray> teacher = new LinkedHashMap<>();
                    teacherOut.forEach((tap, values) -> teacher.put(tap, bm.create(PairImages.gather(values, rows),
                            nets.teacherShape(tap, batch))));
                    NDArray a = flat(teacher.get(POOLED));
                    ModalityNoiseFilter.Output[] filtered = new ModalityNoiseFilter.Output[2];
                    Objective.Evaluation e = objective.evaluate(term -> switch (term) {
                        case Objective.CE -> Classification.crossEntropy(logits, y, bm);
                        case Objective.HINT -> adapter.hint(out.get(nets.studentFeatureTap()),
                                teacher.get(nets.teacherFeatureTap()), spec.adaptation().loss());
                        case Objective.COSINE_HINT -> CosineHint.value(adapter.apply(out.get(
                                nets.studentFeatureTap())), teacher.get(nets.teacherFeatureTap()));
                        case Objective.KD -> SoftTargets.value(logits, teacher.get(CLASSIFIER),
                                settings.temperature());
                        case Objective.ATTENTION -> AttentionTransfer.value(
                                settings.attentionTaps().stream().map(out::get).toList(),
                                settings.attentionTaps().stream().map(teacher::get).toList());
                        case Objective.RKD_DISTANCE -> RelationalKd.distance(v, a);
                        case Objective.RKD_ANGLE -> RelationalKd.angle(v, a);
                        case Objective.CRD -> crd.value(v, a, rows, StepRandom.of(spec.seed(), s, 11));
                        // the filter's own terms: the student's features detached, so only the filter learns
                        case Objective.FILTER_CE -> Classification.crossEntropy(filterPass(filtered, filter, a,
                                out, true).logits(), y, bm);
                        case Objective.FILTER_TRIPLET -> NoiseFilterTriplet.value(v.stopGradient(), a,
                                filterPass(filtered, filter, a, out, true).filtered(), settings.filterMargin());
                        case Objective.FILTER_SPARSITY -> filter.gateSparsity(bm);
                        // the student's CSC, through the filter run on its live features
                        case Objective.CSC -> {
                            ModalityNoiseFilter.Output o = filterPass(filtered, filter, a, out, false);
                            yield ContrastiveSemanticCalibration.value(v, o.selected(), o.filtered(), y,
                                    settings.cscThreshold(), settings.cscAdaptive());
                        }
                        default -> throw new IllegalArgumentException("a distill run computes no term " + term);
                    });
                    terms = Objective.floats(e.values());
                    diagnostics = filtered[0] == null ? Map.of() : gateByPair(filtered[0].gate(), rows, noisy);
                    return e.total();
                }

                @Override
                public Map<String, Double> termValues() {
                    return terms;
                }

                @Override
                public Map<String, Double> diagnostics() {
                    return diagnostics;
                }

                @Override
                public boolean normalisesByBatch() {
                    return true;
                }
            };
            TrainingLoop loop = new TrainingLoop(run, spec, manager, trainable, optimizer, data.train().size(), step)
                    .listener(listener).onSnapshot(s -> RunSession.writeFilters(run, nets.student(), s))
                    .beforeFinished(() -> {
                        Map<String, NDArray> weights = new LinkedHashMap<>();
                        nets.student().namedParameters().forEach((k, p) -> weights.put(k, p.getArray()));
                        RunSession.saveWeights(run, weights);
                        SceneAccuracy accuracy = NoGrad.call(() -> evaluate(nets.student(), store, testImages,
                                data.test(), classes, side, manager));
                        Json.writeAtomically(accuracy, run.results().resolve(SceneAccuracy.FILE));
                        run.metrics().append(new MetricsLog.Row(spec.iterations(), Double.NaN, "test", "accuracy",
                                accuracy.accuracy()));
                        run.append(RunEvent.of(RunEvent.METRIC, spec.iterations()).with("name", "accuracy")
                                .with("value", accuracy.accuracy()).with("images", accuracy.images()));
                    });
            if (start > 0) {
                loop.restore(start);
            }
            try {
                return loop.run(start, cancel);
            } finally {
                if (filter != null) {
                    filter.close();
                }
                if (crd != null) {
                    crd.close();
                }
            }
        } catch (IOException | RuntimeException e) {
            RunSession.failed(run, start, e);
            throw e;
        }
    }

    /**
     * The noise filter on this step's teacher feature and the student's tokens, once per step for each of its two
     * uses: on the tokens detached (the filter's own terms) or live (CSC, whose gradient reaches the student).
     */
    private static ModalityNoiseFilter.Output filterPass(ModalityNoiseFilter.Output[] memo, ModalityNoiseFilter filter,
                                                         NDArray teacher, Map<String, NDArray> student,
                                                         boolean detached) {
        int i = detached ? 0 : 1;
        if (memo[i] == null) {
            NDArray tokens = Networks.tokens(student.get(Networks.TOKENS));
            memo[i] = filter.forward(teacher, detached ? tokens.stopGradient() : tokens);
        }
        return memo[i];
    }

    /** The curve of the noise filter's mean gate on the batch's corrupted pairs. */
    public static final String GATE_CORRUPTED = "filter/gate-corrupted";
    /** The curve of the noise filter's mean gate on the batch's clean pairs. */
    public static final String GATE_CLEAN = "filter/gate-clean";

    /**
     * The noise filter's gate averaged over the batch's corrupted pairs and over its clean ones: whether the filter
     * learns to pass less of a teacher whose view disagrees (a curve of each; none for a side the batch lacks).
     */
    static Map<String, Double> gateByPair(NDArray gate, int[] rows, boolean[] noisy) {
        float[] perRow = gate.mean(new int[] {1}).toFloatArray();
        double[] sum = new double[2];
        int[] n = new int[2];
        for (int i = 0; i < rows.length; i++) {
            int side = noisy[rows[i]] ? 1 : 0;
            sum[side] += perRow[i];
            n[side]++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (n[1] > 0) {
            out.put(GATE_CORRUPTED, sum[1] / n[1]);
        }
        if (n[0] > 0) {
            out.put(GATE_CLEAN, sum[0] / n[0]);
        }
        return out;
    }

    /** (B, ...) as (B, rest). */
    static NDArray flat(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }

    /**
     * The teacher's outputs at every tap the objective needs, for every train pair's RGB image, in inference mode
     * (the RGB images are read here and not kept: the frozen teacher's outputs are all the run needs of them).
     */
    private static Map<String, float[][]> teacherOutputs(PairedDataset ds, List<Pair> train, Networks nets,
                                                         ParameterStore store, int side, NDManager manager,
                                                         ProgressListener progress) throws IOException {
        float[][] images = PairImages.read(train, ds::rgb, InputNormalisation.IMAGE, side, "train RGB images",
                progress);
        // said as it begins, of unknown length (one pass, no count): a window shows a running bar, not a full one
        progress.progress("Running the teacher on the train pairs' RGB", -1);
        return NoGrad.call(() -> teacherOutputs(nets, store, images, side, manager));
    }

    private static Map<String, float[][]> teacherOutputs(Networks nets, ParameterStore store, float[][] images,
                                                         int side, NDManager manager) {
        List<String> taps = nets.teacherTaps();
        long bytes = 0;
        for (String tap : taps) {
            bytes += 4L * images.length * nets.teacherShape(tap, 1).size();
        }
        if (bytes > TEACHER_CACHE_LIMIT) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the teacher's outputs at %s "
                    + "for %d train pairs would take %.1f GiB of memory: use fewer attention taps or a smaller "
                    + "input size", String.join(", ", taps), images.length, bytes / (double) (1L << 30)));
        }
        Map<String, float[][]> out = new LinkedHashMap<>();
        taps.forEach(t -> out.put(t, new float[images.length][]));
        PairImages.inChunks(images, side, manager, (x, first) -> {
            Map<String, NDArray> o = Networks.forward(nets.teacher(), store, x, taps, false);
            for (String tap : taps) {
                float[][] r = PairImages.rows(o.get(tap));
                System.arraycopy(r, 0, out.get(tap), first, r.length);
            }
        });
        return out;
    }

    private static SceneAccuracy evaluate(FeatureNetwork net, ParameterStore store, float[][] images, List<Pair> test,
                                          List<String> classes, int side, NDManager manager) {
        long[] predicted = new long[test.size()];
        PairImages.inChunks(images, side, manager, (x, first) -> {
            long[] p = net.forward(store, x, CLASSIFIER, false).argMax(1).toLongArray();
            System.arraycopy(p, 0, predicted, first, p.length);
        });
        return SceneAccuracy.score(predicted, test, classes);
    }

    /** The labelled pairs of the task's scene classes the run trains and scores on. */
    record Labelled(List<String> classes, List<Pair> train, List<Pair> test) {
        static Labelled of(RunSpec spec, PairedDataset ds) throws BadInputException {
            List<String> classes = ds.taskRelevantScenes();
            if (classes.size() < 2) {
                throw new BadInputException(spec.data(), "has " + classes.size() + " scene class" + (classes.size()
                        == 1 ? "" : "es") + " (dataset.json's sceneClasses); a distill run classifies scenes and "
                        + "needs at least two");
            }
            List<Pair> train = withScene(ds.labelled(Split.TRAIN), classes);
            List<Pair> test = withScene(ds.labelled(Split.TEST), classes);
            Objective o = spec.objective();
            if (train.size() < 2) {
                String needs = o.uses(Objective.CSC) ? "csc needs every pair's class label (and cross-entropy too)"
                        : "the student learns the classes from labelled train pairs";
                throw new BadInputException(spec.data(), "has " + train.size() + " labelled train pair"
                        + (train.size() == 1 ? "" : "s") + " with a scene class (" + String.join(", ", classes)
                        + "): " + needs + "; label them (xmodal synth --labelled-fraction 1 labels every train pair)");
            }
            if (o.uses(Objective.CRD) && spec.distill().crdNegatives() >= train.size()) {
                throw new BadInputException(spec.data(), "has " + train.size() + " labelled train pairs, the memory "
                        + "bank CRD draws its " + spec.distill().crdNegatives() + " negatives per pair from: set "
                        + "distill.crdNegatives below " + train.size());
            }
            if (test.isEmpty()) {
                throw new BadInputException(spec.data(), "has no labelled test pair of the scene classes to score "
                        + "the student on (give some pairs \"split\": \"test\" with a scene)");
            }
            return new Labelled(classes, train, test);
        }

        private static List<Pair> withScene(List<Pair> pairs, List<String> classes) {
            return pairs.stream().filter(p -> p.annotation().scene().filter(classes::contains).isPresent()).toList();
        }
    }

    /** Deterministic epochs: every train pair once per epoch, in an order drawn from (seed, epoch) alone. */
    static final class EpochOrder {
        private EpochOrder() {
        }

        /** The {@code batch} rows of step {@code step}: positions step x batch .. of the concatenated epochs. */
        static int[] rows(long seed, long step, int batch, int pairs) {
            int[] out = new int[batch];
            long first = step * batch;
            long epoch = -1;
            int[] order = null;
            for (int i = 0; i < batch; i++) {
                long position = first + i;
                if (position / pairs != epoch) {
                    epoch = position / pairs;
                    order = permutation(StepRandom.of(seed, epoch, 13), pairs);
                }
                out[i] = order[(int) (position % pairs)];
            }
            return out;
        }

        private static int[] permutation(SplittableRandom r, int n) {
            int[] p = IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }
    }

    /** The stored classifier of a weights file: its number of classes, or 0 when it has none. */
    static int storedClasses(Path weights) throws IOException {
        Map<String, Shape> stored = NetworkWeights.contents(weights);
        Shape fc = stored.containsKey("fc.weight") ? stored.get("fc.weight") : stored.get("fc.weight_v");
        return fc == null ? 0 : (int) fc.get(0);
    }
}
