package org.xmodal.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xmodal.engine.image.DepthMap;

/**
 * The range of depths a false-colour picture spans, in metres, with round ends so that the scale bar's ticks fall
 * on readable values.
 */
public record DepthScale(double minMetres, double maxMetres) {
    private static final double[] STEPS = {0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50};

    public DepthScale {
        if (!(minMetres >= 0) || !(maxMetres > minMetres) || !Double.isFinite(maxMetres)) {
            throw new IllegalArgumentException("depth scale needs 0 <= min < max, got " + minMetres + ".." + maxMetres);
        }
    }

    /** From the nearest to the farthest measured depth, rounded outwards to half metres. */
    public static DepthScale of(DepthMap depth) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (float z : depth.metres()) {
            if (z > 0 && Float.isFinite(z)) {
                min = Math.min(min, z);
                max = Math.max(max, z);
            }
        }
        if (max == 0) {
            return new DepthScale(0, 1);
        }
        double lo = Math.floor(min * 2) / 2;
        double hi = Math.ceil(max * 2) / 2;
        return new DepthScale(lo, hi > lo ? hi : lo + 0.5);
    }

    /** Where a depth lies on the scale: 0 at the near end, 1 at the far end (clamped). */
    public double fraction(double metres) {
        return Math.max(0, Math.min(1, (metres - minMetres) / (maxMetres - minMetres)));
    }

    /** Tick values at a round step, three to eight of them. */
    public List<Double> tickValues() {
        double span = maxMetres - minMetres;
        double step = STEPS[STEPS.length - 1];
        for (double s : STEPS) {
            if (span / s <= 7) {
                step = s;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(minMetres / step - 1e-9) * step; v <= maxMetres + 1e-9; v += step) {
            ticks.add(Math.round(v * 1000) / 1000.0);
        }
        return ticks;
    }

    public static String format(double metres) {
        String s = String.format(Locale.ROOT, "%.2f", metres);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + " m";
    }
}
