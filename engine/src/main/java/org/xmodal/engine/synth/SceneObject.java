package org.xmodal.engine.synth;

/**
 * A piece of furniture placed in a room: its model, where its frame's origin is (x, z on the floor plan, y the
 * height of what it stands on) and its turn about the vertical. Local to world: x' = cos x + sin z, z' = -sin x +
 * cos z, so the object's front (+z) faces (sin yaw, cos yaw).
 *
 * @param support index of the object it stands on in the scene's list, or -1 for the floor
 */
record SceneObject(FurnitureModel model, double x, double y, double z, double yaw, int support) {
    String className() {
        return model.className();
    }

    double cos() {
        return StrictMath.cos(yaw);
    }

    double sin() {
        return StrictMath.sin(yaw);
    }

    /** The same object moved by (dx, dz) on the floor plan. */
    SceneObject translated(double dx, double dz) {
        return new SceneObject(model, x + dx, y, z + dz, yaw, support);
    }

    /** The same object moved up by {@code dy} (down when negative), as a lifted or falling object. */
    SceneObject raised(double dy) {
        return new SceneObject(model, x, y + dy, z, yaw, support);
    }

    /**
     * The same object turned by {@code angle} about the vertical line through (ax, az) on the floor plan, in the
     * sense of a growing yaw. Its origin turns about that line too, so a spin about the object's middle (rather
     * than its frame's origin, which may sit at a back edge) keeps it in place.
     */
    SceneObject turnedAbout(double angle, double ax, double az) {
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        double dx = x - ax;
        double dz = z - az;
        return new SceneObject(model, ax + c * dx + s * dz, y, az - s * dx + c * dz, yaw + angle, support);
    }

    double[] toWorld(double lx, double ly, double lz) {
        double c = cos();
        double s = sin();
        return new double[] {x + c * lx + s * lz, y + ly, z - s * lx + c * lz};
    }

    double[] toLocal(double wx, double wy, double wz) {
        double c = cos();
        double s = sin();
        double dx = wx - x;
        double dz = wz - z;
        return new double[] {c * dx - s * dz, wy - y, s * dx + c * dz};
    }

    /** The floor area covered, including the clearance the model asks for in front of it. */
    Footprint footprint() {
        return footprint(model.frontClearance());
    }

    /** The floor area covered by the parts alone. */
    Footprint body() {
        return footprint(0);
    }

    /** World position of the centre of the model's bounds. */
    double[] centre() {
        double[] b = model.bounds();
        return toWorld((b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2);
    }

    private Footprint footprint(double clearance) {
        double[] b = model.bounds();
        double mx = (b[0] + b[3]) / 2;
        double mz = (b[2] + b[5] + clearance) / 2;
        double[] c = toWorld(mx, 0, mz);
        return new Footprint(c[0], c[2], (b[3] - b[0]) / 2, (b[5] + clearance - b[2]) / 2, cos(), sin());
    }
}
