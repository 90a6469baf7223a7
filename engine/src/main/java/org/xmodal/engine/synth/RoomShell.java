package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.SplittableRandom;

/** Draws the empty room of a scene: its size, floor, walls and ceiling, and its lights. */
final class RoomShell {
    private RoomShell() {
    }

    static Room create(SplittableRandom rng, SceneKind kind) {
        double width = u(rng, kind.minSide(), kind.maxSide());
        double depth = u(rng, kind.minSide(), kind.maxSide());
        double height = u(rng, 2.4, 3.0);
        boolean wet = kind == SceneKind.BATHROOM || kind == SceneKind.KITCHEN;
        Material floor;
        if (wet) {
            Material tile = Palette.material(rng, rng.nextBoolean() ? Finish.STONE : Finish.CERAMIC);
            floor = pattern(tile, Texture.TILES, 1 / u(rng, 0.3, 0.6), u(rng, 0.04, 0.12));
        } else if (rng.nextDouble() < 0.7) {
            floor = pattern(Palette.material(rng, Finish.WOOD), Texture.PLANKS, 1 / u(rng, 0.1, 0.2),
                    u(rng, 0.1, 0.22));
        } else {
            floor = pattern(Palette.material(rng, Finish.FABRIC), Texture.SPECKLE, u(rng, 15, 30), u(rng, 0.04, 0.1));
        }
        float[] paint = Palette.wallColour(rng);
        double look = rng.nextDouble();
        Texture wallTexture = wet && look < 0.5 ? Texture.TILES : look < 0.25 ? Texture.STRIPES : Texture.PLAIN;
        double wallScale = wallTexture == Texture.TILES ? 1 / u(rng, 0.15, 0.3) : u(rng, 3, 8);
        Material walls = new Material(paint[0], paint[1], paint[2], wallTexture, wallScale, u(rng, 0.03, 0.07), 0,
                rng.nextLong());
        Material ceiling = Material.plain(0.93f, 0.93f, 0.91f);
        double[] light = {u(rng, 0.3, 0.7) * width, height - 0.1, u(rng, 0.3, 0.7) * depth};
        double angle = u(rng, -Math.PI, Math.PI);
        double rise = u(rng, 0.6, 1.4);
        double norm = Math.sqrt(1 + rise * rise);
        double[] sun = {StrictMath.cos(angle) / norm, rise / norm, StrictMath.sin(angle) / norm};
        return new Room(width, depth, height, floor, walls, ceiling, light, u(rng, 0.5, 0.8), sun,
                u(rng, 0.15, 0.3), u(rng, 0.32, 0.45));
    }

    private static Material pattern(Material colour, Texture texture, double scale, double contrast) {
        return new Material(colour.red(), colour.green(), colour.blue(), texture, scale, contrast, 0, colour.seed());
    }
}
