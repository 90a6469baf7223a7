package org.xmodal.engine.synth;

/**
 * The floor area an object covers: a rectangle rotated about the vertical, as centre, half sizes and the direction
 * of the object's x axis on the floor (its z axis is that turned by 90 degrees).
 */
record Footprint(double cx, double cz, double halfX, double halfZ, double cos, double sin) {
    /** Whether the two rectangles overlap, by the separating-axis test on the four edge directions. */
    boolean overlaps(Footprint o) {
        double dx = o.cx - cx;
        double dz = o.cz - cz;
        double[][] axes = {{cos, -sin}, {sin, cos}, {o.cos, -o.sin}, {o.sin, o.cos}};
        for (double[] a : axes) {
            double distance = Math.abs(dx * a[0] + dz * a[1]);
            if (distance > radius(a) + o.radius(a)) {
                return false;
            }
        }
        return true;
    }

    boolean contains(double px, double pz) {
        double dx = px - cx;
        double dz = pz - cz;
        return Math.abs(dx * cos - dz * sin) <= halfX && Math.abs(dx * sin + dz * cos) <= halfZ;
    }

    /** Whether all four corners are inside the room's floor, at least {@code margin} from the walls. */
    boolean insideRoom(double width, double depth, double margin) {
        double ex = Math.abs(halfX * cos) + Math.abs(halfZ * sin);
        double ez = Math.abs(halfX * sin) + Math.abs(halfZ * cos);
        return cx - ex >= margin && cx + ex <= width - margin && cz - ez >= margin && cz + ez <= depth - margin;
    }

    Footprint grown(double margin) {
        return new Footprint(cx, cz, halfX + margin, halfZ + margin, cos, sin);
    }

    /** Half the extent of the rectangle projected on the unit direction {@code a}. */
    private double radius(double[] a) {
        return halfX * Math.abs(cos * a[0] - sin * a[1]) + halfZ * Math.abs(sin * a[0] + cos * a[1]);
    }
}
