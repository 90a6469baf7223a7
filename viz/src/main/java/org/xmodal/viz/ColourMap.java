package org.xmodal.viz;

/**
 * Colour maps for scalar images, as 256-entry tables interpolated between anchor colours. Viridis (van der Walt and
 * Smith, matplotlib) is perceptually uniform and readable by colour-blind people, so a step in colour is a step in
 * value anywhere on the scale.
 */
public enum ColourMap {
    VIRIDIS(0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d, 0x27ad81, 0x5cc863, 0xaadc32, 0xfde725),
    GREY(0x000000, 0xffffff);

    private final int[] table = new int[256];

    ColourMap(int... anchors) {
        for (int i = 0; i < 256; i++) {
            double pos = i / 255.0 * (anchors.length - 1);
            int k = Math.min((int) pos, anchors.length - 2);
            double t = pos - k;
            table[i] = mix(anchors[k], anchors[k + 1], t);
        }
    }

    /** The colour at {@code t} in [0, 1] (clamped) as 0xRRGGBB. */
    public int rgb(double t) {
        double c = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        return table[(int) Math.round(c * 255)];
    }

    /** Writes the colour at {@code t} into {@code out} at {@code offset} as r, g, b bytes. */
    public void put(double t, byte[] out, int offset) {
        int c = rgb(t);
        out[offset] = (byte) (c >> 16);
        out[offset + 1] = (byte) (c >> 8);
        out[offset + 2] = (byte) c;
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return (r << 16) | (g << 8) | bl;
    }
}
