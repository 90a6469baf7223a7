package org.xmodal.engine.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.nn.NetworkWeights;

/**
 * Starts a network from another network's weights where they fit: every parameter stored under the same name with
 * the same shape is copied, the others keep their seeded initial values. A transfer student brings conv1..pool5
 * (its fc layers start fresh), an RGB teacher everything up to fc7 (its head has another number of classes).
 */
public final class InitialWeights {
    /** What was taken from the file and what was not (with the reason). */
    public record Report(List<String> loaded, List<String> skipped) {
    }

    private InitialWeights() {
    }

    /**
     * @throws BadInputException if the file holds none of the network's parameters (the wrong file, most likely)
     */
    public static Report loadMatching(Map<String, Parameter> parameters, Path file) throws IOException {
        Map<String, Shape> stored = NetworkWeights.contents(file);
        Map<String, NDArray> targets = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Shape have = e.getValue().getArray().getShape();
            Shape there = stored.get(e.getKey());
            if (there == null) {
                skipped.add(e.getKey() + " (not in the file)");
            } else if (!there.equals(have)) {
                skipped.add(e.getKey() + " (" + there + " in the file, " + have + " here)");
            } else {
                targets.put(e.getKey(), e.getValue().getArray());
            }
        }
        if (targets.isEmpty()) {
            throw new BadInputException(file, "holds none of the network's parameters with the same shape ("
                    + String.join(", ", skipped.subList(0, Math.min(3, skipped.size()))) + ")");
        }
        NetworkWeights.loadInto(targets, file);
        return new Report(List.copyOf(targets.keySet()), List.copyOf(skipped));
    }
}
