package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.SplittableRandom;

/** Beds, pillows, sofas and chairs, with the rough proportions of real ones (sizes in metres). */
final class BedsAndSeats {
    private BedsAndSeats() {
    }

    /** Long and low, a headboard at the back (against the wall), a mattress and a duvet; pillows go on its top. */
    static FurnitureModel bed(SplittableRandom rng) {
        boolean isDouble = rng.nextDouble() < 0.6;
        double w = isDouble ? u(rng, 1.35, 1.8) : u(rng, 0.9, 1.05);
        double len = u(rng, 1.95, 2.15);
        Material frame = Palette.material(rng, Finish.WOOD).withGrain(2);
        Material sheet = Palette.material(rng, Finish.FABRIC);
        Material duvet = Palette.material(rng, Finish.FABRIC);
        double legH = u(rng, 0.05, 0.15);
        double frameTop = legH + u(rng, 0.15, 0.24);
        double mattressTop = frameTop + u(rng, 0.18, 0.26);
        boolean footboard = rng.nextDouble() < 0.3;
        double z0 = -len / 2;
        double z1 = len / 2;
        ModelBuilder b = new ModelBuilder("bed")
                .legs(frame, -w / 2, z0, w / 2, z1, 0.06, legH)
                .block(frame, -w / 2, legH, z0, w / 2, frameTop, z1)
                .block(sheet, -w / 2 + 0.02, frameTop, z0 + 0.06, w / 2 - 0.02, mattressTop, z1 - 0.02)
                .block(duvet, -w / 2 - 0.02, frameTop + 0.05, z0 + 0.3 * len, w / 2 + 0.02, mattressTop + 0.04,
                        footboard ? z1 - 0.05 : z1 + 0.02)
                .block(frame, -w / 2 - 0.03, 0, z0, w / 2 + 0.03, mattressTop + u(rng, 0.4, 0.65), z0 + 0.06);
        if (footboard) {
            b.block(frame, -w / 2, 0, z1 - 0.05, w / 2, mattressTop + u(rng, 0.02, 0.15), z1);
        }
        // Pillows lie at the head end only.
        return b.top(-w / 2 + 0.05, z0 + 0.07, w / 2 - 0.05, z0 + 0.07 + 0.3 * len, mattressTop).build();
    }

    /** A soft flat block with a slightly smaller puffed middle. */
    static FurnitureModel pillow(SplittableRandom rng) {
        double w = u(rng, 0.42, 0.68);
        double d = u(rng, 0.3, 0.42);
        double h = u(rng, 0.08, 0.12);
        Material m = Palette.material(rng, Finish.FABRIC);
        return new ModelBuilder("pillow")
                .block(m, -w / 2, 0, -d / 2, w / 2, h, d / 2)
                .block(m, -w / 2 + 0.05, h, -d / 2 + 0.05, w / 2 - 0.05, h + u(rng, 0.02, 0.05), d / 2 - 0.05)
                .build();
    }

    /** A base with seat cushions, a back along the rear and two arms; cushions may lie on the seat. */
    static FurnitureModel sofa(SplittableRandom rng) {
        double w = u(rng, 1.5, 2.3);
        double d = u(rng, 0.8, 0.95);
        double legH = u(rng, 0.04, 0.12);
        double seatH = u(rng, 0.4, 0.46);
        double backH = u(rng, 0.75, 0.92);
        double armW = u(rng, 0.12, 0.22);
        double armH = u(rng, 0.55, 0.68);
        double backD = u(rng, 0.15, 0.25);
        Material cover = Palette.material(rng, Finish.FABRIC);
        Material cushion = rng.nextDouble() < 0.7 ? cover.shaded(1.06) : Palette.material(rng, Finish.FABRIC);
        Material legs = Palette.material(rng, rng.nextBoolean() ? Finish.WOOD : Finish.METAL).withGrain(1);
        ModelBuilder b = new ModelBuilder("sofa")
                .legs(legs, -w / 2 + 0.03, -d / 2 + 0.03, w / 2 - 0.03, d / 2 - 0.03, 0.05, legH)
                .block(cover, -w / 2, legH, -d / 2, w / 2, seatH - 0.1, d / 2)
                .block(cover, -w / 2, legH, -d / 2, w / 2, backH, -d / 2 + backD)
                .block(cover, -w / 2, legH, -d / 2, -w / 2 + armW, armH, d / 2)
                .block(cover, w / 2 - armW, legH, -d / 2, w / 2, armH, d / 2);
        int seats = w > 1.9 ? 3 : 2;
        double inner = w - 2 * armW;
        for (int i = 0; i < seats; i++) {
            double x0 = -w / 2 + armW + i * inner / seats;
            b.block(cushion, x0 + 0.005, seatH - 0.1, -d / 2 + backD, x0 + inner / seats - 0.005, seatH, d / 2 + 0.01);
        }
        double seatX0 = -w / 2 + armW + 0.02;
        double seatX1 = w / 2 - armW - 0.02;
        return b.top(seatX0, -d / 2 + backD, seatX1, -d / 2 + backD + 0.32, seatH).build();
    }

    /** A seat on four legs with a back, or an office chair on a pole and a star base. */
    static FurnitureModel chair(SplittableRandom rng) {
        double w = u(rng, 0.4, 0.5);
        double d = u(rng, 0.4, 0.5);
        double seatH = u(rng, 0.42, 0.49);
        double backTop = u(rng, 0.82, 1.0);
        ModelBuilder b = new ModelBuilder("chair");
        if (rng.nextDouble() < 0.3) {
            Material frame = Palette.material(rng, Finish.METAL);
            Material seat = Palette.material(rng, rng.nextBoolean() ? Finish.FABRIC : Finish.PLASTIC);
            b.block(frame, -0.29, 0.02, -0.03, 0.29, 0.07, 0.03)
                    .block(frame, -0.03, 0.02, -0.29, 0.03, 0.07, 0.29)
                    .cylinder(frame, 0, 0, 0.025, 0.07, seatH - 0.06)
                    .block(seat, -w / 2, seatH - 0.06, -d / 2, w / 2, seatH, d / 2)
                    .block(frame, -0.025, seatH, -d / 2, 0.025, seatH + 0.18, -d / 2 + 0.03)
                    .block(seat, -w / 2 + 0.02, seatH + 0.12, -d / 2 - 0.02, w / 2 - 0.02, backTop + 0.05, -d / 2 + 0.04);
            return b.build();
        }
        Material frame = Palette.material(rng, rng.nextDouble() < 0.75 ? Finish.WOOD : Finish.METAL).withGrain(1);
        Material seat = rng.nextBoolean() ? frame.withGrain(0) : Palette.material(rng, Finish.FABRIC);
        double leg = u(rng, 0.03, 0.045);
        double seatT = u(rng, 0.03, 0.06);
        b.legs(frame, -w / 2, -d / 2, w / 2, d / 2, leg, seatH - seatT)
                .block(seat, -w / 2, seatH - seatT, -d / 2, w / 2, seatH, d / 2)
                .block(frame, -w / 2, seatH, -d / 2, -w / 2 + leg, backTop, -d / 2 + leg)
                .block(frame, w / 2 - leg, seatH, -d / 2, w / 2, backTop, -d / 2 + leg);
        double backBottom = rng.nextBoolean() ? seatH + 0.05 : backTop - u(rng, 0.12, 0.22);
        return b.block(seat.withGrain(0), -w / 2 + leg, backBottom, -d / 2, w / 2 - leg, backTop - 0.01, -d / 2 + 0.025)
                .build();
    }
}
