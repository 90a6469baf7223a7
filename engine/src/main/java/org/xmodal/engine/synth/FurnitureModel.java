package org.xmodal.engine.synth;

import java.util.List;

/**
 * One piece of furniture in its own frame (metres, y up from the surface it stands on, +z its front): its class,
 * its parts, the part-union bounds, and optionally a top surface that other objects may stand on.
 *
 * @param bounds         min x, y, z, then max x, y, z over all parts
 * @param top            where objects may be put on it, or null
 * @param frontClearance free floor to keep in front of it (a door must be able to open), metres
 */
record FurnitureModel(String className, List<Part> parts, double[] bounds, Surface top, double frontClearance) {
    FurnitureModel {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(className + " has no parts");
        }
        bounds = bounds.clone();
    }

    @Override
    public double[] bounds() {
        return bounds.clone();
    }

    double minX() {
        return bounds[0];
    }

    double minZ() {
        return bounds[2];
    }

    double maxX() {
        return bounds[3];
    }

    double maxY() {
        return bounds[4];
    }

    double maxZ() {
        return bounds[5];
    }

    double width() {
        return bounds[3] - bounds[0];
    }

    double depth() {
        return bounds[5] - bounds[2];
    }

    /**
     * A horizontal rectangle of the object frame at height {@code height} on which smaller objects may stand.
     */
    record Surface(double x0, double z0, double x1, double z1, double height) {
        Surface {
            if (!(x1 > x0 && z1 > z0)) {
                throw new IllegalArgumentException("empty surface");
            }
        }
    }
}
