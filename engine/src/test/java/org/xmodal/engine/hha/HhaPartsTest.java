package org.xmodal.engine.hha;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.DepthMap;

class HhaPartsTest {
    private static final CameraIntrinsics CAM = CameraIntrinsics.nyuColour().scaledTo(160, 120);

    /** Depth of the plane n.p = d (camera coordinates, metres) seen through CAM, NaN where the ray misses it. */
    static DepthMap plane(double[] n, double d) {
        float[] m = new float[CAM.width() * CAM.height()];
        for (int r = 0; r < CAM.height(); r++) {
            for (int c = 0; c < CAM.width(); c++) {
                double rx = (c + 1 - CAM.cx()) / CAM.fx();
                double ry = (r + 1 - CAM.cy()) / CAM.fy();
                double t = d / (n[0] * rx + n[1] * ry + n[2]);
                m[r * CAM.width() + c] = t > 0 ? (float) t : 0f;
            }
        }
        return new DepthMap(CAM.width(), CAM.height(), m);
    }

    @Test
    void pointCloudUsesOneBasedPixelCoordinatesInCentimetres() {
        float[] m = new float[CAM.width() * CAM.height()];
        java.util.Arrays.fill(m, 2f);
        PointCloud pc = PointCloud.fromDepth(new DepthMap(CAM.width(), CAM.height(), m), CAM);
        int c = 10;
        int r = 7;
        int i = r * CAM.width() + c;
        assertEquals((c + 1 - CAM.cx()) * 200 / CAM.fx(), pc.x()[i], 1e-3);
        assertEquals((r + 1 - CAM.cy()) * 200 / CAM.fy(), pc.y()[i], 1e-3);
        assertEquals(200, pc.z()[i], 1e-4);
    }

    @Test
    void normalOfAPlaneIsExactAndPointsAwayFromTheCamera() {
        double[] n = normalize(new double[] {0.2, 0.7, 0.4});
        DepthMap depth = plane(n, 1.5);
        PointCloud pc = PointCloud.fromDepth(depth, CAM);
        NormalEstimator est = new NormalEstimator();
        est.prepare(pc, HhaEncoder.missingMask(depth), CAM.fx(), CAM.fy(), CAM.cx(), CAM.cy());
        NormalField f = est.normals(pc, 3);
        int i = 60 * CAM.width() + 80;
        assertEquals(n[0], f.nx()[i], 1e-4);
        assertEquals(n[1], f.ny()[i], 1e-4);
        assertEquals(n[2], f.nz()[i], 1e-4);
    }

