package org.xmodal.engine.synth;

/**
 * The look of a surface: a base colour (display RGB in 0..1), a pattern and its parameters.
 *
 * @param scale     pattern frequency in cycles per metre
 * @param contrast  how much darker the pattern's dark parts are, 0..1
 * @param grainAxis for wood grain: the object axis (0 x, 1 y, 2 z) the grain runs along
 * @param seed      for patterns with per-cell shades, so two objects never share the same speckle
 */
record Material(float red, float green, float blue, Texture texture, double scale, double contrast, int grainAxis,
                long seed) {
    static Material plain(float red, float green, float blue) {
        return new Material(red, green, blue, Texture.PLAIN, 1, 0, 0, 0);
    }

    /** The same material with its colour scaled, for drawer fronts and other parts a shade apart. */
    Material shaded(double factor) {
        return new Material(clamp(red * factor), clamp(green * factor), clamp(blue * factor), texture, scale,
                contrast, grainAxis, seed);
    }

    /** The same material with its grain along another axis (a table leg runs up, its top runs along x). */
    Material withGrain(int axis) {
        return new Material(red, green, blue, texture, scale, contrast, axis, seed);
    }

    private static float clamp(double c) {
        return (float) Math.max(0, Math.min(1, c));
    }
}
