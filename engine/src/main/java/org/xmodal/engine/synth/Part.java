package org.xmodal.engine.synth;

/**
 * A solid primitive of a piece of furniture, in the furniture's own frame: metres, y up from the floor the piece
 * stands on, +z towards its front. Rays tested against a part start outside it (the camera is never inside
 * furniture), so only entry points count.
 */
sealed interface Part permits Part.Block, Part.Cylinder, Part.Ball {
    /** Hits closer than this are ignored, so a ray never re-hits the surface it starts on. */
    double EPS = 1e-9;

    Material material();

    /** Axis-aligned bounds in the object frame: min x, y, z, then max x, y, z. */
    double[] bounds();

    /**
     * Tests the ray o + t d (object frame) and, when it enters this part at 0 < t < hit.t, records the entry in
     * {@code hit} and returns true.
     */
    boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, Hit hit);

    /** An axis-aligned box between two corners. */
    record Block(Material material, double x0, double y0, double z0, double x1, double y1, double z1) implements Part {
        public Block {
            if (!(x1 > x0 && y1 > y0 && z1 > z0)) {
                throw new IllegalArgumentException("block corners out of order: " + x0 + "," + y0 + "," + z0
                        + " .. " + x1 + "," + y1 + "," + z1);
            }
        }

        @Override
        public double[] bounds() {
            return new double[] {x0, y0, z0, x1, y1, z1};
        }

        @Override
        public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, Hit hit) {
            double tEnter = Double.NEGATIVE_INFINITY;
            double tExit = Double.POSITIVE_INFINITY;
            int axis = -1;
            // Slab test, one axis at a time; the last slab entered gives the face (and normal) that was hit.
            if (dx != 0) {
                double a = (x0 - ox) / dx;
                double b = (x1 - ox) / dx;
                double near = Math.min(a, b);
                tExit = Math.min(tExit, Math.max(a, b));
                if (near > tEnter) {
                    tEnter = near;
                    axis = 0;
                }
            } else if (ox < x0 || ox > x1) {
                return false;
            }
            if (dy != 0) {
                double a = (y0 - oy) / dy;
                double b = (y1 - oy) / dy;
                double near = Math.min(a, b);
                tExit = Math.min(tExit, Math.max(a, b));
                if (near > tEnter) {
                    tEnter = near;
                    axis = 1;
                }
            } else if (oy < y0 || oy > y1) {
                return false;
            }
            if (dz != 0) {
                double a = (z0 - oz) / dz;
                double b = (z1 - oz) / dz;
                double near = Math.min(a, b);
                tExit = Math.min(tExit, Math.max(a, b));
                if (near > tEnter) {
                    tEnter = near;
                    axis = 2;
                }
            } else if (oz < z0 || oz > z1) {
                return false;
            }
            if (axis < 0 || tEnter > tExit || tEnter <= EPS || tEnter >= hit.t) {
                return false;
            }
            hit.t = tEnter;
            hit.nx = axis == 0 ? -Math.signum(dx) : 0;
            hit.ny = axis == 1 ? -Math.signum(dy) : 0;
            hit.nz = axis == 2 ? -Math.signum(dz) : 0;
            hit.part = this;
            return true;
        }
    }

    /** A vertical cylinder (axis along y) with flat caps. */
    record Cylinder(Material material, double cx, double cz, double radius, double y0, double y1) implements Part {
        public Cylinder {
            if (!(radius > 0) || !(y1 > y0)) {
                throw new IllegalArgumentException("cylinder needs a positive radius and height");
            }
        }

        @Override
        public double[] bounds() {
            return new double[] {cx - radius, y0, cz - radius, cx + radius, y1, cz + radius};
        }

        @Override
        public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, Hit hit) {
            double px = ox - cx;
            double pz = oz - cz;
            double r2 = radius * radius;
            boolean found = false;
            double a = dx * dx + dz * dz;
            if (a > 0) {
                double b = px * dx + pz * dz;
                double c = px * px + pz * pz - r2;
                double disc = b * b - a * c;
                if (disc >= 0) {
                    double t = (-b - Math.sqrt(disc)) / a;
                    double y = oy + t * dy;
                    if (t > EPS && t < hit.t && y >= y0 && y <= y1) {
                        hit.t = t;
                        hit.nx = (px + t * dx) / radius;
                        hit.ny = 0;
                        hit.nz = (pz + t * dz) / radius;
                        hit.part = this;
                        found = true;
                    }
                }
            }
            if (dy != 0) {
                double capY = oy > y1 ? y1 : oy < y0 ? y0 : Double.NaN;
                if (!Double.isNaN(capY)) {
                    double t = (capY - oy) / dy;
                    double qx = px + t * dx;
                    double qz = pz + t * dz;
                    if (t > EPS && t < hit.t && qx * qx + qz * qz <= r2) {
                        hit.t = t;
                        hit.nx = 0;
                        hit.ny = capY == y1 ? 1 : -1;
                        hit.nz = 0;
                        hit.part = this;
                        found = true;
                    }
                }
            }
            return found;
        }
    }

    /** A sphere. */
    record Ball(Material material, double cx, double cy, double cz, double radius) implements Part {
        public Ball {
            if (!(radius > 0)) {
                throw new IllegalArgumentException("ball needs a positive radius");
            }
        }

        @Override
        public double[] bounds() {
            return new double[] {cx - radius, cy - radius, cz - radius, cx + radius, cy + radius, cz + radius};
        }

        @Override
        public boolean intersect(double ox, double oy, double oz, double dx, double dy, double dz, Hit hit) {
            double px = ox - cx;
            double py = oy - cy;
            double pz = oz - cz;
            double a = dx * dx + dy * dy + dz * dz;
            double b = px * dx + py * dy + pz * dz;
            double c = px * px + py * py + pz * pz - radius * radius;
            double disc = b * b - a * c;
            if (disc < 0) {
                return false;
            }
            double t = (-b - Math.sqrt(disc)) / a;
            if (t <= EPS || t >= hit.t) {
                return false;
            }
            hit.t = t;
            hit.nx = (px + t * dx) / radius;
            hit.ny = (py + t * dy) / radius;
            hit.nz = (pz + t * dz) / radius;
            hit.part = this;
            return true;
        }
    }
}
