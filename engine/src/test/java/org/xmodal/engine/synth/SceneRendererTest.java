package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;

class SceneRendererTest {
    private static final CameraIntrinsics K = TestScenes.CAMERA;

    @Test
    void floorDepthAlongTheOpticalAxisIsHeightOverSineOfPitch() {
        double height = 1.4;
        double pitch = Math.toRadians(-20);
        SynthCamera camera = new SynthCamera(K, 10, height, 10, 0.3, pitch, 0);
        RenderedFrame frame = SceneRenderer.render(TestScenes.emptyScene(20, 20, 3), camera);

        assertEquals(height / Math.sin(Math.toRadians(20)), frame.depth()[40 * K.width() + 50], 1e-4);
        // Below the principal point, row j looks down by atan((j + 1 - cy) / fy) more.
        for (int row = 45; row < K.height(); row += 5) {
            double b = (row + 1 - K.cy()) / K.fy();
            double expected = height / (b * Math.cos(pitch) - Math.sin(pitch));
            assertEquals(expected, frame.depth()[row * K.width() + 50], 1e-5 * expected, "row " + row);
            assertEquals(0, frame.instances()[row * K.width() + 50], "the floor belongs to no object");
        }
    }

    @Test
    void instancesAloneAreTheFullRendersInstances() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(31);
        Scene scene = RoomFurnisher.furnish(rng, SceneKind.BEDROOM);
        SynthCamera camera = CameraPlacer.place(rng, scene, CameraIntrinsics.nyuColour().scaledTo(64, 48));
        int[] instances = SceneRenderer.instances(scene, camera);
        assertArrayEquals(SceneRenderer.render(scene, camera).instances(), instances);
        assertTrue(java.util.Arrays.stream(instances).distinct().count() > 2, "the camera sees some objects");
    }

    @Test
    void upVectorFollowsPitchAndRoll() {
        double pitch = Math.toRadians(-17);
        double roll = Math.toRadians(4.5);
        SynthCamera camera = new SynthCamera(K, 3, 1.5, 3, 1.1, pitch, roll);
        double[] expected = {Math.sin(roll) * Math.cos(pitch), -Math.cos(roll) * Math.cos(pitch), Math.sin(pitch)};
        assertArrayEquals(expected, camera.pose().up(), 1e-12);
        assertEquals(-17, camera.pose().pitchDegrees(), 1e-9);
        assertEquals(4.5, camera.pose().rollDegrees(), 1e-9);
        assertEquals(1.5, camera.pose().heightMetres(), 1e-12);
        assertArrayEquals(new double[] {0, -1, 0}, new SynthCamera(K, 3, 1.5, 3, 2.0, 0, 0).pose().up(), 1e-12);
    }

    @Test
    void floorSeenInTheDepthMapIsPerpendicularToUpAndHeightBelowTheCamera() {
        SynthCamera camera = new SynthCamera(K, 4, 1.3, 2, -0.7, Math.toRadians(-25), Math.toRadians(-5));
        RenderedFrame frame = SceneRenderer.render(TestScenes.emptyScene(8, 8, 2.7), camera);
        // Three floor pixels far apart, back-projected with the 1-based principal point.
        double[] a = backProject(frame, 10, 70);
        double[] b = backProject(frame, 90, 70);
        double[] c = backProject(frame, 50, 55);
        double[] n = normalise(cross(sub(b, a), sub(c, a)));
        if (dot(n, a) > 0) {
            n = new double[] {-n[0], -n[1], -n[2]};
        }
        double[] up = camera.pose().up();
        assertTrue(dot(n, up) > Math.cos(Math.toRadians(0.05)), "floor normal " + List.of(n[0], n[1], n[2]));
        assertEquals(1.3, -dot(n, a), 1e-4, "distance from the camera to the floor plane");
    }

    @Test
    void objectCoversTheFloorBehindItAndReportsItsInstance() {
        Material red = Material.plain(0.8f, 0.1f, 0.1f);
        FurnitureModel cube = new ModelBuilder("box").block(red, -0.25, 0, -0.25, 0.25, 0.5, 0.25).build();
        Scene scene = new Scene(SceneKind.OFFICE, TestScenes.emptyRoom(6, 6, 2.6),
                List.of(new SceneObject(cube, 3, 0, 4, 0.4, -1)));
        // Level camera at the height of the cube's middle, 2 m in front of its centre.
        SynthCamera camera = new SynthCamera(K, 3, 0.25, 2, 0, 0, 0);
        RenderedFrame frame = SceneRenderer.render(scene, camera);
        int centre = 40 * K.width() + 50;
        assertEquals(1, frame.instances()[centre]);
        // The axis meets the turned cube's face, whose normal is 0.4 rad off the axis, 0.25 / cos 0.4 before its centre.
        double nearest = 2 - 0.25 / Math.cos(0.4);
        assertEquals(nearest, frame.depth()[centre], 1e-4);
        assertTrue((frame.rgb()[3 * centre] & 0xFF) > 2 * (frame.rgb()[3 * centre + 1] & 0xFF), "the cube is red");
    }

    private static double[] backProject(RenderedFrame f, int col, int row) {
        double z = f.depth()[row * f.width() + col];
        assertEquals(0, f.instances()[row * f.width() + col]);
        return new double[] {(col + 1 - K.cx()) * z / K.fx(), (row + 1 - K.cy()) * z / K.fy(), z};
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] normalise(double[] a) {
        double n = Math.sqrt(dot(a, a));
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
