package org.xmodal.engine.proposals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Parallel;

/**
 * Class-agnostic object proposals by selective search (Uijlings, van de Sande, Gevers, Smeulders, IJCV 2013)
 * extended with depth: several {@link GroupingStrategy grouping strategies} over FH superpixels of the colour image
 * or of colour and HHA together, with colour, HHA, size and fill similarities.
 *
 * <p>Ranking follows selective search: within a strategy, a region's value is its position counted back from the
 * last merge (the whole image is 1, the superpixels come last) times a uniform random number, so large,
 * late-formed regions tend to rank first while every level keeps a chance; the strategies' regions are then sorted
 * together by that value. Going down that ranking, a box is dropped when it is too small or overlaps a box already
 * kept by the config's {@code maxOverlap} or more (so the first hundred are not spent on near-copies). The random
 * numbers come from the config's seed, so an image always gets the same proposals.
 *
 * <p>The strategies of one image run in parallel on the common pool. Segmentation buffers are kept between
 * images: use one instance per thread.
 */
public final class SelectiveSearch {
    /** Version of the algorithm, part of {@link ProposalConfig#fingerprint()}: bump it when proposals change. */
    public static final int VERSION = 1;
    /** The image width that the strategies' k and the blur are given for (NYU Depth v2's 640x480). */
    static final double REFERENCE_WIDTH = 640;

    private final ProposalConfig config;
    private final List<SuperpixelSegmenter> segmenters = new ArrayList<>();

    public SelectiveSearch(ProposalConfig config) {
        this.config = config;
        for (GroupingStrategy s : config.strategies()) {
            segmenters.add(new SuperpixelSegmenter(s.input(), s.k()));
        }
    }

    public ProposalConfig config() {
        return config;
    }

    /**
     * The proposals of an image, best first.
     *
     * @param hha the HHA encoding of the image's depth; null only when the config does not use depth
     *            ({@link ProposalConfig#withoutDepth()})
     */
    public List<Box> propose(RgbImage rgb, RgbImage hha) {
        if (hha == null && config.usesDepth()) {
            throw new IllegalArgumentException("these proposals use depth but no HHA image was given "
                    + "(ProposalConfig.withoutDepth() searches on colour alone)");
        }
        if (hha != null && (hha.width() != rgb.width() || hha.height() != rgb.height())) {
            throw new IllegalArgumentException("HHA image is " + hha.width() + "x" + hha.height()
                    + " but the colour image is " + rgb.width() + "x" + rgb.height());
        }
        double scale = rgb.width() / REFERENCE_WIDTH;
        int minSize = Math.max(1, (int) Math.round(config.minRegionFraction() * rgb.width() * rgb.height()));
        double sigma = config.blurSigma() * scale;
        List<GroupingStrategy> strategies = config.strategies();
        @SuppressWarnings("unchecked")
        List<Box>[] hierarchies = new List[strategies.size()];
        Parallel.forEach(strategies.size(), si -> {
            Superpixels sp = segmenters.get(si).segment(rgb, hha, scale, minSize, sigma);
            hierarchies[si] = HierarchicalGrouping.boxes(sp, rgb, hha, strategies.get(si).cues());
        });
        return select(rank(hierarchies), Math.min(rgb.width(), rgb.height()));
    }

    private record Ranked(Box box, double value) {
    }

    private List<Ranked> rank(List<Box>[] hierarchies) {
        Random random = new Random(config.seed());
        List<Ranked> ranked = new ArrayList<>();
        for (List<Box> hierarchy : hierarchies) {
            int n = hierarchy.size();
            for (int i = 0; i < n; i++) {
                ranked.add(new Ranked(hierarchy.get(i), (n - i) * random.nextDouble()));
            }
        }
        ranked.sort(Comparator.comparingDouble(Ranked::value)); // stable: ties keep strategy order
        return ranked;
    }

    private List<Box> select(List<Ranked> ranked, int shorterSide) {
        double minSide = config.minBoxSide() * shorterSide;
        double maxOverlap = config.maxOverlap();
        Set<Box> seen = new HashSet<>();
        List<Box> out = new ArrayList<>();
        double[] kept = new double[5 * ranked.size()]; // x1 y1 x2 y2 area of each kept box
        for (Ranked r : ranked) {
            Box b = r.box();
            if (b.width() < minSide || b.height() < minSide || !seen.add(b)) {
                continue;
            }
            double area = b.area();
            boolean overlaps = false;
            for (int k = 0; k < 5 * out.size() && !overlaps; k += 5) {
                double iw = Math.min(kept[k + 2], b.x2()) - Math.max(kept[k], b.x1()) + 1;
                double ih = Math.min(kept[k + 3], b.y2()) - Math.max(kept[k + 1], b.y1()) + 1;
                if (iw > 0 && ih > 0) {
                    double inter = iw * ih;
                    overlaps = inter / (kept[k + 4] + area - inter) >= maxOverlap;
                }
            }
            if (!overlaps) {
                int k = 5 * out.size();
                kept[k] = b.x1();
                kept[k + 1] = b.y1();
                kept[k + 2] = b.x2();
                kept[k + 3] = b.y2();
                kept[k + 4] = area;
                out.add(b);
            }
        }
        return out;
    }
}
