package org.xmodal.engine.data;

import java.util.Objects;
import java.util.Optional;

/**
 * One pair of a {@link PairedDataset}. Pixels are read through the dataset, which knows where they live
 * (files of a folder dataset, or slices of NYU's .mat file).
 *
 * @param id         unique within the dataset, stable across loads (used as cache and file key)
 * @param index      position in the source (frame number in NYU's file)
 * @param location   where the pair lives, for messages (a file or file#entry)
 * @param files      the pair's files, or null when the source is not a folder
 * @param corruption how the pair's RGB image (the teacher's view) was spoiled, when the dataset says it was (a noisy
 *                   pair made by {@code xmodal dataset corrupt}); empty for a clean pair
 */
public record Pair(String id, int index, Split split, boolean labelled, PairAnnotation annotation, String location,
                   PairFiles files, Optional<Corruption> corruption) {
    public Pair {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(annotation, "annotation");
        Objects.requireNonNull(location, "location");
        corruption = corruption == null ? Optional.empty() : corruption;
    }

    /** A clean pair (no corruption recorded). */
    public Pair(String id, int index, Split split, boolean labelled, PairAnnotation annotation, String location,
                PairFiles files) {
        this(id, index, split, labelled, annotation, location, files, Optional.empty());
    }

    public Pair withAnnotation(PairAnnotation a) {
        return new Pair(id, index, split, labelled, a, location, files, corruption);
    }

    /** The same pair with its teacher view recorded as spoiled by {@code c} (null: clean). */
    public Pair withCorruption(Corruption c) {
        return new Pair(id, index, split, labelled, annotation, location, files, Optional.ofNullable(c));
    }

    /** Whether the pair's RGB image was spoiled on purpose (see {@link #corruption()}). */
    public boolean corrupted() {
        return corruption.isPresent();
    }
}
