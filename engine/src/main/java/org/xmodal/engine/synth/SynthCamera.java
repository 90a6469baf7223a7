package org.xmodal.engine.synth;

import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.CameraPose;

/**
 * A pinhole camera in a room: position, yaw about the vertical, pitch (negative looks down) and roll about the
 * optical axis, with the dataset's intrinsics. Camera axes are x right, y down, z forward (right-handed), as the
 * depth maps and {@link CameraPose#up()} use them; the world has y up and the floor at y = 0.
 * Forward is (sin yaw cos pitch, sin pitch, cos yaw cos pitch), as an object's front is (sin yaw, 0, cos yaw).
 * A positive roll turns "up" towards the image's +x: up = (sin roll cos pitch, -cos roll cos pitch, sin pitch).
 */
final class SynthCamera {
    private final CameraIntrinsics intrinsics;
    private final double x;
    private final double y;
    private final double z;
    private final double yaw;
    private final double pitch;
    private final double roll;
    /** Unit axes of the camera in world coordinates: right, down, forward. */
    private final double[] right;
    private final double[] down;
    private final double[] forward;

    SynthCamera(CameraIntrinsics intrinsics, double x, double y, double z, double yaw, double pitch, double roll) {
        this.intrinsics = intrinsics;
        this.x = x;
        this.y = y;
        this.z = z;
        this.yaw = yaw;
        this.pitch = pitch;
        this.roll = roll;
        double cp = StrictMath.cos(pitch);
        double sy = StrictMath.sin(yaw);
        double cy = StrictMath.cos(yaw);
        forward = new double[] {sy * cp, StrictMath.sin(pitch), cy * cp};
        // Level right = forward x up / |.| and level down = forward x right, then both turned by the roll.
        double[] r0 = {-cy, 0, sy};
        double[] d0 = cross(forward, r0);
        double cr = StrictMath.cos(roll);
        double sr = StrictMath.sin(roll);
        right = new double[3];
        down = new double[3];
        for (int i = 0; i < 3; i++) {
            right[i] = cr * r0[i] - sr * d0[i];
            down[i] = sr * r0[i] + cr * d0[i];
        }
    }

    CameraIntrinsics intrinsics() {
        return intrinsics;
    }

    double x() {
        return x;
    }

    double y() {
        return y;
    }

    double z() {
        return z;
    }

    double yaw() {
        return yaw;
    }

    double pitch() {
        return pitch;
    }

    double roll() {
        return roll;
    }

    double[] right() {
        return right.clone();
    }

    double[] down() {
        return down.clone();
    }

    double[] forward() {
        return forward.clone();
    }

    /** The same camera moved by (dx, dy, dz) in world coordinates. */
    SynthCamera moved(double dx, double dy, double dz) {
        return new SynthCamera(intrinsics, x + dx, y + dy, z + dz, yaw, pitch, roll);
    }

    /** The same camera at the same place, turned to other angles (radians). */
    SynthCamera turned(double newYaw, double newPitch, double newRoll) {
        return new SynthCamera(intrinsics, x, y, z, newYaw, newPitch, newRoll);
    }

    /**
     * The same camera with its focal length multiplied by {@code factor} about the principal point, as a zoom lens
     * does: every pixel moves away from (factor above 1) or towards the principal point in proportion to its
     * distance from it, whatever the depth.
     */
    SynthCamera zoomed(double factor) {
        CameraIntrinsics k = intrinsics;
        return new SynthCamera(new CameraIntrinsics(k.fx() * factor, k.fy() * factor, k.cx(), k.cy(), k.width(),
                k.height()), x, y, z, yaw, pitch, roll);
    }

    /** The same camera drawing pictures of another size (the intrinsics scaled), e.g. for a quick preview. */
    SynthCamera resized(int width, int height) {
        return new SynthCamera(intrinsics.scaledTo(width, height), x, y, z, yaw, pitch, roll);
    }

    /** World point in camera coordinates (x right, y down, z forward), metres. */
    double[] toCamera(double px, double py, double pz) {
        double dx = px - x;
        double dy = py - y;
        double dz = pz - z;
        return new double[] {
                dx * right[0] + dy * right[1] + dz * right[2],
                dx * down[0] + dy * down[1] + dz * down[2],
                dx * forward[0] + dy * forward[1] + dz * forward[2]};
    }

    /**
     * Where a world point appears: 0-based column and row (pixel centres at integers) and its depth Z. With the
     * 1-based principal point, column = fx X / Z + cx - 1.
     */
    double[] project(double px, double py, double pz) {
        double[] c = toCamera(px, py, pz);
        return new double[] {
                intrinsics.fx() * c[0] / c[2] + intrinsics.cx() - 1,
                intrinsics.fy() * c[1] / c[2] + intrinsics.cy() - 1,
                c[2]};
    }

    /** Unit vector against gravity in camera coordinates: the world's +y seen from the camera. */
    double[] up() {
        return new double[] {right[1], down[1], forward[1]};
    }

    CameraPose pose() {
        return new CameraPose(y, Math.toDegrees(pitch), Math.toDegrees(roll), up());
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
