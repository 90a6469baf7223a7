package org.xmodal.engine.synth;

/**
 * Procedural surface patterns, as a brightness factor near 1 at a point (u, v, w) of the surface: the object's own
 * frame for furniture (so a pattern moves with its object and optical flow stays exact), (x, z) for the floor and
 * (position along the wall, height) for walls. Patterns are smooth or blocky at several pixels' scale, which keeps
 * the PNGs small and avoids aliasing at 160x120.
 */
enum Texture {
    PLAIN {
        @Override
        double factor(Material m, double u, double v, double w) {
            return 1;
        }
    },
    /** Wood grain: wavy stripes running along the material's grain axis. */
    GRAIN {
        @Override
        double factor(Material m, double u, double v, double w) {
            double along = m.grainAxis() == 0 ? u : m.grainAxis() == 1 ? v : w;
            double a = m.grainAxis() == 0 ? v : u;
            double b = m.grainAxis() == 2 ? v : w;
            double ring = (0.6 * a + 0.4 * b) * m.scale() + 0.35 * bump(frac(along * m.scale() * 0.15));
            double s = bump(frac(ring));
            return 1 - m.contrast() * s * s;
        }
    },
    /** Woven fabric or plaid: crossed soft bands. */
    WEAVE {
        @Override
        double factor(Material m, double u, double v, double w) {
            return 1 - m.contrast() * bump(frac((u + w) * m.scale())) * bump(frac(v * m.scale()));
        }
    },
    /** Upholstery checks: a 3D checkerboard of two shades. */
    CHECKS {
        @Override
        double factor(Material m, double u, double v, double w) {
            long parity = (long) Math.floor(u * m.scale()) + (long) Math.floor(v * m.scale())
                    + (long) Math.floor(w * m.scale());
            return (parity & 1) == 0 ? 1 : 1 - m.contrast();
        }
    },
    /** Speckle (granite, carpet, textured plastic): each small cell a slightly different shade. */
    SPECKLE {
        @Override
        double factor(Material m, double u, double v, double w) {
            double n = SceneSeeds.cellNoise(m.seed(), (long) Math.floor(u * m.scale()),
                    (long) Math.floor(v * m.scale()), (long) Math.floor(w * m.scale()));
            return 1 - m.contrast() * n;
        }
    },
    /** Wallpaper: vertical stripes along u. */
    STRIPES {
        @Override
        double factor(Material m, double u, double v, double w) {
            return ((long) Math.floor(u * m.scale()) & 1) == 0 ? 1 : 1 - m.contrast();
        }
    },
    /** Floor boards along u, 1 / scale wide, each board its own shade, with dark seams between boards. */
    PLANKS {
        @Override
        double factor(Material m, double u, double v, double w) {
            double across = v * m.scale();
            long board = (long) Math.floor(across);
            if (frac(across) < 0.05) {
                return 0.72;
            }
            // Boards are about 1.2 m long; their ends are staggered from board to board.
            long piece = (long) Math.floor(u / 1.2 + 0.37 * board);
            double shade = SceneSeeds.cellNoise(m.seed(), board, piece, 0);
            double grain = bump(frac(v * m.scale() * 7 + 0.3 * bump(frac(u * 0.8))));
            return 1 - m.contrast() * (0.7 * shade + 0.3 * grain * grain);
        }
    },
    /** Square tiles 1 / scale wide in (u, v) with light grout lines. */
    TILES {
        @Override
        double factor(Material m, double u, double v, double w) {
            double a = u * m.scale();
            double b = v * m.scale();
            if (frac(a) < 0.05 || frac(b) < 0.05) {
                return 0.82;
            }
            return 1 - m.contrast() * SceneSeeds.cellNoise(m.seed(), (long) Math.floor(a), (long) Math.floor(b), 0);
        }
    };

    /** Brightness factor at the surface point (u, v, w), about 1. */
    abstract double factor(Material m, double u, double v, double w);

    static double frac(double x) {
        return x - Math.floor(x);
    }

    /** A smooth periodic bump on [0, 1): 0 at the ends, 1 in the middle. */
    static double bump(double p) {
        return 4 * p * (1 - p);
    }
}
