package org.xmodal.engine.hha;

import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.task.Parallel;

/**
 * The 3-D point of every pixel in centimetres, camera coordinates (x right, y down, z forward), from depth and
 * intrinsics with 1-based pixel coordinates: X = (col + 1 - cx) Z / fx, Y = (row + 1 - cy) Z / fy.
 */
public record PointCloud(int width, int height, float[] x, float[] y, float[] z) {

    public static PointCloud fromDepth(DepthMap depth, CameraIntrinsics camera) {
        int w = depth.width();
        int h = depth.height();
        float[] x = new float[w * h];
        float[] y = new float[w * h];
        float[] z = new float[w * h];
        double fx = camera.fx();
        double fy = camera.fy();
        double cx = camera.cx();
        double cy = camera.cy();
        float[] m = depth.metres();
        Parallel.rows(h, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                double yy = (r + 1 - cy) / fy;
                for (int c = 0; c < w; c++) {
                    int i = r * w + c;
                    double zc = m[i] * 100.0;
                    x[i] = (float) ((c + 1 - cx) * zc / fx);
                    y[i] = (float) (yy * zc);
                    z[i] = (float) zc;
                }
            }
        });
        return new PointCloud(w, h, x, y, z);
    }
}
