package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.SplittableRandom;

/** Tables, desks and the box-like furniture: night-stands, dressers, bookshelves, counters, boxes and bins. */
final class TablesAndCases {
    private TablesAndCases() {
    }

    /** A top on four legs or a pedestal; low (coffee table) when {@code low}. */
    static FurnitureModel table(SplittableRandom rng, boolean low) {
        double h = low ? u(rng, 0.38, 0.48) : u(rng, 0.72, 0.77);
        double t = u(rng, 0.025, 0.05);
        double x = rng.nextDouble();
        Material top = Palette.material(rng, x < 0.7 ? Finish.WOOD : x < 0.85 ? Finish.STONE : Finish.PLASTIC);
        Material legs = rng.nextDouble() < 0.6 ? top.withGrain(1) : Palette.material(rng, Finish.METAL);
        ModelBuilder b = new ModelBuilder("table");
        if (rng.nextDouble() < 0.25) {
            double r = low ? u(rng, 0.3, 0.45) : u(rng, 0.4, 0.6);
            b.cylinder(top, 0, 0, r, h - t, h)
                    .cylinder(legs, 0, 0, u(rng, 0.03, 0.06), 0.03, h - t)
                    .cylinder(legs, 0, 0, r * 0.55, 0, 0.03);
            double s = r * 0.65;
            return b.top(-s, -s, s, s, h).build();
        }
        double w = low ? u(rng, 0.8, 1.3) : u(rng, 0.8, 1.8);
        double d = low ? u(rng, 0.45, 0.7) : u(rng, 0.6, 1.0);
        double leg = u(rng, 0.04, 0.07);
        double inset = u(rng, 0.0, 0.06);
        b.block(top, -w / 2, h - t, -d / 2, w / 2, h, d / 2)
                .legs(legs, -w / 2 + inset, -d / 2 + inset, w / 2 - inset, d / 2 - inset, leg, h - t);
        return b.top(-w / 2 + 0.05, -d / 2 + 0.05, w / 2 - 0.05, d / 2 - 0.05, h).build();
    }

    /** A work top on legs, on two side panels, or on a panel and a drawer pedestal. */
    static FurnitureModel desk(SplittableRandom rng) {
        double w = u(rng, 1.0, 1.6);
        double d = u(rng, 0.55, 0.75);
        double h = u(rng, 0.72, 0.76);
        double t = 0.03;
        Material top = Palette.material(rng, rng.nextDouble() < 0.75 ? Finish.WOOD : Finish.PLASTIC);
        ModelBuilder b = new ModelBuilder("desk").block(top, -w / 2, h - t, -d / 2, w / 2, h, d / 2);
        double kind = rng.nextDouble();
        if (kind < 0.35) {
            b.legs(Palette.material(rng, Finish.METAL), -w / 2 + 0.02, -d / 2 + 0.02, w / 2 - 0.02, d / 2 - 0.02,
                    0.04, h - t);
        } else {
            Material side = top.withGrain(1);
            b.block(side, -w / 2, 0, -d / 2, -w / 2 + 0.03, h - t, d / 2);
            if (kind < 0.7) {
                b.block(side, w / 2 - 0.03, 0, -d / 2, w / 2, h - t, d / 2);
            } else {
                double pw = u(rng, 0.35, 0.45);
                b.block(side, w / 2 - pw, 0, -d / 2, w / 2, h - t, d / 2 - 0.01);
                drawers(b, top.shaded(1.08), Palette.material(rng, Finish.METAL), w / 2 - pw, w / 2, 0.03, h - t,
                        d / 2 - 0.01, 3, 1);
            }
        }
        return b.top(-w / 2 + 0.03, -d / 2 + 0.03, w / 2 - 0.03, d / 2 - 0.03, h).build();
    }

    /** A small cabinet beside a bed: one or two drawers, sometimes on legs; a lamp may stand on it. */
    static FurnitureModel nightStand(SplittableRandom rng) {
        double w = u(rng, 0.4, 0.55);
        double d = u(rng, 0.35, 0.45);
        double h = u(rng, 0.45, 0.65);
        Material body = Palette.material(rng, Finish.WOOD);
        ModelBuilder b = new ModelBuilder("night-stand");
        double base = 0;
        if (rng.nextDouble() < 0.4) {
            base = u(rng, 0.08, 0.15);
            b.legs(body.withGrain(1), -w / 2, -d / 2, w / 2, d / 2, 0.035, base);
        }
        b.block(body, -w / 2, base, -d / 2, w / 2, h, d / 2);
        drawers(b, body.shaded(rng.nextBoolean() ? 0.9 : 1.1), Palette.material(rng, Finish.METAL), -w / 2, w / 2,
                base, h, d / 2, 1 + rng.nextInt(2), 1);
        return b.top(-w / 2 + 0.03, -d / 2 + 0.03, w / 2 - 0.03, d / 2 - 0.03, h).build();
    }

