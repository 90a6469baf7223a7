package org.xmodal.engine.hha;

import java.util.Locale;
import org.xmodal.engine.data.CameraIntrinsics;

/**
 * Parameters of the HHA encoding (Gupta et al., ECCV 2014; rcnn-depth's saveHHA / processDepthImage). The
 * defaults are the reference values; every field can be tuned in the workbench's encoding lab.
 *
 * @param camera               intrinsics (scaled to the depth image when its size differs)
 * @param normalRadius         half-size of the square window of the normals that feed the angle channel (3: 7x7)
 * @param gravityRadius        half-size of the window of the normals used to estimate gravity (10: 21x21)
 * @param stageAnglesDegrees   floor/wall thresholds of the gravity stages (45 then 15 degrees)
 * @param stageIterations      iterations of each stage (5 and 5)
 * @param floorVisibleCm       if the lowest point is less than this far below the camera, the floor is not seen ...
 * @param assumedCameraHeightCm ... and the camera is assumed to stand this high above it (130 cm)
 * @param minDepthCm           depth is floored at this value before the disparity is taken (100 cm)
 * @param disparityNumerator   R = disparityNumerator / max(Z, minDepthCm) with Z in cm (31000)
 * @param angleOffsetDegrees   B = angle + angleOffsetDegrees (128 - 90 = 38)
 * @param floorReference       what heights are measured from (the reference: the lowest point)
 */
public record HhaConfig(CameraIntrinsics camera, int normalRadius, int gravityRadius, double[] stageAnglesDegrees,
                        int[] stageIterations, double floorVisibleCm, double assumedCameraHeightCm,
                        double minDepthCm, double disparityNumerator, double angleOffsetDegrees,
                        FloorReference floorReference) {
    /** Bumped whenever the encoder's output changes for the same inputs, so cached images are recomputed. */
    public static final int ENCODER_VERSION = 1;

    public HhaConfig {
        if (camera == null) {
            throw new IllegalArgumentException("HHA needs camera intrinsics");
        }
        if (normalRadius < 1 || normalRadius > 50 || gravityRadius < 1 || gravityRadius > 50) {
            throw new IllegalArgumentException("normal window radii must be 1 to 50 pixels, got " + normalRadius
                    + " and " + gravityRadius);
        }
        if (stageAnglesDegrees == null || stageIterations == null || stageAnglesDegrees.length == 0
                || stageAnglesDegrees.length != stageIterations.length) {
            throw new IllegalArgumentException("gravity stages need as many angles as iteration counts");
        }
        for (int i = 0; i < stageAnglesDegrees.length; i++) {
            if (!(stageAnglesDegrees[i] > 0 && stageAnglesDegrees[i] < 90) || stageIterations[i] < 0
                    || stageIterations[i] > 100) {
                throw new IllegalArgumentException("gravity stage " + (i + 1) + ": angle must be in (0, 90) degrees "
                        + "and iterations in 0..100, got " + stageAnglesDegrees[i] + " / " + stageIterations[i]);
            }
        }
        if (!(minDepthCm > 0) || !(disparityNumerator > 0) || !(assumedCameraHeightCm > 0) || !(floorVisibleCm > 0)) {
            throw new IllegalArgumentException("HHA distances and the disparity numerator must be positive");
        }
        if (floorReference == null) {
            floorReference = FloorReference.LOWEST_POINT;
        }
        stageAnglesDegrees = stageAnglesDegrees.clone();
        stageIterations = stageIterations.clone();
    }

    /** The reference parameters for a camera. */
    public static HhaConfig reference(CameraIntrinsics camera) {
        return new HhaConfig(camera, 3, 10, new double[] {45, 15}, new int[] {5, 5}, 90, 130, 100, 31000, 38,
                FloorReference.LOWEST_POINT);
    }

    public HhaConfig withCamera(CameraIntrinsics c) {
        return new HhaConfig(c, normalRadius, gravityRadius, stageAnglesDegrees, stageIterations, floorVisibleCm,
                assumedCameraHeightCm, minDepthCm, disparityNumerator, angleOffsetDegrees, floorReference);
    }

    public HhaConfig withFloorReference(FloorReference f) {
        return new HhaConfig(camera, normalRadius, gravityRadius, stageAnglesDegrees, stageIterations, floorVisibleCm,
                assumedCameraHeightCm, minDepthCm, disparityNumerator, angleOffsetDegrees, f);
    }

    @Override
    public double[] stageAnglesDegrees() {
        return stageAnglesDegrees.clone();
    }

    @Override
    public int[] stageIterations() {
        return stageIterations.clone();
    }

    /** A stable text of every parameter and the encoder version, for cache keys. */
    public String fingerprint() {
        return String.format(Locale.ROOT, "hha-v%d cam=%.6f,%.6f,%.6f,%.6f,%dx%d r=%d,%d stages=%s/%s floor=%.3f,%.3f "
                        + "minz=%.3f disp=%.3f off=%.3f floor=%s", ENCODER_VERSION, camera.fx(), camera.fy(), camera.cx(),
                camera.cy(), camera.width(), camera.height(), normalRadius, gravityRadius,
                java.util.Arrays.toString(stageAnglesDegrees), java.util.Arrays.toString(stageIterations),
                floorVisibleCm, assumedCameraHeightCm, minDepthCm, disparityNumerator, angleOffsetDegrees,
                floorReference.id());
    }
}
