package org.xmodal.engine.regions;

import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.transfer.InputNormalisation;

/**
 * R-CNN's region warp: the box is enlarged so that, once warped to {@code side x side}, it carries
 * {@code contextPixels} of surrounding context on each side, then resampled bilinearly (anisotropically) into a
 * normalised network input. Pixels outside the image are filled with the mean (zero after normalisation).
 */
public final class RegionWarp {
    /** R-CNN's context padding at 227 px. */
    public static final int CONTEXT_227 = 16;

    private RegionWarp() {
    }

    /** The enlarged box, in image coordinates (may reach outside the image). */
    public static double[] withContext(Box b, int side, int contextPixels) {
        double scale = side / (double) (side - 2 * contextPixels);
        double cx = (b.x1() + b.x2()) / 2;
        double cy = (b.y1() + b.y2()) / 2;
        double hw = b.width() * scale / 2;
        double hh = b.height() * scale / 2;
        return new double[] {cx - hw, cy - hh, cx + hw, cy + hh};
    }

    /**
     * Writes the warped region into sample {@code b} of a batch ({@code out}, laid out as {@link NetworkInput#index}
     * says), mirrored when {@code flip}.
     */
    public static void write(RgbImage img, Box box, int side, int contextPixels, boolean flip, InputNormalisation norm,
                             float[] out, int b) {
        double[] r = withContext(box, side, contextPixels);
        double sx = (r[2] - r[0]) / side;
        double sy = (r[3] - r[1]) / side;
        float[] mean = norm.meansBgr();
        for (int y = 0; y < side; y++) {
            double fy = r[1] + (y + 0.5) * sy - 0.5;
            for (int x = 0; x < side; x++) {
                int ox = flip ? side - 1 - x : x;
                double fx = r[0] + (x + 0.5) * sx - 0.5;
                int o = NetworkInput.index(b, y, ox, 0, side);
                if (fx < -0.5 || fy < -0.5 || fx > img.width() - 0.5 || fy > img.height() - 0.5) {
                    out[o] = 0;
                    out[o + 1] = 0;
                    out[o + 2] = 0;
                    continue;
                }
                int x0 = clamp((int) Math.floor(fx), img.width());
                int y0 = clamp((int) Math.floor(fy), img.height());
                int x1 = clamp(x0 + 1, img.width());
                int y1 = clamp(y0 + 1, img.height());
                double tx = Math.min(1, Math.max(0, fx - Math.floor(fx)));
                double ty = Math.min(1, Math.max(0, fy - Math.floor(fy)));
                for (int c = 0; c < 3; c++) {
                    int channel = 2 - c; // BGR planes from RGB pixels
                    double v = (img.get(x0, y0, channel) * (1 - tx) + img.get(x1, y0, channel) * tx) * (1 - ty)
                            + (img.get(x0, y1, channel) * (1 - tx) + img.get(x1, y1, channel) * tx) * ty;
                    out[o + c] = (float) v - mean[c];
                }
            }
        }
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
