package org.xmodal.engine.data;

import java.util.Optional;
import org.xmodal.engine.image.DepthMap;

/** Plausibility checks on depth that catch files stored in another unit than the dataset declares. */
public final class DepthChecks {
    /** Indoor depth sensors see roughly 0.4 to 10 m; medians outside these bounds mean a unit mistake. */
    public static final double MIN_PLAUSIBLE_MEDIAN_METRES = 0.1;
    public static final double MAX_PLAUSIBLE_MEDIAN_METRES = 20.0;

    private DepthChecks() {
    }

    /**
     * What is wrong with one depth map whatever its unit (NaN, infinite or no valid pixel), or empty. The unit is
     * judged over the whole dataset, see {@link DatasetDepthUnits}.
     */
    public static Optional<String> contentProblem(DepthMap depth) {
        int nonFinite = 0;
        for (float z : depth.metres()) {
            if (!Float.isFinite(z)) {
                nonFinite++;
            }
        }
        if (nonFinite > 0) {
            return Optional.of("contains " + nonFinite + " NaN or infinite depth value(s)");
        }
        if (Double.isNaN(depth.medianMetres())) {
            return Optional.of("has no valid depth pixel (all zero)");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a depth map read with {@code unitsPerMetre}, or empty when it looks like metric indoor depth.
     */
    public static Optional<String> problem(DepthMap depth, double unitsPerMetre) {
        for (float z : depth.metres()) {
            if (Float.isNaN(z) || Float.isInfinite(z)) {
                return Optional.of("contains NaN or infinite depth values");
            }
        }
        double median = depth.medianMetres();
        if (Double.isNaN(median)) {
            return Optional.of("has no valid depth pixel (all zero)");
        }
        if (median > MAX_PLAUSIBLE_MEDIAN_METRES || median < MIN_PLAUSIBLE_MEDIAN_METRES) {
            double medianUnits = median * unitsPerMetre;
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "median depth is %.3g m with %s units per metre, which looks like the wrong unit "
                            + "(indoor depth is 0.1 to 20 m); the stored median is %.0f, so the files are probably in %s",
                    median, fmt(unitsPerMetre), medianUnits, guessUnit(medianUnits)));
        }
        return Optional.empty();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The unit that would put the stored median at a typical indoor distance (about 1 to 6 m). */
    public static String guessUnit(double medianUnits) {
        if (medianUnits >= 5000) {
            return "tenths of millimetres (10000 units per metre, as NYU's PNGs)";
        }
        if (medianUnits >= 500) {
            return "millimetres (1000 units per metre)";
        }
        if (medianUnits >= 50) {
            return "centimetres (100 units per metre)";
        }
        return "metres (1 unit per metre)";
    }
}
