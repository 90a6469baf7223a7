package org.xmodal.engine.run;

import org.xmodal.engine.image.RgbImage;

/**
 * conv1 filters as a picture, the way the paper's Figure 2 shows them: each filter contrast-normalised on its own
 * (its smallest weight black, its largest white), the three input planes shown as colour. Networks take BGR
 * planes (NetworkInput), so plane 2 is drawn as red and plane 0 as blue; for HHA or flow inputs this is the
 * composite of the three channels.
 */
public final class FilterGrid {
    private FilterGrid() {
    }

    /**
     * @param weights  conv1 weights, [out][in][k][k] flattened in C order
     * @param filters  number of filters (out)
     * @param channels input planes (1 or 3)
     * @param k        kernel side
     * @param zoom     pixels per weight
     */
    public static RgbImage render(float[] weights, int filters, int channels, int k, int zoom) {
        int cols = (int) Math.ceil(Math.sqrt(filters));
        int rows = (int) Math.ceil(filters / (double) cols);
        int cell = k * zoom + 1;
        int width = cols * cell + 1;
        int height = rows * cell + 1;
        RgbImage img = RgbImage.blank(width, height);
        byte[] px = img.rgb();
        java.util.Arrays.fill(px, (byte) 48);
        int per = channels * k * k;
        for (int f = 0; f < filters; f++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < per; i++) {
                float v = weights[f * per + i];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float range = max > min ? max - min : 1f;
            int ox = 1 + (f % cols) * cell;
            int oy = 1 + (f / cols) * cell;
            for (int y = 0; y < k * zoom; y++) {
                for (int x = 0; x < k * zoom; x++) {
                    int wi = (y / zoom) * k + x / zoom;
                    int o = 3 * ((oy + y) * width + ox + x);
                    for (int c = 0; c < 3; c++) {
                        int plane = channels == 1 ? 0 : 2 - c;
                        float v = (weights[f * per + plane * k * k + wi] - min) / range;
                        px[o + c] = (byte) Math.round(255 * v);
                    }
                }
            }
        }
        return img;
    }
}
