package org.xmodal.engine.socket;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.xmodal.engine.lifecycle.PairImages;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.BatchNormInputs;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.nn.NoGrad;
import org.xmodal.engine.objective.BatchNormStatistics;
import org.xmodal.engine.objective.CentroidPseudoLabels;
import org.xmodal.engine.objective.InformationMaximisation;
import org.xmodal.engine.objective.Objective;
import org.xmodal.engine.objective.TaskIrrelevantMatching;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.ParameterOptimizer;
import org.xmodal.engine.train.StepRandom;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.train.TrainingStep;
import org.xmodal.engine.transfer.InputNormalisation;
import org.xmodal.engine.transfer.Teachers;

/**
 * A SOCKET run (Ahmed et al., ECCV 2022; reference code merlresearch/SOCKET): the target network starts as the
 * trained RGB source model ({@code resnet18-bottleneck}) with its classifier frozen, and learns on the unlabelled
 * target-modality images of the task's scene classes the spec's objective: pseudo-label cross-entropy,
 * information maximisation, BatchNorm-statistics matching against the frozen source and task-irrelevant feature
 * matching against the source's features of the paired RGB images of other classes (computed once). Pseudo-labels
 * are refreshed over the whole target set every {@code socket.refreshEvery} steps (once per epoch by default) and
 * kept in the run folder, so a resumed run trains on the labels the uninterrupted one had. At the end it scores the
 * labelled test images of the task's classes: top-1 accuracy and per-class accuracy ({@code results/accuracy.json},
 * {@link SceneAccuracy}).
 * Where this differs from the reference code: images are warped to the input size rather than resized and cropped;
 * inputs are the workbench's (0..255 less the mean, as Caffe's), which {@code resnet18-bottleneck} divides by
 * torchvision's standard deviation as its first operation so that the unsquared BN-statistics distances have the
 * reference's scale (on Caffe-range inputs they were about 3000 times larger at the first layer and diverged at
 * the reference's rate); the backbone's rate is {@code optimizer.backboneRate} times the base rate (the reference
 * code's 0.1 in the presets). A run of 0 iterations scores the source model as it is (the source-only baseline).
 */
public final class SocketRun {
    /** Where the pseudo-labels of the latest refresh are kept. */
    static final String LABELS_FILE = "pseudo-labels.json";

    /** Pseudo-labels and the step at which they were computed. */
    record Labels(long step, int[] labels) {
    }

    private SocketRun() {
    }

