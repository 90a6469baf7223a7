package org.xmodal.engine.data.nyu;

import java.util.Locale;
import java.util.Optional;
import org.xmodal.engine.image.DepthMap;

/**
 * Catches depth that is not in metres. A Kinect indoors sees between about 0.5 and 10 m, so a frame whose median
 * valid depth is below 0.1 m or beyond 20 m was stored in another unit (millimetres, decimetres) or is garbage.
 * The test counts values rather than sorting them, so it costs one pass over the frame and can run on every read.
 */
final class DepthUnitCheck {
    static final double MIN_MEDIAN_METRES = 0.1;
    static final double MAX_MEDIAN_METRES = 20;

    private DepthUnitCheck() {
    }

    /** What is wrong with the frame's depth, or empty when it has no NaN and its median lies within 0.1-20 m. */
    static Optional<String> problem(DepthMap depth) {
        // NYU's filled depth has no holes and its raw depth marks them with 0: a NaN is damage, not a hole
        int nans = nanCount(depth);
        if (nans > 0) {
            return Optional.of(nans + " NaN depth value(s); NYU depth marks no reading with 0, so the frame is damaged");
        }
        int valid = 0;
        int below = 0;
        int above = 0;
        for (float z : depth.metres()) {
            if (z > 0 && Float.isFinite(z)) {
                valid++;
                if (z < MIN_MEDIAN_METRES) {
                    below++;
                } else if (z > MAX_MEDIAN_METRES) {
                    above++;
                }
            }
        }
        if (valid == 0) {
            return Optional.of("has no valid depth value (all zero or NaN)");
        }
        // More than half of the values beyond a bound puts the median beyond it.
        if (2 * below > valid || 2 * above > valid) {
            return Optional.of(String.format(Locale.ROOT, "median depth %.4g m is outside %.1f-%.0f m: the values are "
                    + "not in metres (a file in millimetres has medians in the thousands)", depth.medianMetres(),
                    MIN_MEDIAN_METRES, MAX_MEDIAN_METRES));
        }
        return Optional.empty();
    }

    static int nanCount(DepthMap depth) {
        int n = 0;
        for (float z : depth.metres()) {
            if (Float.isNaN(z)) {
                n++;
            }
        }
        return n;
    }
}
