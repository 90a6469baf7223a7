package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.FlowField;

/** The exact flow of the action clips' object moves: a rise or drop, and a spin about a vertical line. */
class RigidMotionFlowTest {
    private static final CameraIntrinsics K = CameraIntrinsics.nyuColour().scaledTo(160, 120);

    @Test
    void raisingAnObjectMovesItsPointsStraightUpByTheRise() {
        SceneObject chair = new SceneObject(BedsAndSeats.chair(new SplittableRandom(3)), 1.2, 0, 2.5, 0.4, -1);
        SceneObject raised = chair.raised(0.3);
        double[] local = {0.1, 0.2, -0.05};
        double[] before = chair.toWorld(local[0], local[1], local[2]);
        double[] after = raised.toWorld(local[0], local[1], local[2]);
        assertEquals(before[0], after[0], 1e-12);
        assertEquals(before[1] + 0.3, after[1], 1e-12);
        assertEquals(before[2], after[2], 1e-12);
    }

    @Test
    void turningAboutALineKeepsThatLineAndTheDistancesToIt() {
        SceneObject box = new SceneObject(TablesAndCases.box(new SplittableRandom(4)), 2.0, 0, 1.0, -0.3, -1);
        SceneObject turned = box.turnedAbout(0.5, 1.7, 1.4);
        double[] local = {0.12, 0.1, 0.08};
        double[] before = box.toWorld(local[0], local[1], local[2]);
        double[] after = turned.toWorld(local[0], local[1], local[2]);
        assertEquals(Math.hypot(before[0] - 1.7, before[2] - 1.4), Math.hypot(after[0] - 1.7, after[2] - 1.4), 1e-12);
        assertEquals(before[1], after[1], 1e-12);
        // The same sense as a growing yaw: the object's front (sin yaw, cos yaw) turns with it.
        assertEquals(-0.3 + 0.5, turned.yaw(), 1e-12);
        double[] axisPoint = new SceneObject(box.model(), 1.7, 0, 1.4, 0, -1).turnedAbout(0.5, 1.7, 1.4)
                .toWorld(0, 0, 0);
        assertEquals(1.7, axisPoint[0], 1e-12);
        assertEquals(1.4, axisPoint[2], 1e-12);
    }

    @Test
    void flowOfARisingSpinningObjectIsWhereItsPointsProjectAfterTheMove() {
        SplittableRandom rng = new SplittableRandom(21);
        Scene scene = RoomFurnisher.furnish(rng, SceneKind.OFFICE);
        SynthCamera camera = CameraPlacer.place(rng, scene, K);
        RenderedFrame first = SceneRenderer.render(scene, camera);
        int index = largestFloorObject(scene, first);
        SceneObject object = scene.objects().get(index);
        Footprint body = object.body();
        double angle = Math.toRadians(7);
        double rise = 0.06;
        Scene after = moved(scene, index, o -> o.turnedAbout(angle, body.cx(), body.cz()).raised(rise));
        FlowField flow = GroundTruthFlow.between(first, scene, after, camera);

        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[] p = first.points();
        int checked = 0;
        for (int i = 0; i < first.instances().length; i++) {
            int id = first.instances()[i];
            boolean carried = id > 0 && (id - 1 == index || scene.objects().get(id - 1).support() == index);
            if (!carried) {
                assertEquals(0, flow.u()[i], 1e-9, "still pixel " + i);
                continue;
            }
            double dx = p[3 * i] - body.cx();
            double dz = p[3 * i + 2] - body.cz();
            double[] q = camera.project(body.cx() + c * dx + s * dz, p[3 * i + 1] + rise, body.cz() - s * dx + c * dz);
            int x = i % first.width();
            int y = i / first.width();
            assertEquals(q[0] - x, flow.u()[i], 1e-3, "u at " + x + "," + y);
            assertEquals(q[1] - y, flow.v()[i], 1e-3, "v at " + x + "," + y);
            checked++;
        }
        assertTrue(checked > 200, "only " + checked + " pixels of the object are seen");
    }

    @Test
    void nextFrameWarpedByTheFlowOfALiftAndSpinMatchesTheFirstOnTheObject() {
        SplittableRandom rng = new SplittableRandom(22);
        Scene scene = RoomFurnisher.furnish(rng, SceneKind.LIVING_ROOM);
        SynthCamera camera = CameraPlacer.place(rng, scene, K);
        RenderedFrame first = SceneRenderer.render(scene, camera);
        int index = largestFloorObject(scene, first);
        Footprint body = scene.objects().get(index).body();
        Scene after = moved(scene, index, o -> o.turnedAbout(Math.toRadians(-6), body.cx(), body.cz()).raised(0.05));
        RenderedFrame second = SceneRenderer.render(after, camera);
        FlowField flow = GroundTruthFlow.between(first, scene, after, camera);

        // Only the object's pixels: the rest does not move and would flatter the error.
        int[] ids = first.instances().clone();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ids[i] == index + 1 ? ids[i] : -1;
        }
        GroundTruthFlowTest.Warp exact = GroundTruthFlowTest.Warp.compare(first.image(), ids, second.image(),
                second.instances(), flow);
        GroundTruthFlowTest.Warp none = GroundTruthFlowTest.Warp.compare(first.image(), ids, second.image(),
                second.instances(), FlowField.zeros(flow.width(), flow.height()));
        assertTrue(exact.meanMotion() > 0.5, "the object moves by only " + exact.meanMotion() + " px");
        assertTrue(exact.error() < 3, "photometric error " + exact.error() + " on the object");
        assertTrue(exact.error() < 0.6 * none.error(), "error " + exact.error() + " with the flow, " + none.error()
                + " without");
    }

    /** The floor object covering most pixels. */
    private static int largestFloorObject(Scene scene, RenderedFrame frame) {
        int[] count = new int[scene.objects().size() + 1];
        for (int id : frame.instances()) {
            count[id]++;
        }
        int best = -1;
        for (int o = 0; o < scene.objects().size(); o++) {
            if (scene.objects().get(o).support() < 0 && (best < 0 || count[o + 1] > count[best + 1])) {
                best = o;
            }
        }
        return best;
    }

    /** The scene with object {@code index} and whatever stands on it moved alike. */
    private static Scene moved(Scene scene, int index, java.util.function.UnaryOperator<SceneObject> move) {
        List<SceneObject> objects = new ArrayList<>(scene.objects());
        for (int o = 0; o < objects.size(); o++) {
            if (o == index || objects.get(o).support() == index) {
                objects.set(o, move.apply(objects.get(o)));
            }
        }
        return scene.withObjects(objects);
    }
}
