package org.xmodal.engine.transfer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.regions.RegionBatches;
import org.xmodal.engine.regions.RegionClassifier;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunEvent;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.train.Classification;
import org.xmodal.engine.train.ParameterOptimizer;
import org.xmodal.engine.train.StepRandom;
import org.xmodal.engine.train.TrainingLoop;
import org.xmodal.engine.nn.NetworkInput;

/**
 * Trains an RGB teacher in the workbench: the student architecture classifies ground-truth object regions (warped
 * with context, as R-CNN does) of the dataset's train pairs. RGB labels are the plentiful ones in the paper's
 * setting (ImageNet), so every annotated train pair's RGB is used; the scarce labels of the paired modality are
 * left to the fine-tuning arms. Accuracy on the test pairs' regions is recorded at the end.
 */
public final class TeacherRun {
    private TeacherRun() {
    }

    public static TrainingLoop.Outcome execute(RunDirectory run, boolean resume, ProgressListener preparation,
                                               TrainingLoop.Listener listener, Cancellation cancel)
            throws IOException {
        RunSession.Begin begin = RunSession.begin(run, resume);
        var spec = begin.spec();
        try (PairedDataset ds = DatasetLoaders.open(Path.of(spec.data()), preparation, cancel);
             NDManager manager = NDManager.newBaseManager(begin.device())) {
            List<String> classes = ds.classes();
            List<Pair> train = ds.pairs(Split.TRAIN).stream().filter(p -> !p.annotation().objects().isEmpty()).toList();
            List<Pair> test = ds.labelled(Split.TEST);
            int side = spec.inputSize();
            RegionBatches batches = new RegionBatches(RunSession.rgbImages(ds, train, preparation),
                    RegionBatches.regionsOf(train, classes), InputNormalisation.IMAGE, side, spec.seed());
            FeatureNetwork net = NetworkFactory.create(spec.student().architecture(), 3, classes.size())
                    .weightInit(spec.student().weightInit());
            Shape input = new Shape(spec.batchSize(), 3, side, side);
            net.initialize(manager, input, spec.seed());
            ParameterStore store = new ParameterStore(manager, false);
            // the features entering the fresh classifier are scaled to unit size (see RegionClassifier)
            RegionClassifier classifier = new RegionClassifier(net, store, RegionClassifier.featureTap(net), null);
            try (NDManager calibration = manager.newSubManager()) {
                classifier.calibrate(NetworkInput.tensor(calibration, batches.get(0, spec.batchSize()).inputs(), input), List.of());
            }
            Map<String, NDArray> trainable = new LinkedHashMap<>();
            net.namedParameters().forEach((k, p) -> trainable.put(k, p.getArray()));
            ParameterOptimizer optimizer = ParameterOptimizer.create(spec.optimizer(), manager);
            TrainingLoop loop = new TrainingLoop(run, spec, manager, trainable, optimizer, batches.regionCount(),
                    (bm, step) -> {
                        // dropout draws from the engine's generator: seed it per step so a resume repeats the masks
                        Engine.getInstance().setRandomSeed(StepRandom.of(spec.seed(), step, 4).nextInt());
                        RegionBatches.Batch b = batches.get(step, spec.batchSize());
                        NDArray scores = classifier.scores(NetworkInput.tensor(bm, b.inputs(), input), true);
                        return Classification.crossEntropy(scores, b.labels(), bm);
                    }).listener(listener).onSnapshot(step -> RunSession.writeFilters(run, net, step));
            if (begin.start() > 0) {
                loop.restore(begin.start());
            }
            TrainingLoop.Outcome outcome = loop.run(begin.start(), cancel);
            if (outcome == TrainingLoop.Outcome.FINISHED) {
                try (NDManager folding = manager.newSubManager()) {
                    // a plain network: the feature scale folded into fc6
                    RunSession.saveWeights(run, classifier.foldedParameters(folding));
                }
                if (!test.isEmpty()) {
                    recordAccuracy(run, spec.iterations(), classifier, manager, new RegionBatches(
                            RunSession.rgbImages(ds, test, ProgressListener.NONE), RegionBatches.regionsOf(test, classes),
                            InputNormalisation.IMAGE, side, spec.seed()));
                }
            }
            return outcome;
        } catch (IOException | RuntimeException e) {
            RunSession.failed(run, begin.start(), e);
            throw e;
        }
    }

    private static void recordAccuracy(RunDirectory run, long step, RegionClassifier classifier, NDManager manager,
                                       RegionBatches test) throws IOException {
        int correct = 0;
        int total = 0;
        for (RegionBatches.Batch b : test.all(64)) {
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = NetworkInput.tensor(bm, b.inputs(), new Shape(b.size(), 3, b.side(), b.side()));
                correct += Classification.correct(classifier.scores(x, false), b.labels());
                total += b.size();
            }
        }
        double accuracy = correct / (double) total;
        run.metrics().append(new MetricsLog.Row(step, 0, "test", "accuracy", accuracy));
        run.append(RunEvent.of(RunEvent.METRIC, step).with("split", "test").with("name", "accuracy")
                .with("value", accuracy).with("regions", total));
    }
}
