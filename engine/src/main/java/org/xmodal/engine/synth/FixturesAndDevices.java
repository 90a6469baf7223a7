package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.SplittableRandom;

/** Lamps, screens, doors and the bathroom fixtures: toilet, bathtub, sink. */
final class FixturesAndDevices {
    private FixturesAndDevices() {
    }

    /** Tall and thin with a shade (floor lamp), or short with a shade when it stands on furniture. */
    static FurnitureModel lamp(SplittableRandom rng, boolean onFurniture) {
        Material metal = Palette.material(rng, Finish.METAL);
        Material shade = Palette.material(rng, Finish.FABRIC);
        ModelBuilder b = new ModelBuilder("lamp");
        if (onFurniture) {
            double stem = u(rng, 0.2, 0.32);
            b.cylinder(metal, 0, 0, u(rng, 0.06, 0.09), 0, 0.02);
            if (rng.nextBoolean()) {
                b.ball(Palette.material(rng, Finish.CERAMIC), 0, 0.02 + 0.07, 0, 0.07);
            }
            b.cylinder(metal, 0, 0, 0.012, 0.02, stem);
            double r = u(rng, 0.1, 0.15);
            return b.cylinder(shade, 0, 0, r, stem - 0.04, stem + u(rng, 0.14, 0.2)).build();
        }
        double pole = u(rng, 1.3, 1.65);
        b.cylinder(metal, 0, 0, u(rng, 0.12, 0.17), 0, 0.03).cylinder(metal, 0, 0, u(rng, 0.012, 0.018), 0.03, pole);
        if (rng.nextDouble() < 0.25) {
            double r = u(rng, 0.13, 0.19);
            return b.ball(Palette.material(rng, Finish.CERAMIC), 0, pole + r - 0.02, 0, r).build();
        }
        double r = u(rng, 0.16, 0.24);
        return b.cylinder(shade, 0, 0, r, pole - 0.05, pole + u(rng, 0.22, 0.32)).build();
    }

    /** A thin screen on a neck and a foot; it stands on a desk, facing +z. */
    static FurnitureModel monitor(SplittableRandom rng) {
        double w = u(rng, 0.42, 0.62);
        double h = u(rng, 0.27, 0.38);
        double t = u(rng, 0.02, 0.04);
        double neck = u(rng, 0.08, 0.14);
        Material plastic = Palette.material(rng, Finish.PLASTIC);
        return new ModelBuilder("monitor")
                .block(plastic, -0.11, 0, -0.09, 0.11, 0.015, 0.09)
                .block(plastic, -0.025, 0.015, -0.06, 0.025, neck + 0.06, -0.03)
                .block(plastic, -w / 2, neck, -0.03, w / 2, neck + h, -0.03 + t)
                .block(Palette.material(rng, Finish.SCREEN), -w / 2 + 0.015, neck + 0.015, -0.03 + t,
                        w / 2 - 0.015, neck + h - 0.015, -0.027 + t)
                .build();
    }

    /** A wide thin screen on a central stand or two feet; it stands on a dresser, table or counter. */
    static FurnitureModel television(SplittableRandom rng) {
        double w = u(rng, 0.8, 1.3);
        double h = w * u(rng, 0.56, 0.6);
        double t = u(rng, 0.04, 0.08);
        double lift = u(rng, 0.05, 0.1);
        Material plastic = Palette.material(rng, rng.nextDouble() < 0.8 ? Finish.SCREEN : Finish.PLASTIC);
        Material stand = Palette.material(rng, Finish.METAL);
        ModelBuilder b = new ModelBuilder("television");
        if (rng.nextDouble() < 0.6) {
            b.block(stand, -0.18, 0, -0.12, 0.18, 0.02, 0.1).block(stand, -0.04, 0.02, -0.04, 0.04, lift + 0.1, 0);
        } else {
            for (double x : new double[] {-0.4 * w, 0.4 * w}) {
                b.block(stand, x - 0.03, 0, -0.1, x + 0.03, lift + 0.02, 0.08);
            }
        }
        return b.block(plastic, -w / 2, lift, 0, w / 2, lift + h, t)
                .block(Palette.material(rng, Finish.SCREEN), -w / 2 + 0.012, lift + 0.012, t, w / 2 - 0.012,
                        lift + h - 0.012, t + 0.003)
                .build();
    }

    /** A door leaf in a casing, a few centimetres proud of its wall, with a lever; the floor in front stays clear. */
    static FurnitureModel door(SplittableRandom rng) {
        double w = u(rng, 0.78, 0.92);
        double h = u(rng, 1.98, 2.1);
        double t = 0.04;
        Material leaf = Palette.material(rng, Finish.WOOD).withGrain(1);
        Material casing = rng.nextDouble() < 0.5 ? leaf : Palette.material(rng, Finish.WOOD).withGrain(1);
        ModelBuilder b = new ModelBuilder("door")
                .block(leaf, -w / 2, 0.01, 0, w / 2, h, t)
                .block(casing, -w / 2 - 0.07, 0, 0, -w / 2, h + 0.07, t + 0.015)
                .block(casing, w / 2, 0, 0, w / 2 + 0.07, h + 0.07, t + 0.015)
                .block(casing.withGrain(0), -w / 2, h, 0, w / 2, h + 0.07, t + 0.015)
                .block(Palette.material(rng, Finish.METAL), w / 2 - 0.16, 0.98, t, w / 2 - 0.06, 1.01, t + 0.05)
                .frontClearance(0.8);
        if (rng.nextBoolean()) {
            Material panel = leaf.shaded(1.06);
            b.block(panel, -w / 2 + 0.1, 0.15, t, w / 2 - 0.1, 0.85, t + 0.008)
                    .block(panel, -w / 2 + 0.1, 1.1, t, w / 2 - 0.1, h - 0.15, t + 0.008);
        }
        return b.build();
    }

