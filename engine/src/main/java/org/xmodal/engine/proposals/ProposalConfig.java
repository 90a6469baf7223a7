package org.xmodal.engine.proposals;

import java.util.List;

/**
 * Parameters of {@link SelectiveSearch}.
 *
 * @param strategies        the grouping runs whose regions are pooled
 * @param minRegionFraction FH's smallest superpixel, as a fraction of the image's pixels
 * @param blurSigma         Gaussian smoothing before segmentation, in pixels at 640x480 (scaled with the width)
 * @param minBoxSide        proposals narrower or lower than this fraction of the image's shorter side are dropped
 * @param maxOverlap        a proposal whose IoU with a better-ranked one reaches this is dropped (1: only exact
 *                          duplicates)
 * @param seed              seed of the randomised ranking (the same seed gives the same proposals)
 */
public record ProposalConfig(List<GroupingStrategy> strategies, double minRegionFraction, double blurSigma,
                             double minBoxSide, double maxOverlap, long seed) {
    public ProposalConfig {
        if (strategies == null || strategies.isEmpty()) {
            throw new IllegalArgumentException("proposals need at least one grouping strategy");
        }
        strategies = List.copyOf(strategies);
        if (!(minRegionFraction >= 0 && minRegionFraction < 0.5)) {
            throw new IllegalArgumentException("smallest superpixel must be a fraction in [0, 0.5) of the image, got "
                    + minRegionFraction);
        }
        if (!(blurSigma >= 0 && blurSigma <= 10)) {
            throw new IllegalArgumentException("blur sigma must be 0 to 10 pixels, got " + blurSigma);
        }
        if (!(minBoxSide >= 0 && minBoxSide < 1)) {
            throw new IllegalArgumentException("smallest box side must be a fraction in [0, 1), got " + minBoxSide);
        }
        if (!(maxOverlap > 0 && maxOverlap <= 1)) {
            throw new IllegalArgumentException("largest overlap between proposals must be in (0, 1], got "
                    + maxOverlap);
        }
    }

    /**
     * Colour and depth selective search, chosen by recall on the train split of the bundled synthetic rooms
     * (ProposalsCommand reports it): superpixels of RGB and of RGB + HHA, each at a fine (k 300) and a coarse
     * (k 1000) scale; the fine ones grouped by colour, depth, size and fill, the coarse ones by colour, size and fill
     * (the depth similarity there did not add recall). Superpixels of at least 1/2000 of the image, Gaussian sigma 0.8 px at
     * 640x480 (selective search's), boxes at least 1/20 of the shorter side, near-copies above IoU 0.8 dropped.
     */
    public static ProposalConfig rgbd() {
        SimilarityCues fine = SimilarityCues.ALL;
        SimilarityCues coarse = new SimilarityCues(true, false, true, true);
        return new ProposalConfig(List.of(
                new GroupingStrategy(SegmentationInput.RGB, 300, fine),
                new GroupingStrategy(SegmentationInput.RGB, 1000, coarse),
                new GroupingStrategy(SegmentationInput.RGB_HHA, 300, fine),
                new GroupingStrategy(SegmentationInput.RGB_HHA, 1000, coarse)),
                0.0005, 0.8, 0.05, 0.8, 0);
    }

    /**
     * The same search on colour alone, for data without depth (or to measure what depth adds): strategies that
     * segment HHA are dropped and the others lose the depth similarity (a strategy left without any cue goes too).
     */
    public ProposalConfig withoutDepth() {
        List<GroupingStrategy> colour = new java.util.ArrayList<>();
        for (GroupingStrategy s : strategies) {
            SimilarityCues c = s.cues();
            if (!s.input().usesHha() && (c.colour() || c.size() || c.fill())) {
                colour.add(new GroupingStrategy(s.input(), s.k(),
                        new SimilarityCues(c.colour(), false, c.size(), c.fill())));
            }
        }
        if (colour.isEmpty()) {
            throw new IllegalArgumentException("every strategy of this proposal config depends on depth");
        }
        return new ProposalConfig(colour, minRegionFraction, blurSigma, minBoxSide, maxOverlap, seed);
    }

    /**
     * Everything that decides the proposals, for cache keys; {@link SelectiveSearch#VERSION} changes when the
     * algorithm does.
     */
    public String fingerprint() {
        return String.format(java.util.Locale.ROOT, "selective-search-v%d %s min=%s blur=%s side=%s overlap=%s seed=%d",
                SelectiveSearch.VERSION, strategies, minRegionFraction, blurSigma, minBoxSide, maxOverlap, seed);
    }

    /** Whether any strategy needs the HHA image. */
    public boolean usesDepth() {
        return strategies.stream().anyMatch(GroupingStrategy::usesDepth);
    }
}
