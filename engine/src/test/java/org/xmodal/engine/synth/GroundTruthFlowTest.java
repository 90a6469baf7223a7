package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

class GroundTruthFlowTest {
    private static final CameraIntrinsics K = CameraIntrinsics.nyuColour().scaledTo(160, 120);

    @Test
    void sidewaysCameraShiftGivesFlowOfMinusFocalTimesShiftOverDepth() {
        SplittableRandom rng = new SplittableRandom(11);
        Scene scene = RoomFurnisher.furnish(rng, SceneKind.LIVING_ROOM);
        SynthCamera first = CameraPlacer.place(rng, scene, K);
        double shift = 0.04;
        double[] right = first.right();
        SynthCamera second = first.moved(shift * right[0], shift * right[1], shift * right[2]);
        RenderedFrame frame = SceneRenderer.render(scene, first);

        FlowField flow = GroundTruthFlow.between(frame, scene, scene, second);
        for (int i = 0; i < frame.depth().length; i++) {
            assertEquals(-K.fx() * shift / frame.depth()[i], flow.u()[i], 1e-3, "u at pixel " + i);
            assertEquals(0, flow.v()[i], 1e-3, "v at pixel " + i);
        }
    }

    @Test
    void aSlidingObjectIsTheOnlyThingThatMovesUnderAStillCamera() {
        SplittableRandom rng = new SplittableRandom(12);
        Scene scene = RoomFurnisher.furnish(rng, SceneKind.OFFICE);
        SynthCamera camera = CameraPlacer.place(rng, scene, K);
        RenderedFrame first = SceneRenderer.render(scene, camera);
        int moving = largestVisibleObject(first);
        List<SceneObject> objects = new ArrayList<>(scene.objects());
        objects.set(moving, objects.get(moving).translated(0.03, -0.02));
        Scene after = scene.withObjects(objects);
        RenderedFrame second = SceneRenderer.render(after, camera);

        FlowField flow = GroundTruthFlow.between(first, scene, after, camera);
        double objectMotion = 0;
        int objectPixels = 0;
        for (int i = 0; i < flow.u().length; i++) {
            if (first.instances()[i] == moving + 1) {
                objectMotion += Math.hypot(flow.u()[i], flow.v()[i]);
                objectPixels++;
            } else {
                assertEquals(0, flow.u()[i], 1e-9);
                assertEquals(0, flow.v()[i], 1e-9);
            }
        }
        assertTrue(objectMotion / objectPixels > 0.3, "the object moves by " + objectMotion / objectPixels + " px");
        Warp warp = Warp.compare(first, second, flow);
        assertTrue(warp.error() < 3, "photometric error " + warp.error());
    }

    @Test
    void nextFrameWarpedByTheFlowReproducesTheFirstWhereNothingIsHidden() {
        SynthGenerator generator = new SynthGenerator(SynthConfig.of(5, 1).withFlow(3, 4));
        for (int s = 0; s < 3; s++) {
            SynthSequence sequence = generator.sequence(s);
            for (int t = 0; t + 1 < sequence.frames().size(); t++) {
                FlowField flow = sequence.flows().get(t);
                String where = "sequence " + s + " frame " + t;
                Warp exact = warp(sequence, t, flow, 1);
                assertTrue(exact.checked() > 0.4, where + ": only " + exact.checked() + " of the pixels compared");
                assertTrue(exact.meanMotion() > 0.5, where + ": flow too small to test, " + exact.meanMotion());
                assertTrue(exact.error() < 2, where + ": photometric error " + exact.error());
                // The flow's length is right: shorter or longer flow explains the next frame worse.
                for (double scale : new double[] {0.8, 1.2}) {
                    double error = warp(sequence, t, flow, scale).error();
                    assertTrue(exact.error() < error, where + ": error " + exact.error() + " with the flow, " + error
                            + " with " + scale + " times the flow");
                }
                double still = warp(sequence, t, flow, 0).error();
                assertTrue(exact.error() < 0.7 * still, where + ": error " + exact.error() + " with the flow, " + still
                        + " without");
            }
        }
    }

    private static Warp warp(SynthSequence sequence, int t, FlowField flow, double scale) {
        float[] u = flow.u().clone();
        float[] v = flow.v().clone();
        for (int i = 0; i < u.length; i++) {
            u[i] *= (float) scale;
            v[i] *= (float) scale;
        }
        return Warp.compare(sequence.frames().get(t), sequence.instances().get(t), sequence.frames().get(t + 1),
                sequence.instances().get(t + 1), new FlowField(flow.width(), flow.height(), u, v));
    }

    private static int largestVisibleObject(RenderedFrame frame) {
        int[] count = new int[1000];
        for (int id : frame.instances()) {
            count[id]++;
        }
        int best = 1;
        for (int id = 1; id < count.length; id++) {
            if (count[id] > count[best]) {
                best = id;
            }
        }
        return best - 1;
    }

    /**
     * Backward warping: the second frame sampled (bilinearly) at x + flow(x), against the first frame at x, over
     * pixels whose 3x3 neighbourhood shows one object in the first frame and whose four source pixels show the same
     * object in the second (elsewhere the point may be hidden, or interpolation straddles an edge).
     *
     * @param error      mean absolute difference in grey levels over the compared pixels and channels
     * @param checked    fraction of pixels compared
     * @param meanMotion mean flow length over the compared pixels
     */
    record Warp(double error, double checked, double meanMotion) {
        static Warp compare(RenderedFrame first, RenderedFrame second, FlowField flow) {
            return compare(first.image(), first.instances(), second.image(), second.instances(), flow);
        }

        static Warp compare(RgbImage first, int[] firstIds, RgbImage second, int[] secondIds, FlowField flow) {
            int w = first.width();
            int h = first.height();
            double error = 0;
            double motion = 0;
            int n = 0;
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int i = y * w + x;
                    int id = firstIds[i];
                    if (!flow.isKnown(i) || !uniform(firstIds, w, x - 1, y - 1, 3, 3, id)) {
                        continue;
                    }
                    double sx = x + flow.u()[i];
                    double sy = y + flow.v()[i];
                    int x0 = (int) Math.floor(sx);
                    int y0 = (int) Math.floor(sy);
                    if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h || !uniform(secondIds, w, x0, y0, 2, 2, id)) {
                        continue;
                    }
                    double fx = sx - x0;
                    double fy = sy - y0;
                    for (int c = 0; c < 3; c++) {
                        double top = second.get(x0, y0, c) * (1 - fx) + second.get(x0 + 1, y0, c) * fx;
                        double bottom = second.get(x0, y0 + 1, c) * (1 - fx) + second.get(x0 + 1, y0 + 1, c) * fx;
                        error += Math.abs(top * (1 - fy) + bottom * fy - first.get(x, y, c));
                    }
                    motion += Math.hypot(flow.u()[i], flow.v()[i]);
                    n++;
                }
            }
            return new Warp(error / (3.0 * Math.max(1, n)), n / (double) (w * h), motion / Math.max(1, n));
        }

        private static boolean uniform(int[] ids, int w, int x0, int y0, int nx, int ny, int id) {
            for (int y = y0; y < y0 + ny; y++) {
                for (int x = x0; x < x0 + nx; x++) {
                    if (ids[y * w + x] != id) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
