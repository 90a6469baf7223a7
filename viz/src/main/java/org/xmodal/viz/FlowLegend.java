package org.xmodal.viz;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * The key of the Middlebury colour wheel: a disc coloured as {@link FlowImages#colourWheel} colours the flow
 * vector from its centre to each point, the rim being the given magnitude; hue is direction, saturation speed.
 */
public final class FlowLegend {
    private static final int CAPTION_HEIGHT = 34;

    private FlowLegend() {
    }

    /**
     * The key of {@link FlowImages#actionTubes}: each channel is 16 grey levels per pixel of motion about 128, so
     * the bar is labelled in pixels per frame for u (R), v (G) and the speed (B).
     */
    public static RgbImage actionTubes(int width) {
        List<ScaleBar.Tick> ticks = new ArrayList<>();
        for (int px = -8; px <= 8; px += 4) {
            // +8 px is grey level 256, saturated to 255: the bar's right end
            double grey = Math.min(255, FlowImages.ACTION_TUBES_SCALE * px + 128);
            ticks.add(new ScaleBar.Tick(grey / 255, (px > 0 ? "+" : "") + px));
        }
        return ScaleBar.render("R = u, G = v, B = speed (px/frame)", ColourMap.GREY::rgb, ticks, width);
    }

    /**
     * @param diameter     of the disc in pixels
     * @param maxMagnitude the flow (pixels per frame) at the rim, the same value given to the colour wheel
     */
    public static RgbImage wheel(int diameter, double maxMagnitude) {
        if (diameter < 8) {
            throw new IllegalArgumentException("the legend disc needs at least 8 pixels, got " + diameter);
        }
        if (!(maxMagnitude > 0)) {
            throw new IllegalArgumentException("the rim magnitude must be positive, got " + maxMagnitude);
        }
        int n = diameter * diameter;
        float[] u = new float[n];
        float[] v = new float[n];
        double r = diameter / 2.0;
        boolean[] inside = new boolean[n];
        for (int y = 0; y < diameter; y++) {
            for (int x = 0; x < diameter; x++) {
                double dx = (x + 0.5 - r) / r;
                double dy = (y + 0.5 - r) / r;
                int i = y * diameter + x;
                inside[i] = dx * dx + dy * dy <= 1;
                u[i] = (float) (dx * maxMagnitude);
                v[i] = (float) (dy * maxMagnitude);
            }
        }
        RgbImage disc = FlowImages.colourWheel(new FlowField(diameter, diameter, u, v), maxMagnitude);
        BufferedImage img = new BufferedImage(Math.max(diameter, 200), diameter + CAPTION_HEIGHT,
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = AwtImages.legendGraphics(img);
        try {
            int left = (img.getWidth() - diameter) / 2;
            for (int y = 0; y < diameter; y++) {
                for (int x = 0; x < diameter; x++) {
                    int i = y * diameter + x;
                    if (inside[i]) {
                        img.setRGB(left + x, y, (disc.get(x, y, 0) << 16) | (disc.get(x, y, 1) << 8) | disc.get(x, y, 2));
                    }
                }
            }
            g.drawString("hue: direction, white: still", 2, diameter + 14);
            g.drawString(String.format(Locale.ROOT, "rim: %.2f px/frame", maxMagnitude), 2, diameter + 29);
        } finally {
            g.dispose();
        }
        return AwtImages.fromBuffered(img);
    }
}
