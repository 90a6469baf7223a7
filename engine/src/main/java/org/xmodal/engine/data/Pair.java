package org.xmodal.engine.data;

import java.util.Objects;

/**
 * One pair of a {@link PairedDataset}. Pixels are read through the dataset, which knows where they live
 * (files of a folder dataset, or slices of NYU's .mat file).
 *
 * @param id         unique within the dataset, stable across loads (used as cache and file key)
 * @param index      position in the source (frame number in NYU's file)
 * @param location   where the pair lives, for messages (a file or file#entry)
 * @param files      the pair's files, or null when the source is not a folder
 */
public record Pair(String id, int index, Split split, boolean labelled, PairAnnotation annotation, String location,
                   PairFiles files) {
    public Pair {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(annotation, "annotation");
        Objects.requireNonNull(location, "location");
    }

    public Pair withAnnotation(PairAnnotation a) {
        return new Pair(id, index, split, labelled, a, location, files);
    }
}
