package org.xmodal.engine.hha;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.xmodal.engine.task.Parallel;

/**
 * The direction of gravity from a normal field (rgbdutils' getYDir): starting from the camera's y axis, each
 * iteration takes the normals nearly parallel to the current estimate as floor (|y.n| > cos t) and those nearly
 * perpendicular as walls (|y.n| < sin t), and picks the direction most parallel to the floor normals and most
 * perpendicular to the wall normals: the eigenvector of the smallest eigenvalue of N_W N_W^T - N_F N_F^T.
 * Stages with decreasing thresholds (45 then 15 degrees, 5 iterations each) refine the estimate.
 *
 * <p>The result points down in camera coordinates (y down), like the reference's yDir.
 */
public final class GravityEstimator {

    /** The estimate and the floor/wall sets of the last iteration. */
    public record Estimate(double[] down, boolean[] floor, boolean[] wall) {
        /** The unit vector opposite to gravity ("up") in camera coordinates. */
        public double[] up() {
            return new double[] {-down[0], -down[1], -down[2]};
        }
    }

    private GravityEstimator() {
    }

    public static Estimate estimate(NormalField n, double[] stageAnglesDegrees, int[] stageIterations) {
        double[] y = {0, 1, 0};
        double lastAngle = stageAnglesDegrees[stageAnglesDegrees.length - 1];
        for (int s = 0; s < stageAnglesDegrees.length; s++) {
            for (int it = 0; it < stageIterations[s]; it++) {
                y = iterate(n, y, stageAnglesDegrees[s]);
            }
        }
        boolean[] floor = new boolean[n.nx().length];
        boolean[] wall = new boolean[n.nx().length];
        double cos = Math.cos(Math.toRadians(lastAngle));
        double sin = Math.sin(Math.toRadians(lastAngle));
        for (int i = 0; i < floor.length; i++) {
            if (n.isDefined(i)) {
                double sim = Math.abs(y[0] * n.nx()[i] + y[1] * n.ny()[i] + y[2] * n.nz()[i]);
                floor[i] = sim > cos;
                wall[i] = sim < sin;
            }
        }
        return new Estimate(y, floor, wall);
    }

    /** One hard-assignment iteration; the new direction keeps the sign of the previous one. */
    static double[] iterate(NormalField n, double[] y, double thresholdDegrees) {
        double cos = Math.cos(Math.toRadians(thresholdDegrees));
        double sin = Math.sin(Math.toRadians(thresholdDegrees));
        int h = n.height();
        int w = n.width();
        int bands = Parallel.bands(h);
        double[][] partial = new double[bands][6];
        float[] nx = n.nx();
        float[] ny = n.ny();
        float[] nz = n.nz();
        Parallel.forEach(bands, b -> {
            double[] m = partial[b];
            int start = (b * h / bands) * w;
            int end = ((b + 1) * h / bands) * w;
            for (int i = start; i < end; i++) {
                double x = nx[i];
                if (Double.isNaN(x)) {
                    continue;
                }
                double yy = ny[i];
                double z = nz[i];
                double sim = Math.abs(y[0] * x + y[1] * yy + y[2] * z);
                double sign;
                if (sim > cos) {
                    sign = -1; // floor: subtract n n^T
                } else if (sim < sin) {
                    sign = 1; // wall: add n n^T
                } else {
                    continue;
                }
                m[0] += sign * x * x;
                m[1] += sign * x * yy;
                m[2] += sign * x * z;
                m[3] += sign * yy * yy;
                m[4] += sign * yy * z;
                m[5] += sign * z * z;
            }
        });
        double[] s = new double[6];
        for (double[] p : partial) {
            for (int k = 0; k < 6; k++) {
                s[k] += p[k];
            }
        }
        double[] v = smallestEigenvector(s, y);
        double dot = v[0] * y[0] + v[1] * y[1] + v[2] * y[2];
        double sign = dot < 0 ? -1 : 1;
        return new double[] {v[0] * sign, v[1] * sign, v[2] * sign};
    }

    /**
     * Eigenvector of the smallest eigenvalue of the symmetric matrix [s0 s1 s2; s1 s3 s4; s2 s4 s5]. When the
     * smallest eigenvalue is repeated (a view of a single wall, where any direction in the wall's plane fits),
     * the reference's choice is arbitrary; we take the previous estimate projected onto that eigenspace, so a
     * featureless view keeps its gravity instead of jumping.
     */
    static double[] smallestEigenvector(double[] s, double[] previous) {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{s[0], s[1], s[2]}, {s[1], s[3], s[4]}, {s[2], s[4], s[5]}});
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, true, true);
        if (!eig.decompose(a)) {
            throw new IllegalStateException("gravity estimation: eigen decomposition did not converge");
        }
        int best = 0;
        for (int k = 1; k < 3; k++) {
            if (eig.getEigenvalue(k).getReal() < eig.getEigenvalue(best).getReal()) {
                best = k;
            }
        }
        double scale = 0;
        for (int k = 0; k < 3; k++) {
            scale = Math.max(scale, Math.abs(eig.getEigenvalue(k).getReal()));
        }
        double[] out = {0, 0, 0};
        int tied = 0;
        for (int k = 0; k < 3; k++) {
            double gap = eig.getEigenvalue(k).getReal() - eig.getEigenvalue(best).getReal();
            if (gap <= 1e-9 * Math.max(scale, 1e-300)) {
                DMatrixRMaj v = eig.getEigenVector(k);
                double[] e = unit(v.get(0), v.get(1), v.get(2));
                tied++;
                double proj = e[0] * previous[0] + e[1] * previous[1] + e[2] * previous[2];
                for (int j = 0; j < 3; j++) {
                    out[j] += e[j] * proj;
                }
            }
        }
        double n = Math.sqrt(out[0] * out[0] + out[1] * out[1] + out[2] * out[2]);
        if (tied > 1 && n > 1e-6) {
            return new double[] {out[0] / n, out[1] / n, out[2] / n};
        }
        DMatrixRMaj v = eig.getEigenVector(best);
        return unit(v.get(0), v.get(1), v.get(2));
    }

    private static double[] unit(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }
}
