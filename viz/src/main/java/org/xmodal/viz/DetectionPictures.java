package org.xmodal.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;

/**
 * A detection or an object on its image, for lists of a detector's mistakes: the part of the image around the box,
 * scaled to a thumbnail, with the boxes outlined. Small boxes are enlarged so that what the detector saw is visible.
 */
public final class DetectionPictures {
    /** Okabe and Ito's vermillion: a detection. */
    public static final int DETECTION_COLOUR = 0xD55E00;
    /** Okabe and Ito's bluish green: a ground-truth box. */
    public static final int TRUTH_COLOUR = 0x009E73;
    private static final double MAX_ENLARGEMENT = 4;

    private DetectionPictures() {
    }

    /** A box to outline, in image pixels; dashed for a box shown for reference. */
    public record Outline(Box box, int colour, boolean dashed) {
        public Outline {
            Objects.requireNonNull(box, "box");
        }
    }

    /**
     * The image around {@code focus} (the box with as much again around it, and at least a third of the image's
     * shorter side), scaled to fit {@code maxWidth x maxHeight} (enlarged at most 4 times, pixels kept sharp), with
     * the outlines drawn; an outline outside that part is cut off at its edge.
     */
    public static RgbImage around(RgbImage image, Box focus, List<Outline> outlines, int maxWidth, int maxHeight) {
        int minSide = Math.max(1, Math.min(image.width(), image.height()) / 3);
        int[] x = span(focus.x1(), focus.x2(), minSide, image.width());
        int[] y = span(focus.y1(), focus.y2(), minSide, image.height());
        RgbImage crop = crop(image, x[0], y[0], x[1] - x[0], y[1] - y[0]);
        double s = Math.min(MAX_ENLARGEMENT, Math.min(maxWidth / (double) crop.width(),
                maxHeight / (double) crop.height()));
        RgbImage scaled = s < 1 ? Thumbnails.fit(crop, maxWidth, maxHeight) : enlarge(crop, s);
        double sx = scaled.width() / (double) crop.width();
        double sy = scaled.height() / (double) crop.height();
        BufferedImage img = AwtImages.toBuffered(scaled);
        Graphics2D g = img.createGraphics();
        try {
            for (Outline o : outlines) {
                g.setColor(new Color(o.colour()));
                g.setStroke(o.dashed() ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[] {4, 3}, 0) : new BasicStroke(2f));
                // corners are inclusive pixels: the outline goes round the box's pixels
                int left = (int) Math.round((o.box().x1() - x[0]) * sx);
                int top = (int) Math.round((o.box().y1() - y[0]) * sy);
                int right = (int) Math.round((o.box().x2() + 1 - x[0]) * sx) - 1;
                int bottom = (int) Math.round((o.box().y2() + 1 - y[0]) * sy) - 1;
                g.drawRect(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
            }
        } finally {
            g.dispose();
        }
        return AwtImages.fromBuffered(img);
    }

    /** [from, to) of the part of an axis shown: the box's extent doubled, at least {@code min}, inside [0, size). */
    static int[] span(double lo, double hi, int min, int size) {
        double centre = (lo + hi + 1) / 2;
        double length = Math.min(size, Math.max(min, 2 * (hi - lo + 1)));
        int from = (int) Math.floor(centre - length / 2);
        from = Math.max(0, Math.min(size - (int) Math.ceil(length), from));
        int to = Math.min(size, from + (int) Math.ceil(length));
        return new int[] {from, Math.max(from + 1, to)};
    }

    private static RgbImage crop(RgbImage image, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.rgb(), 3 * ((y0 + y) * image.width() + x0), out, 3 * y * w, 3 * w);
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage enlarge(RgbImage img, double s) {
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(img.height() - 1, (int) (y * img.height() / (double) h));
            for (int x = 0; x < w; x++) {
                int sxx = Math.min(img.width() - 1, (int) (x * img.width() / (double) w));
                System.arraycopy(img.rgb(), 3 * (sy * img.width() + sxx), out, 3 * (y * w + x), 3);
            }
        }
        return new RgbImage(w, h, out);
    }
}
