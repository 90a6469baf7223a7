package org.xmodal.engine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Collects the parts of one piece of furniture and computes its bounds. */
final class ModelBuilder {
    private final String className;
    private final List<Part> parts = new ArrayList<>();
    private FurnitureModel.Surface top;
    private double frontClearance;

    ModelBuilder(String className) {
        this.className = className;
    }

    ModelBuilder block(Material m, double x0, double y0, double z0, double x1, double y1, double z1) {
        parts.add(new Part.Block(m, x0, y0, z0, x1, y1, z1));
        return this;
    }

    ModelBuilder cylinder(Material m, double cx, double cz, double radius, double y0, double y1) {
        parts.add(new Part.Cylinder(m, cx, cz, radius, y0, y1));
        return this;
    }

    ModelBuilder ball(Material m, double cx, double cy, double cz, double radius) {
        parts.add(new Part.Ball(m, cx, cy, cz, radius));
        return this;
    }

    /** Four square legs of side {@code size} under the corners of the rectangle, from the floor to {@code height}. */
    ModelBuilder legs(Material m, double x0, double z0, double x1, double z1, double size, double height) {
        block(m, x0, 0, z0, x0 + size, height, z0 + size);
        block(m, x1 - size, 0, z0, x1, height, z0 + size);
        block(m, x0, 0, z1 - size, x0 + size, height, z1);
        block(m, x1 - size, 0, z1 - size, x1, height, z1);
        return this;
    }

    ModelBuilder top(double x0, double z0, double x1, double z1, double height) {
        top = new FurnitureModel.Surface(x0, z0, x1, z1, height);
        return this;
    }

    ModelBuilder frontClearance(double metres) {
        frontClearance = metres;
        return this;
    }

    FurnitureModel build() {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Part p : parts) {
            double[] pb = p.bounds();
            for (int i = 0; i < 3; i++) {
                b[i] = Math.min(b[i], pb[i]);
                b[i + 3] = Math.max(b[i + 3], pb[i + 3]);
            }
        }
        return new FurnitureModel(className, parts, b, top, frontClearance);
    }

    static double u(SplittableRandom rng, double lo, double hi) {
        return SceneSeeds.uniform(rng, lo, hi);
    }
}
