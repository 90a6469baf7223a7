package org.xmodal.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.xmodal.engine.image.RgbImage;

/** Conversion between the engine's {@link RgbImage} and AWT images, for drawing text and lines headlessly. */
public final class AwtImages {
    /** The background of legends: Modena's (JavaFX's default theme) window colour, so legends sit flush in the UI. */
    public static final int LEGEND_BACKGROUND = 0xf4f4f4;
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private AwtImages() {
    }

    public static BufferedImage toBuffered(RgbImage image) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0; i < image.width() * image.height(); i++) {
            bgr[3 * i] = rgb[3 * i + 2];
            bgr[3 * i + 1] = rgb[3 * i + 1];
            bgr[3 * i + 2] = rgb[3 * i];
        }
        return img;
    }

    public static RgbImage fromBuffered(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, out);
    }

    /** A legend-coloured canvas with anti-aliased text set up. Dispose the graphics when done. */
    static Graphics2D legendGraphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(LEGEND_BACKGROUND));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(LABEL_FONT);
        g.setColor(new Color(0x333333));
        return g;
    }
}
