package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;

/** The limits that keep long clips and hand-held cameras sensible. */
class ActionMotionTest {
    private static final CameraIntrinsics K = CameraIntrinsics.nyuColour().scaledTo(64, 48);

    @Test
    void aLongTiltKeepsThePitchWithinItsLimitsAndStillTilts() {
        for (long seed = 0; seed < 20; seed++) {
            List<SynthCamera> cameras = camerasOf(ActionKind.TILT, seed, 99);
            double first = Math.toDegrees(cameras.get(0).pitch());
            double last = Math.toDegrees(cameras.get(98).pitch());
            assertTrue(last >= ActionMotion.MIN_PITCH_DEGREES - 1e-9 && last <= ActionMotion.MAX_PITCH_DEGREES + 1e-9,
                    "seed " + seed + ": pitch " + last);
            // The pitch starts between -30 and -5 degrees: the farther limit is at least 45 degrees away.
            assertTrue(Math.abs(last - first) > 44, "seed " + seed + ": tilts by " + (last - first) + " degrees");
        }
    }

    @Test
    void aLongZoomStaysWithinAFactorOfThree() {
        for (long seed = 0; seed < 20; seed++) {
            double factor = camerasOf(ActionKind.ZOOM, seed, 99).get(98).intrinsics().fx() / K.fx();
            assertTrue(factor <= 3 + 1e-9 && factor >= 1 / 3.0 - 1e-9, "seed " + seed + ": x" + factor);
            assertTrue(Math.abs(Math.log(factor)) > Math.log(2), "seed " + seed + ": x" + factor);
        }
    }

    @Test
    void aLongFallIsShrunkToFitUnderTheCeiling() {
        ActionClipGenerator generator = new ActionClipGenerator(SynthConfig.of(2, 1).withSize(64, 48)
                .withFlow(0, 40).withActions(3, 0));
        for (int clip = 0; clip < 3; clip++) {
            ActionMotion fall = generator.motion(ActionKind.FALL, clip, false);
            int mover = fall.movers().get(0);
            SceneObject top = fall.sceneAt(0).objects().get(mover);
            assertTrue(top.y() + top.model().maxY() <= fall.sceneAt(0).room().height() - 0.05 + 1e-9,
                    "clip " + clip + " starts at " + top.y() + " m");
            assertTrue(top.y() > fall.sceneAt(39).objects().get(mover).y(), "clip " + clip + " falls");
        }
    }

    @Test
    void aHandHeldCameraDriftsOnlyWhereItMayStand() {
        Scene scene = TestScenes.emptyScene(4, 4, 2.6);
        SynthCamera middle = new SynthCamera(K, 2, 1.4, 2, 0, -0.2, 0);
        ActionMotion still = new ActionMotion(ActionKind.PUSH_LEFT, List.of(scene, scene, scene),
                List.of(middle, middle, middle), List.of());
        ActionMotion drifting = still.handHeld(new SplittableRandom(1));
        assertEquals(middle, drifting.cameraAt(0));
        assertNotEquals(middle.x(), drifting.cameraAt(2).x());

        SynthCamera atTheWall = new SynthCamera(K, 0.05, 1.4, 2, 0, -0.2, 0);
        ActionMotion cramped = new ActionMotion(ActionKind.PUSH_LEFT, List.of(scene, scene, scene),
                List.of(atTheWall, atTheWall, atTheWall), List.of());
        assertSame(cramped, cramped.handHeld(new SplittableRandom(1)));

        ActionMotion pan = new ActionMotion(ActionKind.PAN, List.of(scene, scene), List.of(middle, middle), List.of());
        assertSame(pan, pan.handHeld(new SplittableRandom(1)), "a camera class's motion is its label");
    }

    /** The cameras of a camera-class clip drawn in a furnished room that suits every class. */
    private static List<SynthCamera> camerasOf(ActionKind kind, long seed, int frames) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int room = 0; room < 200; room++) {
            Scene scene = RoomFurnisher.furnish(rng, SceneKind.LIVING_ROOM);
            SynthCamera camera = CameraPlacer.place(rng, scene, K);
            ActionMotion motion = ActionMotion.draw(rng, kind, scene, camera, frames);
            if (motion != null) {
                assertEquals(frames, motion.frames());
                return motion.cameras();
            }
        }
        throw new AssertionError("no room for " + kind.id());
    }
}
