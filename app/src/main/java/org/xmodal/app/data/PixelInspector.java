package org.xmodal.app.data;

import java.util.Locale;
import org.xmodal.engine.image.RgbImage;

/** What the pixel under the cursor measures: position, colour, depth, the HHA quantities, or the flow vector. */
public final class PixelInspector {
    private PixelInspector() {
    }

    /**
     * @param x continuous image coordinate (pixel i spans [i, i + 1))
     * @return one or two lines of text, or "" outside the image
     */
    public static String read(PairContent c, double x, double y) {
        if (c == null || !(x >= 0 && y >= 0 && x < c.width() && y < c.height())) {
            return "";
        }
        int ix = (int) x;
        int iy = (int) y;
        int i = iy * c.width() + ix;
        RgbImage rgb = c.image(Layer.RGB);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "x %d, y %d \u00b7 RGB %d %d %d", ix, iy,
                rgb.get(ix, iy, 0), rgb.get(ix, iy, 1), rgb.get(ix, iy, 2)));
        if (c.depth() != null) {
            float z = c.depth().metres()[i];
            sb.append(z > 0 && Float.isFinite(z) ? String.format(Locale.ROOT, " \u00b7 depth %.3f m", z)
                    : " \u00b7 depth: none");
            if (c.rawDepth() != null) {
                float r = c.rawDepth().metres()[i];
                sb.append(r > 0 && Float.isFinite(r) ? String.format(Locale.ROOT, " (raw %.3f m)", r)
                        : " (raw: no reading)");
            }
        }
        if (c.hha() != null) {
            float angle = c.hha().angleDegrees()[i];
            sb.append(String.format(Locale.ROOT, "%n disparity %.1f \u00b7 height %.1f cm \u00b7 ",
                    c.hha().disparity()[i], c.hha().heightCm()[i]));
            sb.append(angle >= 180 ? "angle: no normal here" : String.format(Locale.ROOT, "angle %.1f\u00b0", angle));
        }
        if (c.flow() != null) {
            if (c.flow().isKnown(i)) {
                float u = c.flow().u()[i];
                float v = c.flow().v()[i];
                sb.append(String.format(Locale.ROOT, "%n flow u %+.2f, v %+.2f px (%.2f px, %s)", u, v,
                        Math.hypot(u, v), c.flowSource()));
            } else {
                sb.append(String.format(Locale.ROOT, "%n flow unknown here (%s)", c.flowSource()));
            }
        }
        return sb.toString();
    }
}
