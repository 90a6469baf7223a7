package org.xmodal.app.filters;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.FeatureNetwork;
import org.xmodal.engine.nn.NetworkFactory;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.viz.FilterPictures;

/**
 * A network's first convolution, where it comes from: a checkpoint or weights file (read directly, one entry, no
 * engine: a run can be drawn while it trains), or a freshly seeded network (the random init of the paper's Figure 2,
 * which needs the engine). Also which planes a network's input has, by what it sees.
 */
public final class FirstLayer {
    private FirstLayer() {
    }

    /** The first four-dimensional entry of the file (conv1.weight, or conv1_1's for VGG) as filters. */
    public static FilterPictures.Filters read(Path weights) throws IOException {
        NetworkWeights.Values v = NetworkWeights.firstConvolution(weights);
        return FilterPictures.Filters.of(v.shape().getShape(), v.data());
    }

    /** The weights a run has now: its final weights when finished, else its latest checkpoint. */
    public static Optional<Path> latestWeights(Path run) throws IOException {
        Path result = run.resolve(RunSession.RESULT_WEIGHTS);
        if (Files.isRegularFile(result)) {
            return Optional.of(result);
        }
        RunDirectory dir = RunDirectory.open(run);
        return dir.latestCheckpointStep().map(dir::checkpoint);
    }

    /**
     * conv1 of a network of {@code architecture} initialised from {@code seed}, as the engine initialises a student
     * (so for a transfer run's seed, the filters it started from). Loads the engine in this process.
     */
    public static FilterPictures.Filters random(String architecture, long seed, WeightInit weightInit) {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            FeatureNetwork net = NetworkFactory.create(architecture, 3, 0).weightInit(weightInit);
            net.initializeUpTo(manager, net.inputShape(1), seed, net.taps().get(0));
            return FilterPictures.Filters.of(net.conv1Weight().getShape().getShape(), net.conv1Weight()
                    .toFloatArray());
        } catch (LinkageError e) {
            throw new IllegalStateException("the PyTorch engine could not be loaded here (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The planes of a network's input, named, in the order of the image file's channels (the network takes them in
     * reverse: plane 2 is the file's first channel).
     *
     * @param input "rgb", "depth" (HHA) or "flow" (the action-tubes image)
     */
    public static List<FilterPictures.Plane> planes(String input) {
        return switch (input) {
            case "depth" -> List.of(new FilterPictures.Plane(2, "disparity"), new FilterPictures.Plane(1,
                    "height"), new FilterPictures.Plane(0, "angle"));
            case "flow" -> List.of(new FilterPictures.Plane(2, "flow u"), new FilterPictures.Plane(1, "flow v"),
                    new FilterPictures.Plane(0, "|flow|"));
            default -> List.of(new FilterPictures.Plane(2, "red"), new FilterPictures.Plane(1, "green"),
                    new FilterPictures.Plane(0, "blue"));
        };
    }
}
