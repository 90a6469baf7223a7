package org.xmodal.viz;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.run.FilterGrid;

/**
 * Pictures of first-layer filters, as the paper's Figure 2 shows them: a grid with each filter contrast-normalised
 * on its own, the three input planes as one colour picture (the composite: what {@link FilterGrid} draws) or each
 * plane as a grey grid of its own, labelled with what that plane is (HHA's disparity, height and angle; flow's u, v
 * and magnitude), and several grids side by side with captions.
 */
public final class FilterPictures {
    private static final int GAP = 14;
    private static final int CAPTION = 38;
    private static final int PLANE_CAPTION = 20;

    /** conv1 weights, {@code [count][channels][k][k]} in C order. */
    public record Filters(float[] weights, int count, int channels, int k) {
        public Filters {
            if (count < 1 || channels < 1 || k < 1 || weights.length != count * channels * k * k) {
                throw new IllegalArgumentException("conv1 weights of " + weights.length + " values cannot be " + count
                        + " filters of " + channels + " x " + k + " x " + k);
            }
        }

        /** From a shape {@code [out, in, kh, kw]} with square kernels. */
        public static Filters of(long[] shape, float[] weights) {
            if (shape.length != 4 || shape[2] != shape[3]) {
                throw new IllegalArgumentException("conv1 weights must be [out, in, k, k], got "
                        + java.util.Arrays.toString(shape));
            }
            return new Filters(weights, (int) shape[0], (int) shape[1], (int) shape[2]);
        }
    }

    /** One plane of the input, by its index in the network's input (BGR order) and its name. */
    public record Plane(int index, String name) {
    }

    /** A captioned picture in a row of pictures. */
    public record Panel(String title, String subtitle, RgbImage picture) {
    }

    private FilterPictures() {
    }

    /** The three planes as colour (plane 2 as red, plane 0 as blue), each filter normalised over all its weights. */
    public static RgbImage composite(Filters f, int zoom) {
        return FilterGrid.render(f.weights(), f.count(), f.channels(), f.k(), zoom);
    }

    /** One plane as a grey grid, each filter normalised over its weights in that plane. */
    public static RgbImage plane(Filters f, int plane, int zoom) {
        if (plane < 0 || plane >= f.channels()) {
            throw new IllegalArgumentException("plane " + plane + " of filters with " + f.channels() + " channels");
        }
        int k = f.k();
        float[] one = new float[f.count() * k * k];
        for (int n = 0; n < f.count(); n++) {
            System.arraycopy(f.weights(), (n * f.channels() + plane) * k * k, one, n * k * k, k * k);
        }
        return FilterGrid.render(one, f.count(), 1, k, zoom);
    }

    /** Each named plane as a grey grid, side by side, each under its name. */
    public static RgbImage planes(Filters f, List<Plane> planes, int zoom) {
        List<Panel> panels = planes.stream().map(p -> new Panel(p.name(), null, plane(f, p.index(), zoom))).toList();
        return row(panels, PLANE_CAPTION);
    }

    /** Pictures side by side, each with a title and an optional second line under it. */
    public static RgbImage figure(List<Panel> panels) {
        return row(panels, CAPTION);
    }

    private static RgbImage row(List<Panel> panels, int captionHeight) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one picture");
        }
        int width = GAP;
        int height = 0;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D pg = AwtImages.legendGraphics(probe);
        FontMetrics fm = pg.getFontMetrics();
        int[] widths = new int[panels.size()];
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int text = Math.max(fm.stringWidth(p.title()), p.subtitle() == null ? 0 : fm.stringWidth(p.subtitle()));
            widths[i] = Math.max(p.picture().width(), text);
            width += widths[i] + GAP;
            height = Math.max(height, p.picture().height());
        }
        pg.dispose();
        BufferedImage img = new BufferedImage(width, height + captionHeight + GAP, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = AwtImages.legendGraphics(img);
        try {
            int x = GAP;
            for (int i = 0; i < panels.size(); i++) {
                Panel p = panels.get(i);
                g.setColor(new Color(0x1f2933));
                g.drawString(p.title(), x, 15);
                if (p.subtitle() != null) {
                    g.setColor(new Color(0x616e7c));
                    g.drawString(p.subtitle(), x, 31);
                }
                g.drawImage(AwtImages.toBuffered(p.picture()), x + (widths[i] - p.picture().width()) / 2,
                        captionHeight, null);
                x += widths[i] + GAP;
            }
        } finally {
            g.dispose();
        }
        return AwtImages.fromBuffered(img);
    }
}