    /** A round bowl on a pedestal, a seat, and a cistern at the back (against the wall). */
    static FurnitureModel toilet(SplittableRandom rng) {
        Material ceramic = Palette.material(rng, Finish.CERAMIC);
        Material seat = rng.nextDouble() < 0.7 ? ceramic.shaded(1.03) : Palette.material(rng, Finish.PLASTIC);
        double tankW = u(rng, 0.36, 0.45);
        double tankD = u(rng, 0.16, 0.22);
        double tankY0 = u(rng, 0.36, 0.42);
        double tankY1 = tankY0 + u(rng, 0.3, 0.4);
        double r = u(rng, 0.18, 0.21);
        double bowlZ = tankD + r - 0.02;
        ModelBuilder b = new ModelBuilder("toilet")
                .cylinder(ceramic, 0, bowlZ, r * 0.62, 0, 0.22)
                .cylinder(ceramic, 0, bowlZ, r, 0.22, 0.38)
                .cylinder(seat, 0, bowlZ, r + 0.012, 0.38, 0.405)
                .block(ceramic, -0.1, 0.2, 0.02, 0.1, tankY0, bowlZ)
                .block(ceramic, -tankW / 2, tankY0, 0, tankW / 2, tankY1, tankD)
                .block(ceramic.shaded(0.97), -tankW / 2 - 0.01, tankY1, -0.0, tankW / 2 + 0.01, tankY1 + 0.02,
                        tankD + 0.01);
        if (rng.nextDouble() < 0.4) {
            b.cylinder(seat, 0, bowlZ, r + 0.005, 0.405, 0.425);
        }
        return b.build();
    }

    /** An open tub: floor and four walls, its long side against the wall. */
    static FurnitureModel bathtub(SplittableRandom rng) {
        double len = u(rng, 1.5, 1.8);
        double d = u(rng, 0.7, 0.8);
        double h = u(rng, 0.5, 0.6);
        double t = u(rng, 0.06, 0.09);
        Material ceramic = Palette.material(rng, Finish.CERAMIC);
        return new ModelBuilder("bathtub")
                .block(ceramic.shaded(0.95), -len / 2, 0, 0, len / 2, 0.12, d)
                .block(ceramic, -len / 2, 0, 0, len / 2, h, t)
                .block(ceramic, -len / 2, 0, d - t, len / 2, h, d)
                .block(ceramic, -len / 2, 0, t, -len / 2 + t, h, d - t)
                .block(ceramic, len / 2 - t, 0, t, len / 2, h, d - t)
                .cylinder(Palette.material(rng, Finish.METAL), -len / 2 + 0.15, t / 2, 0.018, h, h + 0.15)
                .build();
    }

    /** A basin (floor and four walls) with a tap behind it; on a pedestal when it stands on the floor. */
    static FurnitureModel sink(SplittableRandom rng, boolean onFurniture) {
        Material ceramic = Palette.material(rng, Finish.CERAMIC);
        Material metal = Palette.material(rng, Finish.METAL);
        double w = onFurniture ? u(rng, 0.4, 0.55) : u(rng, 0.5, 0.62);
        double d = onFurniture ? u(rng, 0.34, 0.44) : u(rng, 0.4, 0.5);
        double depth = u(rng, 0.12, 0.17);
        double y0 = onFurniture ? 0 : u(rng, 0.66, 0.72);
        double wall = 0.025;
        double z0 = 0.07;
        ModelBuilder b = new ModelBuilder("sink");
        if (!onFurniture) {
            b.cylinder(ceramic, 0, z0 + d / 2, u(rng, 0.08, 0.11), 0, y0);
        }
        double y1 = y0 + depth;
        return b.block(ceramic, -w / 2, y0, z0, w / 2, y0 + 0.03, z0 + d)
                .block(ceramic, -w / 2, y0, z0, w / 2, y1, z0 + wall)
                .block(ceramic, -w / 2, y0, z0 + d - wall, w / 2, y1, z0 + d)
                .block(ceramic, -w / 2, y0, z0 + wall, -w / 2 + wall, y1, z0 + d - wall)
                .block(ceramic, w / 2 - wall, y0, z0 + wall, w / 2, y1, z0 + d - wall)
                .cylinder(metal, 0, 0.035, 0.015, y0, y1 + 0.12)
                .block(metal, -0.012, y1 + 0.09, 0.035, 0.012, y1 + 0.115, z0 + 0.09)
                .build();
    }
}