    /** A chest of drawers on a plinth: rows and columns of drawer fronts with knobs. */
    static FurnitureModel dresser(SplittableRandom rng) {
        double w = u(rng, 0.8, 1.6);
        double d = u(rng, 0.42, 0.55);
        double h = u(rng, 0.75, 1.15);
        double plinth = u(rng, 0.05, 0.1);
        Material body = Palette.material(rng, Finish.WOOD);
        ModelBuilder b = new ModelBuilder("dresser")
                .block(body.shaded(0.8), -w / 2 + 0.02, 0, -d / 2, w / 2 - 0.02, plinth, d / 2 - 0.02)
                .block(body, -w / 2, plinth, -d / 2, w / 2, h, d / 2);
        drawers(b, body.shaded(rng.nextBoolean() ? 0.92 : 1.08), Palette.material(rng, Finish.METAL), -w / 2, w / 2,
                plinth, h - 0.02, d / 2, h > 0.95 ? 4 : 3, w > 1.1 ? 2 : 1);
        return b.top(-w / 2 + 0.04, -d / 2 + 0.04, w / 2 - 0.04, d / 2 - 0.04, h).build();
    }

    /** A tall open case: sides, top, plinth, back, shelves, and rows of books in most compartments. */
    static FurnitureModel bookshelf(SplittableRandom rng) {
        double w = u(rng, 0.6, 1.2);
        double d = u(rng, 0.26, 0.36);
        double h = u(rng, 1.0, 2.1);
        double t = 0.022;
        Material wood = Palette.material(rng, Finish.WOOD).withGrain(1);
        ModelBuilder b = new ModelBuilder("bookshelf")
                .block(wood, -w / 2, 0, -d / 2, -w / 2 + t, h, d / 2)
                .block(wood, w / 2 - t, 0, -d / 2, w / 2, h, d / 2)
                .block(wood.withGrain(0), -w / 2, h - t, -d / 2, w / 2, h, d / 2)
                .block(wood.withGrain(0), -w / 2 + t, 0, -d / 2, w / 2 - t, 0.06, d / 2)
                .block(wood.shaded(0.85), -w / 2 + t, 0.06, -d / 2, w / 2 - t, h - t, -d / 2 + 0.012)
                .frontClearance(0.3);
        int compartments = Math.max(2, (int) Math.floor((h - 0.08) / 0.34));
        double pitch = (h - 0.06 - t) / compartments;
        for (int k = 0; k < compartments; k++) {
            double floor = 0.06 + k * pitch;
            if (k > 0) {
                b.block(wood.withGrain(0), -w / 2 + t, floor - t, -d / 2 + 0.012, w / 2 - t, floor, d / 2);
            }
            if (rng.nextDouble() < 0.2) {
                continue;
            }
            double x = -w / 2 + t + u(rng, 0, 0.08);
            int rows = 1 + rng.nextInt(3);
            for (int r = 0; r < rows && x < w / 2 - t - 0.08; r++) {
                double bw = Math.min(u(rng, 0.08, 0.3), w / 2 - t - x);
                double bh = Math.min(u(rng, 0.17, 0.29), (pitch - t) * 0.9);
                double bd = u(rng, 0.15, Math.min(0.24, d - 0.03));
                Material book = Palette.material(rng, rng.nextBoolean() ? Finish.FABRIC : Finish.PAPER);
                b.block(book, x, floor, -d / 2 + 0.012, x + bw, floor + bh, -d / 2 + 0.012 + bd);
                x += bw + u(rng, 0, 0.1);
            }
        }
        return b.build();
    }

