package org.xmodal.engine.finetune;

import org.xmodal.engine.run.FinetuneTask;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.Clips;
import org.xmodal.engine.eval.ClipAccuracy;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.proposals.ProposalCache;
import org.xmodal.engine.regions.RegionClassifier;
import org.xmodal.engine.regions.RegionImages;
import org.xmodal.engine.regions.RegionInputs;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.Classification;
import org.xmodal.engine.train.ParameterOptimizer;
import org.xmodal.engine.train.StepRandom;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.transfer.Teachers;
import org.xmodal.engine.nn.NetworkInput;

/**
 * Fine-tunes a region classifier on the labelled train pairs only (the scarce labels of the paper's setting), from
 * random weights or from another network's (an RGB teacher, a transfer student), optionally with everything up to
 * a tap frozen, on RGB or on the paired modality; then scores the test pairs ({@link FinetuneEvaluation}). This is
 * one arm of one seed of the paper's Table 1. The scenes and clips tasks train alike, on each pair's whole image;
 * they differ in how the test pairs are scored (per frame, or per clip of frames averaged). A batch depends on
 * (seed, step) alone and dropout is seeded per step, so a resumed run repeats the uninterrupted one; a run killed
 * while evaluating resumes into the evaluation.
 */
public final class FinetuneRun {
    private FinetuneRun() {
    }

    /**
     * What can be told wrong about a fine-tuning spec's data before a run folder is made for it: a whole-image task
     * (scenes, clips) on a dataset without scene classes or without train or test pairs of them, and test clips whose
     * frames carry different classes. Each would otherwise fail only when training starts, or after it ends.
     *
     * @throws BadInputException naming the dataset (and the field) or the clip
     */
    public static void check(RunSpec spec) throws IOException {
        if (spec.finetune() == null || !spec.finetune().task().wholeImages()) {
            return; // detection and regions learn the object classes every dataset lists
        }
        try (PairedDataset ds = RunSession.openData(spec, ProgressListener.NONE, Cancellation.NEVER)) {
            Labelled.of(spec, ds);
        }
    }

    /** The classes a run learns and the labelled pairs it trains on and scores, refused when it cannot work. */
    private record Labelled(List<String> classes, List<Pair> train, List<Pair> test) {
        static Labelled of(RunSpec spec, PairedDataset ds) throws BadInputException {
            FinetuneTask task = spec.finetune().task();
            boolean scenes = task.wholeImages();
            // scenes and clips: the task's classes; pairs of task-irrelevant scene classes (SOCKET's) are left out
            List<String> classes = scenes ? ds.taskRelevantScenes() : ds.classes();
            List<Pair> train = ds.labelled(Split.TRAIN);
            List<Pair> test = ds.labelled(Split.TEST);
            if (scenes) {
                // only pairs whose scene is one of the dataset's scene classes can be trained on or scored
                train = train.stream().filter(p -> p.annotation().scene().filter(classes::contains).isPresent())
                        .toList();
                test = test.stream().filter(p -> p.annotation().scene().filter(classes::contains).isPresent())
                        .toList();
            }
            String what = scenes ? "labelled pairs with a scene class" : "labelled pairs";
            if (classes.isEmpty()) {
                throw new BadInputException(spec.data(), scenes ? "lists no scene classes, and finetune.task " + task
                        + " classifies whole images into them (choose detection or regions, or a dataset with scene "
                        + "classes)" : "lists no classes for a " + task + " task");
            }
            if (train.isEmpty()) {
                throw new BadInputException(spec.data(), "has no train " + what + " to fine-tune on");
            }
            if (test.isEmpty()) {
                throw new BadInputException(spec.data(), "has no test " + what + " to evaluate on");
            }
            if (task == FinetuneTask.CLIPS) {
                // a clip of mixed classes would fail the evaluation after all the training: refuse it now
                for (Map.Entry<String, List<Pair>> clip : Clips.group(test).entrySet()) {
                    ClipAccuracy.classOf(clip.getKey(), clip.getValue());
                }
            }
            return new Labelled(classes, train, test);
        }
    }

