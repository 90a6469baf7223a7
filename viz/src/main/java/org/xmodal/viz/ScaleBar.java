package org.xmodal.viz;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.DoubleToIntFunction;
import org.xmodal.engine.image.RgbImage;

/**
 * A horizontal colour scale with labelled ticks: what a colour (or grey level) of a picture means in the units
 * of the quantity it shows.
 */
public final class ScaleBar {
    /** Height of every scale bar, so legends line up. */
    public static final int HEIGHT = 52;
    private static final int MARGIN = 18;
    private static final int STRIP_TOP = 18;
    private static final int STRIP_HEIGHT = 14;

    /** A labelled position on the bar, {@code fraction} 0 at the left end and 1 at the right. */
    public record Tick(double fraction, String label) {
    }

    private ScaleBar() {
    }

    /**
     * @param caption   what the scale measures, with its unit ("depth (m)")
     * @param colourAt  the colour (0xRRGGBB) at a fraction of the bar
     * @param ticks     labels; those outside [0, 1] are skipped
     * @param width     width of the image in pixels
     */
    public static RgbImage render(String caption, DoubleToIntFunction colourAt, List<Tick> ticks, int width) {
        if (width < 2 * MARGIN + 10) {
            throw new IllegalArgumentException("a scale bar needs at least " + (2 * MARGIN + 10) + " pixels, got "
                    + width);
        }
        BufferedImage img = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = AwtImages.legendGraphics(img);
        try {
            FontMetrics fm = g.getFontMetrics();
            g.drawString(caption, MARGIN, 13);
            int stripWidth = width - 2 * MARGIN;
            for (int x = 0; x < stripWidth; x++) {
                g.setColor(new Color(colourAt.applyAsInt(x / (double) (stripWidth - 1))));
                g.drawLine(MARGIN + x, STRIP_TOP, MARGIN + x, STRIP_TOP + STRIP_HEIGHT - 1);
            }
            g.setColor(new Color(0x333333));
            g.drawRect(MARGIN - 1, STRIP_TOP - 1, stripWidth + 1, STRIP_HEIGHT + 1);
            int lastRight = Integer.MIN_VALUE;
            List<Tick> leftToRight = ticks.stream().sorted(java.util.Comparator.comparingDouble(Tick::fraction)).toList();
            for (Tick t : leftToRight) {
                if (!(t.fraction() >= -1e-9 && t.fraction() <= 1 + 1e-9)) {
                    continue;
                }
                int x = MARGIN + (int) Math.round(t.fraction() * (stripWidth - 1));
                g.drawLine(x, STRIP_TOP + STRIP_HEIGHT, x, STRIP_TOP + STRIP_HEIGHT + 4);
                int lw = fm.stringWidth(t.label());
                int left = Math.max(1, Math.min(width - lw - 1, x - lw / 2));
                if (left > lastRight + 4) {
                    g.drawString(t.label(), left, STRIP_TOP + STRIP_HEIGHT + 17);
                    lastRight = left + lw;
                }
            }
        } finally {
            g.dispose();
        }
        return AwtImages.fromBuffered(img);
    }
}
