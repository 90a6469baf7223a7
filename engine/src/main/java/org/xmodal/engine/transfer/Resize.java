package org.xmodal.engine.transfer;

import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * Bilinear resizing of images and of flow fields (whose vectors scale with the image). Public so that the workbench
 * feeds a network exactly what training fed it.
 */
public final class Resize {
    private Resize() {
    }

    /** The size whose shorter side is {@code shortSide}, keeping the aspect ratio. */
    public static int[] toShortSide(int w, int h, int shortSide) {
        if (w <= h) {
            return new int[] {shortSide, Math.max(shortSide, Math.round(h * (float) shortSide / w))};
        }
        return new int[] {Math.max(shortSide, Math.round(w * (float) shortSide / h)), shortSide};
    }

    public static RgbImage rgb(RgbImage src, int w, int h) {
        if (src.width() == w && src.height() == h) {
            return src;
        }
        byte[] out = new byte[w * h * 3];
        float sx = src.width() / (float) w;
        float sy = src.height() / (float) h;
        for (int y = 0; y < h; y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, src.height() - 1);
            int y1 = Math.min(y0 + 1, src.height() - 1);
            float ty = fy - y0;
            for (int x = 0; x < w; x++) {
                float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, src.width() - 1);
                int x1 = Math.min(x0 + 1, src.width() - 1);
                float tx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    float a = src.get(x0, y0, c) * (1 - tx) + src.get(x1, y0, c) * tx;
                    float b = src.get(x0, y1, c) * (1 - tx) + src.get(x1, y1, c) * tx;
                    out[3 * (y * w + x) + c] = (byte) Math.round(a * (1 - ty) + b * ty);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    public static FlowField flow(FlowField src, int w, int h) {
        if (src.width() == w && src.height() == h) {
            return src;
        }
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        float sx = src.width() / (float) w;
        float sy = src.height() / (float) h;
        for (int y = 0; y < h; y++) {
            int yy = Math.min(src.height() - 1, (int) ((y + 0.5f) * sy));
            for (int x = 0; x < w; x++) {
                int i = yy * src.width() + Math.min(src.width() - 1, (int) ((x + 0.5f) * sx));
                boolean known = src.isKnown(i);
                u[y * w + x] = known ? src.u()[i] / sx : src.u()[i];
                v[y * w + x] = known ? src.v()[i] / sy : src.v()[i];
            }
        }
        return new FlowField(w, h, u, v);
    }
}