    public static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, EncodingCache cache,
                                               ProgressListener preparation, TrainingLoop.Listener listener,
                                               Cancellation cancel) throws IOException {
        RunSession.Begin begin = RunSession.begin(run, resume);
        RunSpec spec = begin.spec();
        RunSpec.Finetune ft = spec.finetune();
        long start = begin.start();
        try (PairedDataset ds = RunSession.openData(spec, preparation, cancel);
             NDManager manager = NDManager.newBaseManager(begin.device())) {
            Labelled labelled = Labelled.of(spec, ds);
            List<String> classes = labelled.classes();
            List<Pair> train = labelled.train();
            List<Pair> test = labelled.test();
            boolean detection = ft.task() == FinetuneTask.DETECTION;
            PairEncoding encoding = PairEncoding.of(spec.encoding(), ds, cache);
            Map<String, List<Box>> proposals = Map.of();
            if (detection) {
                List<Pair> both = new ArrayList<>(train);
                both.addAll(test);
                proposals = ProposalCache.proposals(encoding, both, preparation, cancel);
            }
            int side = spec.inputSize();
            RegionImages trainImages = RegionInputs.load(encoding, train, ft.input(), side, preparation, cancel);
            int batch = spec.batchSize();
            RegionSampler sampler;
            List<String> columns = new ArrayList<>();
            if (detection) {
                columns.add(RegionScores.BACKGROUND);
                int backgroundPerBatch = batch - (int) Math.round(ft.foreground() * batch);
                TrainingRegions regions = TrainingRegions.detection(train, proposals, classes, ft.proposals(),
                        Math.max(1, backgroundPerBatch));
                if (regions.widenedBackground()) {
                    run.append(RunEvent.of(RunEvent.WARNING, start).with("reason", "fewer than "
                            + backgroundPerBatch + " proposals overlap an object with IoU in [0.1, 0.5); background "
                            + "also includes proposals that touch no object"));
                }
                sampler = new RegionSampler(trainImages, regions, ft.foreground(), spec.augmentation().flip(),
                        spec.seed());
            } else {
                TrainingRegions regions = ft.task().wholeImages() ? TrainingRegions.scenes(train, classes, trainImages)
                        : TrainingRegions.groundTruth(train, classes);
                sampler = new RegionSampler(trainImages, regions, 1, spec.augmentation().flip(), spec.seed());
            }
            columns.addAll(classes);

            FeatureNetwork net = NetworkFactory.create(spec.student().architecture(), 3, columns.size())
                    .weightInit(spec.student().weightInit());
            Shape input = new Shape(batch, 3, side, side);
            net.initialize(manager, input, spec.seed());
            Path weights = null;
            InitialWeights.Report init = new InitialWeights.Report(List.of(), List.copyOf(
                    net.namedParameters().keySet()));
            if (!ft.randomInit()) {
                weights = Teachers.weightsOf(Path.of(ft.init()));
                init = InitialWeights.loadMatching(net.namedParameters(), weights);
            }
            String frozen = ft.freezeUpTo();
            Map<String, Parameter> trained = frozen == null ? net.namedParameters() : net.parametersAbove(frozen);
            Map<String, NDArray> trainable = new LinkedHashMap<>();
            trained.forEach((k, p) -> trainable.put(k, p.getArray()));
            ParameterStore store = new ParameterStore(manager, false);
            RegionClassifier classifier = new RegionClassifier(net, store, RegionClassifier.featureTap(net), frozen);
            try (NDManager calibration = manager.newSubManager()) {
                classifier.calibrate(NetworkInput.tensor(calibration, sampler.get(0, batch).inputs(), input), init.loaded());
            }
            FinetuneEvaluation.writeInit(run, weights, init, classifier.scale());
            ParameterOptimizer optimizer = ParameterOptimizer.create(spec.optimizer(), net.backboneParameterNames(), manager);
            FinetuneEvaluation evaluation = new FinetuneEvaluation(run, spec, ds, test, classes, columns, proposals,
                    preparation, cancel);
            TrainingLoop loop = new TrainingLoop(run, spec, manager, trainable, optimizer, train.size(),
                    (bm, step) -> {
                        // dropout draws from the engine's generator: seed it per step so a resume repeats the masks
                        Engine.getInstance().setRandomSeed(StepRandom.of(spec.seed(), step, 4).nextInt());
                        RegionSampler.Batch b = sampler.get(step, batch);
                        NDArray scores = classifier.scores(NetworkInput.tensor(bm, b.inputs(), input), true);
                        return ft.labelSmoothing() == 0 ? Classification.crossEntropy(scores, b.labels(), bm)
                                : Classification.crossEntropy(scores, b.labels(), bm, ft.labelSmoothing());
                    }).listener(listener).onSnapshot(step -> RunSession.writeFilters(run, net, step))
                    .beforeFinished(() -> {
                        try (NDManager folding = manager.newSubManager()) {
                            RunSession.saveWeights(run, classifier.foldedParameters(folding));
                        }
                        evaluation.evaluate(classifier, manager, ft.input(), side, encoding);
                    });
            if (start > 0) {
                loop.restore(start);
            }
            try {
                return loop.run(start, cancel);
            } catch (CancellationException e) {
                run.append(RunEvent.of(RunEvent.STOPPED, spec.iterations()).with("reason",
                        "stopped while evaluating; resume evaluates again"));
                return TrainingLoop.Outcome.STOPPED;
            }
        } catch (IOException | RuntimeException e) {
            RunSession.failed(run, start, e);
            throw e;
        }
    }
}
