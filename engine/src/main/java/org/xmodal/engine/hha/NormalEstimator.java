package org.xmodal.engine.hha;

import org.xmodal.engine.task.Parallel;

/**
 * Surface normals by a least-squares plane fit over a square window of valid pixels (rgbdutils'
 * computeNormalsSquareSupport). For pixels p = (X, Y, Z) of the window the plane n.p = 1 is fitted in the
 * form n.(X/Z, Y/Z, 1) = 1/Z; the window sums of the six products and three right-hand sides come from
 * summed-area tables, so a window of any size costs the same, and the 3x3 system is solved in closed form.
 *
 * <p>As in the reference, the solution is adj(AtA) Atb (the determinant is dropped: only the direction
 * matters), then oriented so that n_z >= 0 and then so that n.p >= 0 for the pixel's own (filled) point.
 * Missing pixels do not contribute; a window without enough valid pixels gives an undefined (NaN) normal.
 *
 * <p>Not thread-safe: an instance keeps its tables between calls so that encoding a sequence allocates once.
 */
public final class NormalEstimator {
    /** Channels: u^2, uv, u, v^2, v, 1 (the normal matrix) and u/Z, v/Z, 1/Z (the right-hand side). */
    private static final int CHANNELS = 9;
    private double[][] tables = new double[0][];
    private int tw;
    private int th;

    /**
     * Builds the window tables for a cloud; then {@link #normals(PointCloud, int)} may be called for any radius.
     *
     * @param missing true where the sensor had no measurement (excluded from the fit), or null
     */
    public void prepare(PointCloud pc, boolean[] missing, double fx, double fy, double cx, double cy) {
        int w = pc.width();
        int h = pc.height();
        if (tw != w + 1 || th != h + 1) {
            tables = new double[CHANNELS][(w + 1) * (h + 1)];
            tw = w + 1;
            th = h + 1;
        }
        float[] z = pc.z();
        double[][] t = tables;
        Parallel.rows(h, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                double v = (r + 1 - cy) / fy;
                int row = (r + 1) * tw + 1;
                for (int c = 0; c < w; c++) {
                    int i = r * w + c;
                    double zc = z[i];
                    int k = row + c;
                    if ((missing != null && missing[i]) || !(zc > 0) || Double.isInfinite(zc)) {
                        for (int ch = 0; ch < CHANNELS; ch++) {
                            t[ch][k] = 0;
                        }
                        continue;
                    }
                    double u = (c + 1 - cx) / fx;
                    double iz = 1.0 / zc;
                    t[0][k] = u * u;
                    t[1][k] = u * v;
                    t[2][k] = u;
                    t[3][k] = v * v;
                    t[4][k] = v;
                    t[5][k] = 1;
                    t[6][k] = u * iz;
                    t[7][k] = v * iz;
                    t[8][k] = iz;
                }
            }
        });
        // Prefix sums: rows in parallel, then columns in parallel (each channel independently).
        Parallel.forEach(CHANNELS, ch -> integrate(t[ch], w, h));
    }

    private void integrate(double[] s, int w, int h) {
        for (int r = 1; r <= h; r++) {
            int row = r * tw;
            double acc = 0;
            for (int c = 1; c <= w; c++) {
                acc += s[row + c];
                s[row + c] = acc + s[row - tw + c];
            }
        }
    }

    /** Normals with a window of {@code (2 radius + 1)^2}, clipped at the image border. */
    public NormalField normals(PointCloud pc, int radius) {
        int w = pc.width();
        int h = pc.height();
        float[] nx = new float[w * h];
        float[] ny = new float[w * h];
        float[] nz = new float[w * h];
        float[] px = pc.x();
        float[] py = pc.y();
        float[] pz = pc.z();
        double[][] t = tables;
        Parallel.rows(h, (r0, r1) -> {
            double[] a = new double[CHANNELS];
            for (int r = r0; r < r1; r++) {
                int y1 = Math.max(0, r - radius);
                int y2 = Math.min(h - 1, r + radius) + 1;
                for (int c = 0; c < w; c++) {
                    int x1 = Math.max(0, c - radius);
                    int x2 = Math.min(w - 1, c + radius) + 1;
                    int i11 = y1 * tw + x1;
                    int i12 = y1 * tw + x2;
                    int i21 = y2 * tw + x1;
                    int i22 = y2 * tw + x2;
                    for (int ch = 0; ch < CHANNELS; ch++) {
                        double[] s = t[ch];
                        a[ch] = s[i22] - s[i12] - s[i21] + s[i11];
                    }
                    solve(a, r * w + c, px, py, pz, nx, ny, nz);
                }
            }
        });
        return new NormalField(w, h, nx, ny, nz);
    }

    private static void solve(double[] a, int i, float[] px, float[] py, float[] pz, float[] nx, float[] ny,
                              float[] nz) {
        // a[5] counts the window's valid pixels exactly; fewer than 3 cannot define a plane (and the table
        // differences of an empty window are rounding noise, not zeros)
        if (a[5] < 2.5) {
            nx[i] = Float.NaN;
            ny[i] = Float.NaN;
            nz[i] = Float.NaN;
            return;
        }
        // adjugate of the symmetric normal matrix [a0 a1 a2; a1 a3 a4; a2 a4 a5]
        double c00 = a[3] * a[5] - a[4] * a[4];
        double c01 = -(a[1] * a[5] - a[2] * a[4]);
        double c02 = a[1] * a[4] - a[2] * a[3];
        double c11 = a[0] * a[5] - a[2] * a[2];
        double c12 = -(a[0] * a[4] - a[1] * a[2]);
        double c22 = a[0] * a[3] - a[1] * a[1];
        double x = c00 * a[6] + c01 * a[7] + c02 * a[8];
        double y = c01 * a[6] + c11 * a[7] + c12 * a[8];
        double z = c02 * a[6] + c12 * a[7] + c22 * a[8];
        double norm = Math.sqrt(x * x + y * y + z * z);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            nx[i] = Float.NaN;
            ny[i] = Float.NaN;
            nz[i] = Float.NaN;
            return;
        }
        x /= norm;
        y /= norm;
        z /= norm;
        if (z < 0) {
            x = -x;
            y = -y;
            z = -z;
        }
        double dot = x * px[i] + y * py[i] + z * pz[i];
        if (dot < 0) {
            x = -x;
            y = -y;
            z = -z;
        }
        nx[i] = (float) x;
        ny[i] = (float) y;
        nz[i] = (float) z;
    }
}