    public static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, EncodingCache cache,
                                               ProgressListener preparation, TrainingLoop.Listener listener,
                                               Cancellation cancel) throws IOException {
        RunSession.Begin begin = RunSession.begin(run, resume);
        RunSpec spec = begin.spec();
        long start = begin.start();
        Objective objective = spec.objective();
        try (PairedDataset ds = RunSession.openData(spec, preparation, cancel);
             NDManager manager = NDManager.newBaseManager(begin.device())) {
            String architecture = spec.student().architecture();
            if (!NetworkFactory.hasBottleneck(architecture)) {
                throw new IllegalArgumentException("student.architecture must be " + NetworkFactory.RESNET18_BOTTLENECK
                        + " or " + NetworkFactory.RESNET50_BOTTLENECK + " for a socket run (a BatchNorm backbone, the bottleneck and a weight-normalised classifier, "
                        + "as the source model), not '" + spec.student().architecture() + "'");
            }
            List<String> classes = ds.taskRelevantScenes();
            List<Pair> target = ds.pairs(Split.TRAIN).stream().filter(p -> p.annotation().scene()
                    .filter(classes::contains).isPresent()).toList();
            List<Pair> test = ds.labelled(Split.TEST).stream().filter(p -> p.annotation().scene()
                    .filter(classes::contains).isPresent()).toList();
            List<Pair> irrelevant = ds.pairs(Split.TRAIN).stream().filter(ds::isTaskIrrelevant).toList();
            if (target.isEmpty()) {
                throw new BadInputException(spec.data(), "has no train pairs of the task's scene classes ("
                        + String.join(", ", classes) + ") to adapt on");
            }
            if (objective.weight(Objective.TASK_IRRELEVANT) > 0 && irrelevant.isEmpty()) {
                throw new BadInputException(spec.data(), ds.taskIrrelevantScenes().isEmpty()
                        ? "marks no task-irrelevant scene classes (dataset.json's taskIrrelevantScenes), so the "
                        + "task-irrelevant term has no paired data: mark some (synth --task-irrelevant) or set its "
                        + "weight to 0"
                        : "has no train pairs of its task-irrelevant scene classes ("
                        + String.join(", ", ds.taskIrrelevantScenes()) + ") for the task-irrelevant term");
            }
            Path sourceWeights = Teachers.weightsOf(Path.of(spec.socket().source()));
            checkSource(sourceWeights, classes, architecture);

            int side = spec.inputSize();
            int batch = spec.batchSize();
            Shape input = new Shape(batch, 3, side, side);
            PairEncoding encoding = PairEncoding.of(spec.encoding(), ds, cache);
            InputNormalisation paired = ds.modality() == Modality.FLOW ? InputNormalisation.FLOW
                    : InputNormalisation.IMAGE;
            float[][] targetImages = PairImages.read(target, p -> encoding.studentImage(p), paired, side, "target images",
                    preparation);
            float[][] tiTarget = PairImages.read(irrelevant, p -> encoding.studentImage(p), paired, side,
                    "task-irrelevant target images", preparation);
            float[][] tiRgb = PairImages.read(irrelevant, ds::rgb, InputNormalisation.IMAGE, side, "task-irrelevant RGB images",
                    preparation);
            float[][] testImages = PairImages.read(test, p -> encoding.studentImage(p), paired, side, "test images",
                    preparation);
            cancel.check();

            FeatureNetwork source = NetworkFactory.create(architecture, 3, classes.size());
            source.initialize(manager, input, spec.seed());
            NetworkWeights.load(source, sourceWeights);
            FeatureNetwork net = NetworkFactory.create(architecture, 3, classes.size());
            net.initialize(manager, input, spec.seed());
            NetworkWeights.load(net, sourceWeights);
            ParameterStore store = new ParameterStore(manager, false);
            Map<String, NDArray[]> sourceStatistics = new LinkedHashMap<>(source.batchNormRunningStatistics());
            sourceStatistics.keySet().retainAll(backboneLayers(source));
            // the source's features of the task-irrelevant RGB images, once, in inference mode
            float[][] tiSource = NoGrad.call(() -> features(source, store, tiRgb, side, manager));

            Map<String, NDArray> trainable = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                if (e.getKey().startsWith("fc.")) {
                    e.getValue().getArray().setRequiresGradient(false); // SOCKET keeps the source's classifier
                } else {
                    // BatchNorm's running statistics have no gradient (the optimiser leaves them) but are part of
                    // the state: checkpointed with the weights, a resumed run refreshes its pseudo-labels and scores
                    // the test images with the statistics the uninterrupted run had, not the source's
                    trainable.put(e.getKey(), e.getValue().getArray());
                }
            }
            int refresh = spec.socket().refreshEvery() > 0 ? spec.socket().refreshEvery()
                    : Math.max(1, (int) Math.ceil(target.size() / (double) batch));
            Labels[] labels = {resume ? readLabels(run) : null};
            ParameterOptimizer optimizer = ParameterOptimizer.create(spec.optimizer(), net.backboneParameterNames(), manager);
            TrainingStep step = new TrainingStep() {
                private Map<String, Double> terms = Map.of();

                @Override
                public NDArray loss(NDManager bm, long s) {
                    if (objective.weight(Objective.PSEUDO_LABELS) > 0 && (labels[0] == null
                            || s / refresh != labels[0].step() / refresh)) {
                        labels[0] = refreshLabels(run, net, store, targetImages, side, s, manager);
                    }
                    SplittableRandom rnd = StepRandom.of(spec.seed(), s, 5);
                    int[] rows = IntStream.range(0, batch).map(i -> rnd.nextInt(targetImages.length)).toArray();
                    NDArray x = NetworkInput.tensor(bm, PairImages.gather(targetImages, rows), input);
                    List<BatchNormInputs.Layer> bn;
                    NDArray features;
                    try (BatchNormInputs recorder = BatchNormInputs.record()) {
                        features = net.forward(store, x, "bottleneck", true);
                        bn = recorder.layers();
                    }
                    NDArray logits = net.forwardFrom(store, features, "bottleneck", "fc", true);
                    Objective.Evaluation e = objective.evaluate(term -> switch (term) {
                        case Objective.INFORMATION_MAXIMISATION -> InformationMaximisation.value(logits);
                        case Objective.PSEUDO_LABELS -> CentroidPseudoLabels.crossEntropy(logits,
                                IntStream.of(rows).map(r -> labels[0].labels()[r]).toArray());
                        case Objective.BN_STATISTICS -> BatchNormStatistics.value(bnLayers(bn, sourceStatistics));
                        case Objective.TASK_IRRELEVANT -> {
                            int[] ti = IntStream.range(0, batch).map(i -> rnd.nextInt(tiTarget.length)).toArray();
                            NDArray t = net.forward(store, NetworkInput.tensor(bm, PairImages.gather(tiTarget, ti), input),
                                    "bottleneck", true);
                            NDArray src = bm.create(PairImages.gather(tiSource, ti), new Shape(batch, tiSource[0].length));
                            yield TaskIrrelevantMatching.value(src, t);
                        }
                        default -> throw new IllegalArgumentException("a socket run computes no term " + term);
                    });
                    terms = Objective.floats(e.values());
                    return e.total();
                }

                @Override
                public Map<String, Double> termValues() {
                    return terms;
                }

                @Override
                public boolean normalisesByBatch() {
                    return true;
                }
            };
            TrainingLoop loop = new TrainingLoop(run, spec, manager, trainable, optimizer, target.size(), step)
                    .listener(listener).onSnapshot(s -> RunSession.writeFilters(run, net, s))
                    .beforeFinished(() -> {
                        RunSession.saveWeights(run, arrays(net));
                        SceneAccuracy a = NoGrad.call(() -> evaluate(net, store, testImages, test, classes, side,
                                manager));
                        Json.writeAtomically(a, run.results().resolve(SceneAccuracy.FILE));
                        run.metrics().append(new MetricsLog.Row(spec.iterations(), Double.NaN, "test", "accuracy",
                                a.accuracy()));
                        run.append(RunEvent.of(RunEvent.METRIC, spec.iterations()).with("name", "accuracy")
                                .with("value", a.accuracy()).with("images", a.images()));
                    });
            if (start > 0) {
                loop.restore(start);
            }
            return loop.run(start, cancel);
        } catch (IOException | RuntimeException e) {
            RunSession.failed(run, start, e);
            throw e;
        }
    }

    /** Refuses a source model the run cannot use, naming what is wrong. */
    static void checkSource(Path weights, List<String> classes, String architecture) throws IOException {
        Map<String, Shape> stored = NetworkWeights.contents(weights);
        Shape fc = stored.get("fc.weight_v");
        if (fc == null || !stored.containsKey("bottleneck.weight")) {
            throw new BadInputException(weights, "is not a " + architecture + " source model "
                    + "(no bottleneck and weight-normalised classifier): train one with a finetune run of that "
                    + "architecture on the RGB images of the task's scene classes");
        }
        String trainedAs = stored.containsKey("layer1.0.conv3.weight") ? NetworkFactory.RESNET50_BOTTLENECK
                : NetworkFactory.RESNET18_BOTTLENECK;
        if (!trainedAs.equals(architecture)) {
            throw new BadInputException(weights, "is a " + trainedAs + " source model but student.architecture is "
                    + architecture + ": set it to " + trainedAs);
        }
        if (stored.keySet().stream().noneMatch(n -> n.endsWith(".running_mean"))) {
            throw new BadInputException(weights, "has no BatchNorm statistics, which the bn-statistics term matches");
        }
        if (fc.get(0) != classes.size()) {
            throw new BadInputException(weights, "classifies " + fc.get(0) + " classes but the target data has "
                    + classes.size() + " task-relevant scene classes (" + String.join(", ", classes) + "): the "
                    + "source must be trained on exactly the task's classes");
        }
    }

    /** The BatchNorm layers of the backbone (up to pool5), which the BN term matches; not the bottleneck's. */
    private static List<String> backboneLayers(FeatureNetwork net) {
        return net.parametersUpTo("pool5").keySet().stream().filter(n -> n.endsWith(".running_mean"))
                .map(n -> n.substring(0, n.length() - ".running_mean".length())).toList();
    }

    private static List<BatchNormStatistics.Layer> bnLayers(List<BatchNormInputs.Layer> recorded,
                                                           Map<String, NDArray[]> source) {
        List<BatchNormStatistics.Layer> out = new ArrayList<>();
        for (BatchNormInputs.Layer l : recorded) {
            NDArray[] s = source.get(l.name());
            if (s != null) {
                NDArray[] t = BatchNormStatistics.of(l.input());
                out.add(new BatchNormStatistics.Layer(l.name(), t[0], t[1], s[0], s[1]));
            }
        }
        return out;
    }

    /** Pseudo-labels over the whole target set with the network as it is at step {@code step}, kept on disk. */
    private static Labels refreshLabels(RunDirectory run, FeatureNetwork net, ParameterStore store, float[][] images,
                                        int side, long step, NDManager manager) {
        return NoGrad.call(() -> {
            float[][] features = features(net, store, images, side, manager);
            float[][] probabilities;
            try (NDManager m = manager.newSubManager()) {
                probabilities = PairImages.rows(scores(net, store, features, m).softmax(1));
            }
            Labels l = new Labels(step, CentroidPseudoLabels.assign(features, probabilities));
            try {
                byte[] json = Json.MAPPER.writeValueAsBytes(l);
                OutputFiles.replace(run.results().resolve(LABELS_FILE), tmp -> Files.write(tmp, json));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return l;
        });
    }

    private static Labels readLabels(RunDirectory run) {
        Path f = run.results().resolve(LABELS_FILE);
        try {
            return Files.isRegularFile(f) ? Json.MAPPER.readValue(f.toFile(), Labels.class) : null;
        } catch (IOException e) {
            return null; // recomputed
        }
    }

    /** Bottleneck features of images in inference mode, a few at a time. */
    private static float[][] features(FeatureNetwork net, ParameterStore store, float[][] images, int side,
                                      NDManager manager) {
        float[][] out = new float[images.length][];
        PairImages.inChunks(images, side, manager, (x, first) -> {
            float[][] f = PairImages.rows(net.forward(store, x, "bottleneck", false));
            System.arraycopy(f, 0, out, first, f.length);
        });
        return out;
    }

    private static SceneAccuracy evaluate(FeatureNetwork net, ParameterStore store, float[][] images, List<Pair> test,
                                          List<String> classes, int side, NDManager manager) {
        long[] predicted = new long[0];
        if (!test.isEmpty()) {
            try (NDManager m = manager.newSubManager()) {
                predicted = scores(net, store, features(net, store, images, side, m), m).argMax(1).toLongArray();
            }
        }
        return SceneAccuracy.score(predicted, test, classes);
    }

    /** The classifier's scores of every row of {@code features}, in one pass (in {@code manager}). */
    private static NDArray scores(FeatureNetwork net, ParameterStore store, float[][] features, NDManager manager) {
        float[] flat = new float[features.length * features[0].length];
        for (int i = 0; i < features.length; i++) {
            System.arraycopy(features[i], 0, flat, i * features[i].length, features[i].length);
        }
        return net.forwardFrom(store, manager.create(flat, new Shape(features.length, features[0].length)),
                "bottleneck", "fc", false);
    }

    private static Map<String, NDArray> arrays(FeatureNetwork net) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        net.namedParameters().forEach((k, p) -> out.put(k, p.getArray()));
        return out;
    }
}
