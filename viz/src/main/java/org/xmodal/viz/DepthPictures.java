package org.xmodal.viz;

import java.util.List;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;

/**
 * False-colour depth: near is bright yellow, far is dark blue-purple (viridis reversed, so what is close to the
 * camera stands out), and a pixel without a measurement is black.
 */
public final class DepthPictures {
    public static final ColourMap MAP = ColourMap.VIRIDIS;

    private DepthPictures() {
    }

    public static RgbImage colour(DepthMap depth, DepthScale scale) {
        float[] m = depth.metres();
        byte[] out = new byte[m.length * 3];
        for (int i = 0; i < m.length; i++) {
            if (m[i] > 0 && Float.isFinite(m[i])) {
                MAP.put(1 - scale.fraction(m[i]), out, 3 * i);
            }
        }
        return new RgbImage(depth.width(), depth.height(), out);
    }

    /** The colour of a depth on a scale, as 0xRRGGBB. */
    public static int colourOf(double metres, DepthScale scale) {
        return MAP.rgb(1 - scale.fraction(metres));
    }

    /** The scale bar of {@link #colour}: near on the left, ticks in metres; black marks "no reading". */
    public static RgbImage scaleBar(DepthScale scale, int width) {
        double span = scale.maxMetres() - scale.minMetres();
        List<ScaleBar.Tick> ticks = scale.tickValues().stream()
                .map(v -> new ScaleBar.Tick((v - scale.minMetres()) / span, DepthScale.format(v))).toList();
        return ScaleBar.render("depth (black: no reading)", f -> MAP.rgb(1 - f), ticks, width);
    }

    /** The picture with its scale bar underneath, as exported to files and reports. */
    public static RgbImage withScaleBar(DepthMap depth, DepthScale scale, int barWidth) {
        return Thumbnails.stacked(colour(depth, scale), scaleBar(scale, barWidth), AwtImages.LEGEND_BACKGROUND);
    }
}