    /** A kitchen base cabinet run: recessed plinth, cabinet doors with handles, a worktop with an overhang. */
    static FurnitureModel counter(SplittableRandom rng) {
        double w = u(rng, 1.0, 2.4);
        double d = u(rng, 0.58, 0.65);
        double h = u(rng, 0.86, 0.92);
        Material cabinet = Palette.material(rng, rng.nextDouble() < 0.6 ? Finish.WOOD : Finish.PLASTIC);
        Material worktop = Palette.material(rng, rng.nextDouble() < 0.7 ? Finish.STONE : Finish.WOOD);
        Material handle = Palette.material(rng, Finish.METAL);
        ModelBuilder b = new ModelBuilder("counter")
                .block(cabinet.shaded(0.55), -w / 2, 0, -d / 2, w / 2, 0.1, d / 2 - 0.07)
                .block(cabinet, -w / 2, 0.1, -d / 2, w / 2, h - 0.04, d / 2 - 0.02)
                .block(worktop, -w / 2, h - 0.04, -d / 2, w / 2, h, d / 2 + 0.02);
        int doors = Math.max(2, (int) Math.round(w / 0.5));
        double dw = w / doors;
        Material front = cabinet.shaded(1.06);
        for (int i = 0; i < doors; i++) {
            double x0 = -w / 2 + i * dw + 0.003;
            double x1 = x0 + dw - 0.006;
            b.block(front, x0, 0.11, d / 2 - 0.02, x1, h - 0.05, d / 2);
            double hx = i % 2 == 0 ? x1 - 0.05 : x0 + 0.035;
            b.block(handle, hx, h - 0.2, d / 2, hx + 0.015, h - 0.09, d / 2 + 0.02);
        }
        return b.top(-w / 2 + 0.03, -d / 2 + 0.03, w / 2 - 0.03, d / 2 - 0.02, h).build();
    }

    /** A cardboard box (taped) or a plastic storage box with a lid. */
    static FurnitureModel box(SplittableRandom rng) {
        double w = u(rng, 0.25, 0.6);
        double d = u(rng, 0.25, 0.5);
        double h = u(rng, 0.18, 0.5);
        ModelBuilder b = new ModelBuilder("box");
        if (rng.nextDouble() < 0.75) {
            Material card = Palette.material(rng, Finish.PAPER);
            b.block(card, -w / 2, 0, -d / 2, w / 2, h, d / 2)
                    .block(card.shaded(0.8), -w / 2 - 0.002, h - 0.004, -0.03, w / 2 + 0.002, h + 0.002, 0.03);
        } else {
            Material plastic = Palette.material(rng, Finish.PLASTIC);
            b.block(plastic, -w / 2 + 0.01, 0, -d / 2 + 0.01, w / 2 - 0.01, h - 0.03, d / 2 - 0.01)
                    .block(plastic.shaded(0.9), -w / 2, h - 0.03, -d / 2, w / 2, h, d / 2);
        }
        return b.build();
    }

    /** A round bin with a rim, or a square one with a lid. */
    static FurnitureModel garbageBin(SplittableRandom rng) {
        Material m = Palette.material(rng, rng.nextDouble() < 0.7 ? Finish.PLASTIC : Finish.METAL);
        double h = u(rng, 0.3, 0.6);
        ModelBuilder b = new ModelBuilder("garbage-bin");
        if (rng.nextDouble() < 0.65) {
            double r = u(rng, 0.12, 0.2);
            b.cylinder(m, 0, 0, r, 0, h - 0.025).cylinder(m.shaded(0.85), 0, 0, r + 0.01, h - 0.025, h);
        } else {
            double w = u(rng, 0.25, 0.35);
            double d = u(rng, 0.2, 0.3);
            b.block(m, -w / 2, 0, -d / 2, w / 2, h - 0.03, d / 2)
                    .block(m.shaded(0.85), -w / 2 - 0.01, h - 0.03, -d / 2 - 0.01, w / 2 + 0.01, h, d / 2 + 0.01);
        }
        return b.build();
    }

    /** Drawer fronts in a grid on the front face z = {@code front}, each with a knob. */
    private static void drawers(ModelBuilder b, Material front, Material knob, double x0, double x1, double y0,
                                double y1, double z, int rows, int columns) {
        double dw = (x1 - x0) / columns;
        double dh = (y1 - y0) / rows;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double fx0 = x0 + c * dw + 0.015;
                double fx1 = x0 + (c + 1) * dw - 0.015;
                double fy0 = y0 + r * dh + 0.012;
                double fy1 = y0 + (r + 1) * dh - 0.012;
                b.block(front, fx0, fy0, z, fx1, fy1, z + 0.012)
                        .ball(knob, (fx0 + fx1) / 2, (fy0 + fy1) / 2, z + 0.025, 0.015);
            }
        }
    }
}
