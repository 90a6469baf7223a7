package org.xmodal.engine.hha;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.CameraPose;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthGenerator;
import org.xmodal.engine.synth.SynthScene;

/**
 * HHA on rendered rooms whose camera pose is known: the estimated gravity and the floor the G channel measures
 * from must agree with the truth, through Kinect-like noise and missing depth. The floor is judged with the
 * floor-plane reference: the reference's lowest point lies 2 to 5 cm below the true floor on such noisy depth.
 */
class HhaOnSyntheticScenesTest {
    private static final int SCENES = 24;

    @Test
    void gravityWithinTwoDegreesAndFloorHeightWithinTwoCentimetres() {
        SynthGenerator gen = new SynthGenerator(SynthConfig.of(77, SCENES).withSize(320, 240));
        CameraIntrinsics cam = gen.intrinsics();
        HhaEncoder encoder = new HhaEncoder();
        List<String> failures = new ArrayList<>();
        int judged = 0;
        for (int i = 0; i < SCENES; i++) {
            SynthScene s = gen.scene(i);
            CameraPose pose = s.annotation().pose().orElseThrow();
            HhaResult r = encoder.encode(s.filledDepth(), s.rawDepth(),
                    HhaConfig.reference(cam).withFloorReference(FloorReference.FLOOR_PLANE));
            double[] up = pose.up();
            double[] est = r.down();
            double cos = -(up[0] * est[0] + up[1] * est[1] + up[2] * est[2]);
            double angle = Math.toDegrees(Math.acos(Math.min(1, cos)));

            // floor pixels from the noise-free depth and the true pose: true height above the floor below 1 cm
            float[] trueHeights = trueHeightsCm(s, cam, pose);
            float[] floorHeights = new float[trueHeights.length];
            int n = 0;
            for (int k = 0; k < trueHeights.length; k++) {
                if (trueHeights[k] < 1 && s.rawDepth().metres()[k] > 0) {
                    floorHeights[n++] = r.heightCm()[k];
                }
            }
            if (n < 500) {
                continue; // too little floor in view for the floor term to mean anything
            }
            judged++;
            float[] f = Arrays.copyOf(floorHeights, n);
            Arrays.sort(f);
            double medianFloor = f[n / 2];
            if (angle > 2 || Math.abs(medianFloor) > 2) {
                failures.add(String.format(Locale.ROOT, "scene %d: gravity off by %.2f deg, floor at %.2f cm", i, angle,
                        medianFloor));
            }
        }
        assertTrue(judged >= SCENES / 2, "only " + judged + " scenes showed enough floor");
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    /** Height above the floor of every pixel's true 3-D point: camera height + up . P. */
    private static float[] trueHeightsCm(SynthScene s, CameraIntrinsics cam, CameraPose pose) {
        float[] z = s.trueDepth().metres();
        float[] h = new float[z.length];
        double[] up = pose.up();
        int w = cam.width();
        for (int k = 0; k < z.length; k++) {
            if (!(z[k] > 0)) {
                h[k] = Float.POSITIVE_INFINITY;
                continue;
            }
            double x = (k % w + 1 - cam.cx()) * z[k] / cam.fx();
            double y = (k / w + 1 - cam.cy()) * z[k] / cam.fy();
            h[k] = (float) (100 * (pose.heightMetres() + up[0] * x + up[1] * y + up[2] * z[k]));
        }
        return h;
    }
}
