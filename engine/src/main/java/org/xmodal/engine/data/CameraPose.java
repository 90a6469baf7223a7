package org.xmodal.engine.data;

/**
 * Where a camera stood, when it is known (synthetic scenes): height of the optical centre above the floor,
 * pitch (negative looks down) and roll, and the direction of "up" (against gravity) in camera coordinates
 * (x right, y down, z forward), as a unit vector.
 */
public record CameraPose(double heightMetres, double pitchDegrees, double rollDegrees, double[] up) {
    public CameraPose {
        if (up == null || up.length != 3) {
            throw new IllegalArgumentException("up must be a 3-vector");
        }
        up = up.clone();
    }

    @Override
    public double[] up() {
        return up.clone();
    }
}
