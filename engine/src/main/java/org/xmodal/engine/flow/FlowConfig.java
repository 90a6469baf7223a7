package org.xmodal.engine.flow;

import java.util.Locale;

/**
 * Parameters of dense flow estimation. Which fields a method uses: alpha (smoothness weight) for Brox and
 * Horn-Schunck, lambda (data weight) for TV-L1; gamma (gradient-constancy weight) for Brox; warps (outer fixed-point
 * iterations) for Brox, Horn-Schunck and TV-L1, iterations per level for Farneback and dense PyrLK; innerIterations
 * for Brox's SOR (CUDA Brox: its lagged non-linearity iterations); pyramidScale for all but DIS (whose preset decides
 * everything) and PyrLK (whose levels halve); pyramidLayers for the same and PyrLK, but not CUDA Brox (whose pyramid
 * goes down to a few pixels); regionRadius for KLT, block matching, Farneback and PyrLK (their window is 2r + 1).
 * The CUDA methods read the fields as their CPU namesakes do.
 */
public record FlowConfig(FlowMethod method, double alpha, double gamma, int warps, int innerIterations,
                         double pyramidScale, int pyramidLayers, int regionRadius) {
    /** Bumped when the estimator's output changes for the same inputs (cache keys). */
    public static final int ESTIMATOR_VERSION = 1;

    public FlowConfig {
        if (method == null) {
            throw new IllegalArgumentException("flow method is required");
        }
        if (!(alpha > 0) || !(gamma >= 0)) {
            throw new IllegalArgumentException("flow alpha must be positive and gamma non-negative");
        }
        if (warps < 1 || warps > 200 || innerIterations < 1 || innerIterations > 200) {
            throw new IllegalArgumentException("flow warps and inner iterations must be 1 to 200");
        }
        if (!(pyramidScale > 0.3 && pyramidScale < 1) || pyramidLayers < 1 || pyramidLayers > 100) {
            throw new IllegalArgumentException("pyramid scale must be in (0.3, 1) and layers 1 to 100 (the pyramid stops at a few pixels anyway)");
        }
        if (regionRadius < 1 || regionRadius > 20) {
            throw new IllegalArgumentException("region radius must be 1 to 20 pixels");
        }
    }

    /**
     * Defaults per method: BoofCV's own (its energy terms are normalised, so they hold for 0..255 images too).
     * Brox: alpha 0.04, gamma 0.03, 10 warps, 1 inner iteration; Horn-Schunck: alpha 0.05, 10 warps, 150 inner.
     */
    public static FlowConfig defaults(FlowMethod method) {
        return switch (method) {
            case BROX -> new FlowConfig(method, 0.04, 0.03, 10, 1, 0.75, 100, 2);
            case HORN_SCHUNCK -> new FlowConfig(method, 0.05, 0, 10, 150, 0.7, 10, 2);
            case KLT -> new FlowConfig(method, 1, 0, 1, 1, 0.5, 4, 3);
            case REGION -> new FlowConfig(method, 1, 0, 1, 1, 0.75, 20, 5);
            // DIS: the preset decides everything
            case DIS_ULTRAFAST, DIS_FAST, DIS_MEDIUM -> new FlowConfig(method, 1, 0, 1, 1, 0.5, 1, 1);
            // Farneback: OpenCV's tutorial settings: pyramid 0.5 x 3 levels, 15 px windows, 3 iterations
            case FARNEBACK -> new FlowConfig(method, 1, 0, 3, 1, 0.5, 3, 7);
            // TV-L1: OpenCV's defaults: lambda 0.15, 5 scales of 0.5, 5 warps
            case TV_L1 -> new FlowConfig(method, 0.15, 0, 5, 1, 0.5, 5, 2);
            // the CUDA methods: the defaults of OpenCV's cudaoptflow create() functions
            // Brox: alpha 0.197, gamma 50 (on frames in [0, 1]), scale 0.8, 5 inner and 150 outer iterations
            case CUDA_BROX -> new FlowConfig(method, 0.197, 50, 150, 5, 0.8, 1, 1);
            // TV-L1: lambda 0.15, 5 scales of 0.8 (the CPU one's are 0.5), 5 warps
            case CUDA_TV_L1 -> new FlowConfig(method, 0.15, 0, 5, 1, 0.8, 5, 1);
            // Farneback: 5 levels of 0.5, 13 px windows, 10 iterations
            case CUDA_FARNEBACK -> new FlowConfig(method, 1, 0, 10, 1, 0.5, 5, 6);
            // dense PyrLK: 13 px windows, levels 0 to 3, 30 iterations
            case CUDA_PYRLK -> new FlowConfig(method, 1, 0, 30, 1, 0.5, 4, 6);
        };
    }

    public String fingerprint() {
        return String.format(Locale.ROOT, "flow-v%d %s a=%.4f g=%.4f w=%d in=%d ps=%.4f pl=%d rr=%d", ESTIMATOR_VERSION,
                method.id(), alpha, gamma, warps, innerIterations, pyramidScale, pyramidLayers, regionRadius);
    }
}
