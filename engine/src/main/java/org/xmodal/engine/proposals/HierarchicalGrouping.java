package org.xmodal.engine.proposals;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;

/**
 * Selective search's hierarchical grouping (Uijlings et al., IJCV 2013, section 3.1): starting from superpixels,
 * the two most similar neighbouring regions are merged, again and again, until one region covers the image.
 * Every region ever formed is a proposal; its box is the bounding box of its pixels. Similarity is the sum of
 * the chosen {@link SimilarityCues}; merged histograms are the size-weighted mean of their parts, so nothing
 * goes back to the pixels after the first pass.
 */
final class HierarchicalGrouping {
    static final int BINS = 25;
    private static final int HIST = 3 * BINS;

    private final double imageSize;
    private final SimilarityCues cues;
    private final List<Region> regions = new ArrayList<>();

    /** A region of the hierarchy: its size, bounding box, histograms and neighbours (by region index). */
    private static final class Region {
        int size;
        int x1 = Integer.MAX_VALUE;
        int y1 = Integer.MAX_VALUE;
        int x2 = -1;
        int y2 = -1;
        float[] colour;
        float[] depth;
        final TreeSet<Integer> neighbours = new TreeSet<>();
        boolean alive = true;
    }

    /** A candidate merge; stale once either region has been merged into another. */
    private record Candidate(double similarity, int a, int b) {
    }

    private HierarchicalGrouping(double imageSize, SimilarityCues cues) {
        this.imageSize = imageSize;
        this.cues = cues;
    }

    /**
     * The boxes of every region of the hierarchy, in the order the regions were formed: the superpixels, then each
     * merge (the last is the whole image).
     *
     * @param hha needed only when {@code cues.depth()}
     */
    static List<Box> boxes(Superpixels superpixels, RgbImage rgb, RgbImage hha, SimilarityCues cues) {
        HierarchicalGrouping g = new HierarchicalGrouping(superpixels.labels().length, cues);
        g.initialRegions(superpixels, rgb, cues.depth() ? hha : null);
        g.group();
        List<Box> out = new ArrayList<>(g.regions.size());
        for (Region r : g.regions) {
            out.add(new Box(r.x1, r.y1, r.x2, r.y2));
        }
        return out;
    }

    private void initialRegions(Superpixels sp, RgbImage rgb, RgbImage hha) {
        int w = sp.width();
        int h = sp.height();
        int[] labels = sp.labels();
        for (int i = 0; i < sp.count(); i++) {
            Region r = new Region();
            r.colour = new float[HIST];
            r.depth = hha != null ? new float[HIST] : null;
            regions.add(r);
        }
        byte[] colour = rgb.rgb();
        byte[] depth = hha != null ? hha.rgb() : null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int l = labels[p];
                Region r = regions.get(l);
                r.size++;
                r.x1 = Math.min(r.x1, x);
                r.y1 = Math.min(r.y1, y);
                r.x2 = Math.max(r.x2, x);
                r.y2 = Math.max(r.y2, y);
                addToHistogram(r.colour, colour, p);
                if (depth != null) {
                    addToHistogram(r.depth, depth, p);
                }
                if (x + 1 < w && labels[p + 1] != l) {
                    link(l, labels[p + 1]);
                }
                if (y + 1 < h && labels[p + w] != l) {
                    link(l, labels[p + w]);
                }
            }
        }
        for (Region r : regions) {
            normalise(r.colour, r.size);
            if (r.depth != null) {
                normalise(r.depth, r.size);
            }
        }
    }

    private static void addToHistogram(float[] hist, byte[] pixels, int p) {
        for (int c = 0; c < 3; c++) {
            hist[c * BINS + (pixels[3 * p + c] & 0xFF) * BINS / 256]++;
        }
    }

    /** Scales a histogram of {@code size} pixels (3 counts each) to sum 1, so intersections lie in [0, 1]. */
    private static void normalise(float[] hist, int size) {
        float s = 1f / (3f * size);
        for (int i = 0; i < hist.length; i++) {
            hist[i] *= s;
        }
    }

    private void link(int a, int b) {
        regions.get(a).neighbours.add(b);
        regions.get(b).neighbours.add(a);
    }

    private void group() {
        // most similar first; ties by region indices, so the hierarchy is fully determined
        PriorityQueue<Candidate> queue = new PriorityQueue<>((p, q) -> p.similarity() != q.similarity()
                ? Double.compare(q.similarity(), p.similarity())
                : p.a() != q.a() ? Integer.compare(p.a(), q.a()) : Integer.compare(p.b(), q.b()));
        for (int a = 0; a < regions.size(); a++) {
            for (int b : regions.get(a).neighbours.tailSet(a, false)) {
                queue.add(new Candidate(similarity(regions.get(a), regions.get(b)), a, b));
            }
        }
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            Region a = regions.get(c.a());
            Region b = regions.get(c.b());
            if (!a.alive || !b.alive) {
                continue;
            }
            int t = regions.size();
            Region merged = merge(c.a(), c.b());
            regions.add(merged);
            for (int n : merged.neighbours) {
                Region other = regions.get(n);
                other.neighbours.remove(c.a());
                other.neighbours.remove(c.b());
                other.neighbours.add(t);
                queue.add(new Candidate(similarity(merged, other), n, t));
            }
        }
    }

    private Region merge(int ia, int ib) {
        Region a = regions.get(ia);
        Region b = regions.get(ib);
        Region m = new Region();
        m.size = a.size + b.size;
        m.x1 = Math.min(a.x1, b.x1);
        m.y1 = Math.min(a.y1, b.y1);
        m.x2 = Math.max(a.x2, b.x2);
        m.y2 = Math.max(a.y2, b.y2);
        m.colour = mix(a.colour, a.size, b.colour, b.size);
        m.depth = a.depth != null ? mix(a.depth, a.size, b.depth, b.size) : null;
        m.neighbours.addAll(a.neighbours);
        m.neighbours.addAll(b.neighbours);
        m.neighbours.remove(ia);
        m.neighbours.remove(ib);
        a.alive = false;
        b.alive = false;
        a.neighbours.clear();
        b.neighbours.clear();
        return m;
    }

    private static float[] mix(float[] p, int np, float[] q, int nq) {
        float[] out = new float[p.length];
        float wp = np / (float) (np + nq);
        float wq = 1 - wp;
        for (int i = 0; i < out.length; i++) {
            out[i] = wp * p[i] + wq * q[i];
        }
        return out;
    }

    private double similarity(Region a, Region b) {
        double s = 0;
        if (cues.colour()) {
            s += intersection(a.colour, b.colour);
        }
        if (cues.depth() && a.depth != null) {
            s += intersection(a.depth, b.depth);
        }
        if (cues.size()) {
            s += 1 - (a.size + b.size) / imageSize;
        }
        if (cues.fill()) {
            double box = (Math.max(a.x2, b.x2) - Math.min(a.x1, b.x1) + 1.0)
                    * (Math.max(a.y2, b.y2) - Math.min(a.y1, b.y1) + 1.0);
            s += 1 - (box - a.size - b.size) / imageSize;
        }
        return s;
    }

    private static double intersection(float[] p, float[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.min(p[i], q[i]);
        }
        return s;
    }
}
