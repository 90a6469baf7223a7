package org.xmodal.app.filters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xmodal.app.runs.InspectionProcess;
import org.xmodal.engine.inspect.RandomFilters;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.nn.WeightInit;
import org.xmodal.engine.nn.NetworkWeights;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.viz.FilterPictures;

/**
 * A network's first convolution, where it comes from: a checkpoint or weights file (read directly, one entry, no
 * engine: a run can be drawn while it trains), or a freshly seeded network (the random init of the paper's Figure 2,
 * which needs the engine, in its inspection process). Also which planes a network's input has, by what it sees.
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
     * (so for a transfer run's seed, the filters it started from), made in the inspection process.
     */
    public static FilterPictures.Filters random(InspectionProcess engine, String architecture, long seed,
                                                WeightInit weightInit) throws IOException {
        RandomFilters.Result r = engine.randomFilters(new RandomFilters.Request(architecture, seed, weightInit));
        return FilterPictures.Filters.of(r.shape(), r.values());
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
