package org.xmodal.engine.hha;

import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Parallel;

/**
 * HHA encoding of depth (Gupta, Girshick, Arbelaez, Malik, ECCV 2014), following rcnn-depth's saveHHA step for
 * step: R = horizontal disparity 31000 / max(Z_cm, 100), G = height above the lowest point in cm (or above a
 * floor assumed 130 cm below the camera when nothing lies 90 cm below it), B = angle between the local normal
 * and gravity in degrees + 38. The filled depth gives the points; the raw depth's zeros mark the pixels that
 * normals must not use. Values are rounded as MATLAB's uint8 does (half away from zero, saturating).
 *
 * <p>An encoder keeps work buffers between frames: use one per thread.
 */
public final class HhaEncoder {
    private final NormalEstimator normalEstimator = new NormalEstimator();

    /**
     * @param filled filled depth in metres (drives the point cloud)
     * @param raw    raw sensor depth in metres whose zeros are the missing mask, or null to use the filled depth's
     */
    public HhaResult encode(DepthMap filled, DepthMap raw, HhaConfig config) {
        int w = filled.width();
        int h = filled.height();
        if (raw != null && (raw.width() != w || raw.height() != h)) {
            throw new IllegalArgumentException("raw depth is " + raw.width() + "x" + raw.height()
                    + " but filled depth is " + w + "x" + h);
        }
        CameraIntrinsics camera = config.camera();
        if (camera.width() != w || camera.height() != h) {
            camera = camera.scaledTo(w, h);
        }
        boolean[] missing = missingMask(raw != null ? raw : filled);

        PointCloud pc = PointCloud.fromDepth(filled, camera);
        normalEstimator.prepare(pc, missing, camera.fx(), camera.fy(), camera.cx(), camera.cy());
        NormalField normals = normalEstimator.normals(pc, config.normalRadius());
        NormalField gravityNormals = config.gravityRadius() == config.normalRadius() ? normals
                : normalEstimator.normals(pc, config.gravityRadius());
        GravityEstimator.Estimate g = GravityEstimator.estimate(gravityNormals, config.stageAnglesDegrees(),
                config.stageIterations());
        double[] rotation = GravityAlignment.rotationFromYAxis(g.down());
        float[] height = GravityAlignment.heightsRelativeToCamera(pc, rotation);

        double lowest = Double.POSITIVE_INFINITY;
        for (float v : height) {
            if (v < lowest) {
                lowest = v;
            }
        }
        if (config.floorReference() == FloorReference.FLOOR_PLANE) {
            lowest = floorPlane(height, g.floor(), missing, lowest);
        }
        boolean assumed = !(lowest <= -config.floorVisibleCm());
        double floorOffset = assumed ? -config.assumedCameraHeightCm() : lowest;

        float[] angle = new float[w * h];
        float[] disparity = new float[w * h];
        byte[] out = new byte[w * h * 3];
        double[] d = g.down();
        float[] z = pc.z();
        Parallel.rows(h, (r0, r1) -> {
            for (int i = r0 * w; i < r1 * w; i++) {
                height[i] = (float) (height[i] - floorOffset);
                // MATLAB's max(-1, NaN) is -1, so an undefined normal gets acos(-1) = 180 degrees
                double dot = normals.nx()[i] * d[0] + normals.ny()[i] * d[1] + normals.nz()[i] * d[2];
                double a = Double.isNaN(dot) ? 180 : Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
                angle[i] = (float) a;
                double zc = z[i];
                double disp = config.disparityNumerator() / (zc > config.minDepthCm() ? zc : config.minDepthCm());
                disparity[i] = (float) disp;
                out[3 * i] = matlabUint8(disp);
                out[3 * i + 1] = matlabUint8(height[i]);
                out[3 * i + 2] = matlabUint8(a + config.angleOffsetDegrees());
            }
        });
        return new HhaResult(new RgbImage(w, h, out), camera, normals, d, g.floor(), g.wall(), height, angle,
                disparity, -floorOffset, assumed);
    }

    /** Pixels with a vertical normal this close above the lowest point are taken to be floor. */
    static final double FLOOR_BAND_CM = 25;
    private static final int MIN_FLOOR_PIXELS = 50;

    /** Median height of measured floor-normal pixels near the lowest point, or the lowest point itself. */
    static double floorPlane(float[] height, boolean[] floorNormal, boolean[] missing, double lowest) {
        float[] band = new float[height.length];
        int n = 0;
        for (int i = 0; i < height.length; i++) {
            if (floorNormal[i] && !missing[i] && height[i] <= lowest + FLOOR_BAND_CM) {
                band[n++] = height[i];
            }
        }
        if (n < MIN_FLOOR_PIXELS) {
            return lowest;
        }
        java.util.Arrays.sort(band, 0, n);
        return band[n / 2];
    }

    /** Zero or non-finite depth is a missing measurement. */
    static boolean[] missingMask(DepthMap depth) {
        float[] m = depth.metres();
        boolean[] missing = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            missing[i] = !(m[i] > 0) || Float.isInfinite(m[i]);
        }
        return missing;
    }

    /** MATLAB's uint8(): round half away from zero, saturate to 0..255, NaN to 0. */
    static byte matlabUint8(double v) {
        if (Double.isNaN(v) || v <= 0) {
            return 0;
        }
        double r = Math.floor(v + 0.5);
        return (byte) (r >= 255 ? 255 : (int) r);
    }
}
