package org.xmodal.engine.synth;

import java.util.SplittableRandom;

/**
 * Seeds derived from (dataset seed, stream, index) by SplitMix64 mixing. Every scene gets its own generator from
 * its own index, so scene i is the same whether 10 or 10,000 scenes are asked for and whichever thread renders it.
 */
final class SceneSeeds {
    /** The still images of the depth dataset. */
    static final long DEPTH_SCENES = 0x5CE7E5L;
    /** The moving-camera sequences of the flow dataset. */
    static final long FLOW_SEQUENCES = 0xF10F5EL;
    /** The action clips, numbered as {@link ActionClipGenerator#clipNumber} numbers them. */
    static final long ACTION_CLIPS = 0xAC7105L;

    private SceneSeeds() {
    }

    static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(derive(seed, stream, index));
    }

    static long derive(long seed, long stream, long index) {
        return mix(mix(seed ^ mix(stream)) + index * 0x9E3779B97F4A7C15L);
    }

    /** The SplitMix64 finaliser: a bijection of 64-bit values that scatters neighbouring inputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform value in [0, 1) attached to an integer lattice cell, for procedural textures. */
    static double cellNoise(long seed, long a, long b, long c) {
        long h = mix(seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL) ^ (c * 0x165667B19E3779F9L));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A standard normal value by the Box-Muller transform with StrictMath, identical on every JVM. */
    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * Math.PI * v);
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
