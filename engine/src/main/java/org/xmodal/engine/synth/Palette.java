package org.xmodal.engine.synth;

import java.util.SplittableRandom;

/**
 * The colours every surface is drawn from. Each {@link Finish} prefers a few entries but gives every other entry a
 * small weight, so colours overlap across finishes and therefore across classes: a chair can be as red as a sofa
 * and a table as white as a toilet.
 */
final class Palette {
    /** Shared colours, display RGB. */
    static final float[][] COLOURS = {
            {0.90f, 0.90f, 0.88f}, // 0 white
            {0.92f, 0.86f, 0.72f}, // 1 cream
            {0.78f, 0.70f, 0.56f}, // 2 beige
            {0.80f, 0.62f, 0.42f}, // 3 light wood
            {0.62f, 0.42f, 0.26f}, // 4 wood
            {0.38f, 0.24f, 0.15f}, // 5 dark wood
            {0.13f, 0.13f, 0.14f}, // 6 black
            {0.56f, 0.56f, 0.57f}, // 7 grey
            {0.30f, 0.31f, 0.33f}, // 8 charcoal
            {0.17f, 0.21f, 0.38f}, // 9 navy
            {0.32f, 0.46f, 0.70f}, // 10 blue
            {0.66f, 0.20f, 0.18f}, // 11 red
            {0.33f, 0.52f, 0.32f}, // 12 green
            {0.52f, 0.50f, 0.30f}, // 13 olive
            {0.47f, 0.32f, 0.23f}, // 14 brown
            {0.86f, 0.62f, 0.64f}, // 15 pink
            {0.22f, 0.50f, 0.52f}, // 16 teal
            {0.80f, 0.66f, 0.24f}, // 17 mustard
            {0.70f, 0.56f, 0.37f}, // 18 cardboard
            {0.76f, 0.76f, 0.76f}, // 19 light grey
    };

    /** Weight of a colour the finish does not prefer; 20 colours make an off-preference pick about 1 in 6. */
    private static final double OTHER_WEIGHT = 0.08;

    private Palette() {
    }

    static int[] preferred(Finish finish) {
        return switch (finish) {
            case WOOD -> new int[] {3, 4, 5, 14, 2, 0, 6};
            case FABRIC -> new int[] {1, 2, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
            case METAL -> new int[] {7, 8, 6, 19, 0};
            case PLASTIC -> new int[] {0, 6, 7, 8, 19, 10, 11};
            case CERAMIC -> new int[] {0, 1, 19};
            case PAPER -> new int[] {18, 2, 1, 0, 14};
            case STONE -> new int[] {0, 19, 7, 8, 6, 2, 1};
            case SCREEN -> new int[] {6};
        };
    }

    /** A material of the finish with a colour drawn from the shared palette and a pattern typical of the finish. */
    static Material material(SplittableRandom rng, Finish finish) {
        float[] base;
        if (finish == Finish.SCREEN) {
            base = new float[] {0.05f, 0.06f, 0.08f};
        } else {
            base = COLOURS[pickColour(rng, finish)];
        }
        double brightness = SceneSeeds.uniform(rng, 0.86, 1.12);
        float r = jitter(rng, base[0], brightness);
        float g = jitter(rng, base[1], brightness);
        float b = jitter(rng, base[2], brightness);
        Texture texture = pickTexture(rng, finish);
        double scale;
        double contrast;
        switch (texture) {
            case GRAIN -> {
                scale = SceneSeeds.uniform(rng, 8, 20);
                contrast = SceneSeeds.uniform(rng, 0.08, 0.2);
            }
            case WEAVE -> {
                scale = SceneSeeds.uniform(rng, 8, 16);
                contrast = SceneSeeds.uniform(rng, 0.06, 0.14);
            }
            case CHECKS -> {
                scale = SceneSeeds.uniform(rng, 4, 10);
                contrast = SceneSeeds.uniform(rng, 0.08, 0.2);
            }
            case SPECKLE -> {
                scale = SceneSeeds.uniform(rng, 12, 28);
                contrast = SceneSeeds.uniform(rng, 0.05, 0.14);
            }
            default -> {
                scale = 1;
                contrast = 0;
            }
        }
        return new Material(r, g, b, texture, scale, contrast, 0, rng.nextLong());
    }

    /** A pale paint or tile colour for walls: a palette colour mixed with a lot of white. */
    static float[] wallColour(SplittableRandom rng) {
        float[] c = COLOURS[rng.nextInt(COLOURS.length)];
        double white = SceneSeeds.uniform(rng, 0.55, 0.85);
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = (float) (white * 0.93 + (1 - white) * c[i]);
        }
        return out;
    }

    private static int pickColour(SplittableRandom rng, Finish finish) {
        int[] pref = preferred(finish);
        double[] weights = new double[COLOURS.length];
        java.util.Arrays.fill(weights, OTHER_WEIGHT);
        for (int i : pref) {
            weights[i] = 1;
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static Texture pickTexture(SplittableRandom rng, Finish finish) {
        double x = rng.nextDouble();
        return switch (finish) {
            case WOOD -> x < 0.75 ? Texture.GRAIN : Texture.PLAIN;
            case FABRIC -> x < 0.35 ? Texture.WEAVE : x < 0.55 ? Texture.CHECKS : x < 0.7 ? Texture.SPECKLE
                    : Texture.PLAIN;
            case PLASTIC -> x < 0.2 ? Texture.SPECKLE : Texture.PLAIN;
            case PAPER -> x < 0.4 ? Texture.GRAIN : Texture.PLAIN;
            case STONE -> x < 0.7 ? Texture.SPECKLE : Texture.PLAIN;
            case METAL, CERAMIC, SCREEN -> Texture.PLAIN;
        };
    }

    private static float jitter(SplittableRandom rng, float c, double brightness) {
        double v = c * brightness + SceneSeeds.uniform(rng, -0.03, 0.03);
        return (float) Math.max(0, Math.min(1, v));
    }
}
