package org.xmodal.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;

class GravityOverlayTest {
    private static final CameraIntrinsics CAMERA = CameraIntrinsics.nyuColour().scaledTo(160, 120);

    private static double[] pitchedDown(double degrees) {
        double t = Math.toRadians(degrees);
        return new double[] {0, Math.cos(t), Math.sin(t)};
    }

    @Test
    void levelCameraSeesTheHorizonThroughThePrincipalPoint() {
        GravityOverlay.Segment s = GravityOverlay.horizon(new double[] {0, 1, 0}, CAMERA).orElseThrow();
        assertEquals(CAMERA.cy() - 0.5, s.y1(), 1e-9);
        assertEquals(CAMERA.cy() - 0.5, s.y2(), 1e-9);
        assertEquals(160, s.length(), 1e-9);
    }

    @Test
    void cameraTiltedDownSeesTheHorizonAboveTheCentre() {
        GravityOverlay.Segment s = GravityOverlay.horizon(pitchedDown(10), CAMERA).orElseThrow();
        double expected = CAMERA.cy() - 0.5 - CAMERA.fy() * Math.tan(Math.toRadians(10));
        assertEquals(expected, s.y1(), 1e-6);
        assertTrue(s.y1() < CAMERA.cy());
    }

    @Test
    void cameraLookingSteeplyDownSeesNoHorizon() {
        assertEquals(Optional.empty(), GravityOverlay.horizon(pitchedDown(60), CAMERA));
    }

    @Test
    void rolledCameraSeesATiltedHorizon() {
        double roll = Math.toRadians(8);
        double[] down = {-Math.sin(roll), Math.cos(roll), 0};
        GravityOverlay.Segment s = GravityOverlay.horizon(down, CAMERA).orElseThrow();
        double slope = (s.y2() - s.y1()) / (s.x2() - s.x1());
        assertEquals(Math.tan(roll) * CAMERA.fy() / CAMERA.fx(), Math.abs(slope), 1e-6);
    }

    @Test
    void upArrowOfALevelCameraPointsToTheTopOfTheImage() {
        GravityOverlay.Segment a = GravityOverlay.upArrow(new double[] {0, 1, 0}, CAMERA, 20);
        assertEquals(a.x1(), a.x2(), 1e-9);
        assertEquals(a.y1() - 20, a.y2(), 1e-9);
    }
}
