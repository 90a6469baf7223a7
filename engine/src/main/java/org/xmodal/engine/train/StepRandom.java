package org.xmodal.engine.train;

import java.util.SplittableRandom;

/**
 * Randomness derived from (seed, step, stream) alone, never carried from step to step: a run resumed at step n
 * draws exactly what the uninterrupted run drew at step n, with no generator state to checkpoint.
 */
public final class StepRandom {
    private StepRandom() {
    }

    public static SplittableRandom of(long seed, long step, long stream) {
        long h = seed * 0x9E3779B97F4A7C15L + step;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL + stream * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return new SplittableRandom(h ^ (h >>> 33));
    }
}
