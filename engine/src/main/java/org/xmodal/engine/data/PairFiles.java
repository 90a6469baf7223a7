package org.xmodal.engine.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one pair in a folder dataset. {@code partner} is the depth image (depth modality) or the next
 * frame (flow modality); {@code rawDepth}, {@code annotations}, {@code instances} and {@code groundTruthFlow}
 * may be null.
 */
public record PairFiles(Path rgb, Path partner, Path rawDepth, Path annotations, Path instances, Path groundTruthFlow) {
    public PairFiles {
        Objects.requireNonNull(rgb, "rgb");
        Objects.requireNonNull(partner, "partner");
    }
}
