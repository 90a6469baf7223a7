package org.xmodal.engine.transfer;

import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkInput;

/** Applies {@link NetworkInput}'s convention: BGR planes on 0..255 minus per-channel means. */
public enum InputNormalisation {
    IMAGE(NetworkInput.MEAN_B, NetworkInput.MEAN_G, NetworkInput.MEAN_R),
    FLOW(NetworkInput.FLOW_MEAN, NetworkInput.FLOW_MEAN, NetworkInput.FLOW_MEAN);

    private final float meanB;
    private final float meanG;
    private final float meanR;

    InputNormalisation(float meanB, float meanG, float meanR) {
        this.meanB = meanB;
        this.meanG = meanG;
        this.meanR = meanR;
    }

    /** The means subtracted from the B, G and R planes. */
    public float[] meansBgr() {
        return new float[] {meanB, meanG, meanR};
    }

    /**
     * Writes the {@code size x size} window at (x0, y0) of {@code img}, mirrored when {@code flip}, into
     * {@code out} at sample {@code b} of a batch laid out as {@link NetworkInput#index} says.
     */
    public void write(RgbImage img, int x0, int y0, int size, boolean flip, float[] out, int b) {
        byte[] p = img.rgb();
        for (int y = 0; y < size; y++) {
            int row = (y0 + y) * img.width();
            for (int x = 0; x < size; x++) {
                int sx = flip ? x0 + size - 1 - x : x0 + x;
                int i = 3 * (row + sx);
                int o = NetworkInput.index(b, y, x, 0, size);
                out[o] = (p[i + 2] & 0xFF) - meanB;
                out[o + 1] = (p[i + 1] & 0xFF) - meanG;
                out[o + 2] = (p[i] & 0xFF) - meanR;
            }
        }
    }

    /** The whole image as a one-image batch (any aspect), laid out as {@link NetworkInput} says: 1 x 3 x H x W. */
    public float[] whole(RgbImage img) {
        byte[] p = img.rgb();
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i += 3) {
            out[i] = (p[i + 2] & 0xFF) - meanB;
            out[i + 1] = (p[i + 1] & 0xFF) - meanG;
            out[i + 2] = (p[i] & 0xFF) - meanR;
        }
        return out;
    }
}
