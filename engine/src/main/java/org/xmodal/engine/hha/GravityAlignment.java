package org.xmodal.engine.hha;

import org.xmodal.engine.task.Parallel;

/**
 * The rotation that takes the camera's y axis onto the estimated gravity direction (rgbdutils' getRMatrix,
 * Rodrigues' formula about y0 x yDir; the identity when the two are within 0.1 degree), and the height of
 * points along gravity.
 */
public final class GravityAlignment {
    private GravityAlignment() {
    }

    /** Row-major 3x3 rotation R with R y0 = yDir for y0 = (0, 1, 0). */
    public static double[] rotationFromYAxis(double[] yDir) {
        double[] y0 = {0, 1, 0};
        double n = Math.sqrt(yDir[0] * yDir[0] + yDir[1] * yDir[1] + yDir[2] * yDir[2]);
        double[] yf = {yDir[0] / n, yDir[1] / n, yDir[2] / n};
        double cos = Math.max(-1, Math.min(1, y0[0] * yf[0] + y0[1] * yf[1] + y0[2] * yf[2]));
        double phiDeg = Math.toDegrees(Math.acos(cos));
        if (Math.abs(phiDeg) <= 0.1) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        // axis = y0 x yf, normalised
        double ax = y0[1] * yf[2] - y0[2] * yf[1];
        double ay = y0[2] * yf[0] - y0[0] * yf[2];
        double az = y0[0] * yf[1] - y0[1] * yf[0];
        double an = Math.sqrt(ax * ax + ay * ay + az * az);
        ax /= an;
        ay /= an;
        az /= an;
        double phi = Math.toRadians(phiDeg);
        double s = Math.sin(phi);
        double c1 = 1 - Math.cos(phi);
        double[] k = {0, -az, ay, az, 0, -ax, -ay, ax, 0};
        double[] k2 = multiply(k, k);
        double[] r = new double[9];
        for (int i = 0; i < 9; i++) {
            r[i] = (i % 4 == 0 ? 1 : 0) + s * k[i] + c1 * k2[i];
        }
        return r;
    }

    /**
     * Height of every point relative to the camera, along "up": h = -(R^T p)_y, the reference's
     * {@code -pcRot(:,:,2)} with {@code pcRot = R' p}.
     */
    public static float[] heightsRelativeToCamera(PointCloud pc, double[] r) {
        float[] h = new float[pc.x().length];
        // (R^T p)_y = R[0][1] x + R[1][1] y + R[2][1] z
        double a = r[1];
        double b = r[4];
        double c = r[7];
        float[] x = pc.x();
        float[] y = pc.y();
        float[] z = pc.z();
        Parallel.rows(pc.height(), (r0, r1) -> {
            for (int i = r0 * pc.width(); i < r1 * pc.width(); i++) {
                h[i] = (float) -(a * x[i] + b * y[i] + c * z[i]);
            }
        });
        return h;
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += p[i * 3 + k] * q[k * 3 + j];
                }
                o[i * 3 + j] = sum;
            }
        }
        return o;
    }
}
