package org.xmodal.viz;

import org.xmodal.engine.image.RgbImage;

/** Small pictures for lists: area-averaged downscaling and simple layouts of two pictures. */
public final class Thumbnails {
    private Thumbnails() {
    }

    /** The image shrunk (never enlarged) to fit {@code maxWidth x maxHeight}, keeping its aspect ratio. */
    public static RgbImage fit(RgbImage img, int maxWidth, int maxHeight) {
        double s = Math.min(1, Math.min(maxWidth / (double) img.width(), maxHeight / (double) img.height()));
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        if (w == img.width() && h == img.height()) {
            return img;
        }
        byte[] in = img.rgb();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int y0 = y * img.height() / h;
            int y1 = Math.max(y0 + 1, (y + 1) * img.height() / h);
            for (int x = 0; x < w; x++) {
                int x0 = x * img.width() / w;
                int x1 = Math.max(x0 + 1, (x + 1) * img.width() / w);
                long r = 0;
                long g = 0;
                long b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int i = 3 * (yy * img.width() + xx);
                        r += in[i] & 0xFF;
                        g += in[i + 1] & 0xFF;
                        b += in[i + 2] & 0xFF;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                int o = 3 * (y * w + x);
                out[o] = (byte) ((r + n / 2) / n);
                out[o + 1] = (byte) ((g + n / 2) / n);
                out[o + 2] = (byte) ((b + n / 2) / n);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** {@code left} and {@code right} side by side, {@code gap} pixels apart, top-aligned on a background colour. */
    public static RgbImage sideBySide(RgbImage left, RgbImage right, int gap, int background) {
        int w = left.width() + gap + right.width();
        int h = Math.max(left.height(), right.height());
        RgbImage out = filled(w, h, background);
        paste(left, out, 0, 0);
        paste(right, out, left.width() + gap, 0);
        return out;
    }

    /** {@code top} above {@code bottom}, left-aligned on a background colour. */
    public static RgbImage stacked(RgbImage top, RgbImage bottom, int background) {
        RgbImage out = filled(Math.max(top.width(), bottom.width()), top.height() + bottom.height(), background);
        paste(top, out, 0, 0);
        paste(bottom, out, 0, top.height());
        return out;
    }

    static RgbImage filled(int w, int h, int colour) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            px[3 * i] = (byte) (colour >> 16);
            px[3 * i + 1] = (byte) (colour >> 8);
            px[3 * i + 2] = (byte) colour;
        }
        return new RgbImage(w, h, px);
    }

    private static void paste(RgbImage src, RgbImage dst, int x0, int y0) {
        for (int y = 0; y < src.height(); y++) {
            System.arraycopy(src.rgb(), 3 * y * src.width(), dst.rgb(), 3 * ((y0 + y) * dst.width() + x0),
                    3 * src.width());
        }
    }
}