    @Test
    void normalIgnoresMissingPixelsAndIsUndefinedWhenTheWholeWindowIsMissing() {
        double[] n = normalize(new double[] {0, 1, 0.3});
        DepthMap depth = plane(n, 1.2);
        boolean[] missing = new boolean[depth.metres().length];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < missing.length; i++) {
            missing[i] = rnd.nextDouble() < 0.4;
        }
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 20; c++) {
                missing[r * CAM.width() + c] = true;
            }
        }
        PointCloud pc = PointCloud.fromDepth(depth, CAM);
        NormalEstimator est = new NormalEstimator();
        est.prepare(pc, missing, CAM.fx(), CAM.fy(), CAM.cx(), CAM.cy());
        NormalField f = est.normals(pc, 3);
        int inside = 80 * CAM.width() + 100;
        assertEquals(n[1], f.ny()[inside], 1e-4);
        assertFalse(f.isDefined(10 * CAM.width() + 10));
    }

    @Test
    void gravityOfATiltedRoomIsFoundFromFloorAndWallNormals() {
        // a camera pitched down 20 degrees and rolled 5: up in camera coordinates
        double pitch = Math.toRadians(-20);
        double roll = Math.toRadians(5);
        double[] up = {-Math.sin(roll) * Math.cos(pitch), -Math.cos(roll) * Math.cos(pitch), -Math.sin(pitch)};
        up = normalize(new double[] {up[0], up[1], -up[2]});
        double[] wallA = normalize(cross(up, new double[] {1, 0, 0}));
        double[] wallB = normalize(cross(up, wallA));
        int w = 60;
        int h = 40;
        float[] nx = new float[w * h];
        float[] ny = new float[w * h];
        float[] nz = new float[w * h];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < w * h; i++) {
            double[] base = i % 3 == 0 ? new double[] {-up[0], -up[1], -up[2]} : i % 3 == 1 ? wallA : wallB;
            double[] v = normalize(new double[] {base[0] + rnd.nextGaussian() * 0.03, base[1] + rnd.nextGaussian() * 0.03,
                    base[2] + rnd.nextGaussian() * 0.03});
            nx[i] = (float) v[0];
            ny[i] = (float) v[1];
            nz[i] = (float) v[2];
        }
        GravityEstimator.Estimate g = GravityEstimator.estimate(new NormalField(w, h, nx, ny, nz),
                new double[] {45, 15}, new int[] {5, 5});
        double angle = Math.toDegrees(Math.acos(dot(g.up(), up)));
        assertTrue(angle < 0.5, "gravity off by " + angle + " degrees");
        assertTrue(g.down()[1] > 0, "gravity points down the image (y down)");
    }

    @Test
    void rotationTakesTheYAxisOntoGravityAndIsIdentityBelowATenthOfADegree() {
        double[] down = normalize(new double[] {0.1, 0.9, -0.3});
        double[] r = GravityAlignment.rotationFromYAxis(down);
        assertArrayEquals(down, new double[] {r[1], r[4], r[7]}, 1e-12);
        double[] nearlyY = normalize(new double[] {0.001, 1, 0});
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, GravityAlignment.rotationFromYAxis(nearlyY), 0);
    }

    @Test
    void channelsRoundLikeMatlabUint8() {
        assertEquals(3, HhaEncoder.matlabUint8(2.5));
        assertEquals(2, HhaEncoder.matlabUint8(2.49));
        assertEquals(0, HhaEncoder.matlabUint8(-4));
        assertEquals((byte) 255, HhaEncoder.matlabUint8(310));
        assertEquals(0, HhaEncoder.matlabUint8(Double.NaN));
    }

    @Test
    void levelCameraOverAFloorGivesHeightsAngleAndDisparityOfTheReference() {
        // floor 1.4 m below a level camera: y = 1.4 m is the plane (0, 1, 0).p = 1.4
        DepthMap floor = plane(new double[] {0, 1, 0}, 1.4);
        HhaResult res = new HhaEncoder().encode(floor, null, HhaConfig.reference(CAM));
        int i = 110 * CAM.width() + 80;
        assertEquals(0, res.heightCm()[i], 0.5, "floor pixels are at height 0");
        assertEquals(140, res.floorHeightCm(), 0.5);
        assertFalse(res.floorAssumed());
        assertEquals(0, res.angleDegrees()[i], 0.5, "floor normal is parallel to gravity");
        assertEquals(38, res.hha().get(80, 110, 2));
        double zCm = floor.metres()[i] * 100;
        assertEquals(Math.round(31000 / Math.max(zCm, 100)), res.hha().get(80, 110, 0));
        assertEquals(0, res.pitchDegrees(), 0.5);
    }

    @Test
    void floorIsAssumed130CmBelowWhenNothingLiesLowerThan90Cm() {
        // a wall 1.5 m ahead of a level camera: its lowest visible point is about 70 cm below the camera
        DepthMap wall = plane(new double[] {0, 0, 1}, 1.5);
        HhaResult res = new HhaEncoder().encode(wall, null, HhaConfig.reference(CAM));
        assertTrue(res.floorAssumed());
        assertArrayEquals(new double[] {0, 1, 0}, res.down(), 1e-6, "a lone wall keeps the level-camera gravity");
        assertEquals(130, res.floorHeightCm(), 1e-9);
        int row = 60;
        double yCm = (row + 1 - CAM.cy()) * 150 / CAM.fy();
        assertEquals(130 - yCm, res.heightCm()[row * CAM.width() + 80], 0.01,
                "a point level with the camera is 130 cm above the assumed floor");
    }

    @Test
    void configRejectsImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> new HhaConfig(CAM, 0, 10, new double[] {45}, new int[] {5},
                90, 130, 100, 31000, 38, null));
        assertThrows(IllegalArgumentException.class, () -> new HhaConfig(CAM, 3, 10, new double[] {95}, new int[] {5},
                90, 130, 100, 31000, 38, null));
        assertThrows(IllegalArgumentException.class, () -> new HhaConfig(CAM, 3, 10, new double[] {45, 15},
                new int[] {5}, 90, 130, 100, 31000, 38, null));
    }

    static double[] normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
