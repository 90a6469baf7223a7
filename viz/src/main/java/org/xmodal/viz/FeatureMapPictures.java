package org.xmodal.viz;

import java.util.List;
import java.util.Locale;
import org.xmodal.engine.image.RgbImage;

/**
 * Pictures of feature maps: a map of {@code w x h} values drawn over an image of another size, each map cell a block
 * of the colour of its value (nearest neighbour: a cell is one receptive field, smoothing would invent detail), on a
 * fixed range so that two maps drawn on the same range compare by colour.
 */
public final class FeatureMapPictures {
    private FeatureMapPictures() {
    }

    /** A map, row by row, with its size. */
    public record Map2d(float[] values, int width, int height) {
        public Map2d {
            if (width < 1 || height < 1 || values.length != width * height) {
                throw new IllegalArgumentException("a " + width + " x " + height + " map needs " + width * height
                        + " values, got " + values.length);
            }
        }

        public double max() {
            double m = Double.NEGATIVE_INFINITY;
            for (float v : values) {
                m = Math.max(m, v);
            }
            return m;
        }

        public double min() {
            double m = Double.POSITIVE_INFINITY;
            for (float v : values) {
                m = Math.min(m, v);
            }
            return m;
        }

        public double mean() {
            double s = 0;
            for (float v : values) {
                s += v;
            }
            return s / values.length;
        }
    }

    /** The map in {@code colours}, {@code lo} at the bottom of the scale and {@code hi} at its top. */
    public static RgbImage heatmap(Map2d map, double lo, double hi, int width, int height, ColourMap colours) {
        RgbImage out = RgbImage.blank(width, height);
        byte[] px = out.rgb();
        double range = hi > lo ? hi - lo : 1;
        for (int y = 0; y < height; y++) {
            int my = Math.min(map.height() - 1, y * map.height() / height);
            for (int x = 0; x < width; x++) {
                int mx = Math.min(map.width() - 1, x * map.width() / width);
                colours.put((map.values()[my * map.width() + mx] - lo) / range, px, 3 * (y * width + x));
            }
        }
        return out;
    }

    /** The map's colours laid over {@code base} (dimmed to grey), {@code opacity} 0 shows only the image. */
    public static RgbImage overlay(RgbImage base, Map2d map, double lo, double hi, ColourMap colours, double opacity) {
        RgbImage heat = heatmap(map, lo, hi, base.width(), base.height(), colours);
        byte[] b = base.rgb();
        byte[] h = heat.rgb();
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i += 3) {
            double grey = 0.299 * (b[i] & 0xFF) + 0.587 * (b[i + 1] & 0xFF) + 0.114 * (b[i + 2] & 0xFF);
            for (int c = 0; c < 3; c++) {
                out[i + c] = (byte) Math.round(grey * (1 - opacity) + (h[i + c] & 0xFF) * opacity);
            }
        }
        return new RgbImage(base.width(), base.height(), out);
    }

    /** A scale bar for a map drawn on [lo, hi]: the caption names the quantity. */
    public static RgbImage legend(String caption, double lo, double hi, ColourMap colours, int width) {
        List<ScaleBar.Tick> ticks = List.of(new ScaleBar.Tick(0, number(lo)), new ScaleBar.Tick(0.5,
                number((lo + hi) / 2)), new ScaleBar.Tick(1, number(hi)));
        return ScaleBar.render(caption, colours::rgb, ticks, width);
    }

    private static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 10000)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return String.format(Locale.ROOT, a < 10 ? "%.2f" : "%.0f", v);
    }
}
