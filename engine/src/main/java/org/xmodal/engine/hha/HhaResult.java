package org.xmodal.engine.hha;

import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.RgbImage;

/**
 * The HHA image and the intermediate products the workbench shows: normals, gravity, floor and wall sets,
 * height above the floor (cm), angle with gravity (degrees, 180 where the normal is undefined) and disparity.
 *
 * @param down                unit gravity direction in camera coordinates (x right, y down, z forward)
 * @param floorHeightCm       the height of the floor below the camera used for the G channel (positive)
 * @param floorAssumed        true when the floor was not seen and {@link HhaConfig#assumedCameraHeightCm()} was used
 */
public record HhaResult(RgbImage hha, CameraIntrinsics camera, NormalField normals, double[] down, boolean[] floor,
                        boolean[] wall, float[] heightCm, float[] angleDegrees, float[] disparity,
                        double floorHeightCm, boolean floorAssumed) {

    /** Camera tilt from level: the angle between the optical axis and the horizontal plane (negative = down). */
    public double pitchDegrees() {
        // up = -down; pitch = asin(forward . up) with forward = (0, 0, 1)
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, -down[2]))));
    }

    /** Camera roll: rotation of the image's "up" about the optical axis. */
    public double rollDegrees() {
        return Math.toDegrees(Math.atan2(-down[0], down[1]));
    }
}
