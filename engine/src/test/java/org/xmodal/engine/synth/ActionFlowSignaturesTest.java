package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.image.FlowField;

/**
 * Each action class shows in the exact flow as its label says, on every pair of several clips: the camera classes
 * over the whole picture, the object classes on the moved objects' pixels (with the camera held still, so
 * everything else has no flow at all).
 */
class ActionFlowSignaturesTest {
    private static final int CLIPS = 3;
    private static final SynthConfig CONFIG = SynthConfig.of(11, 1).withSize(80, 60).withFlow(0, 3)
            .withActions(CLIPS, 0);
    private static final ActionClipGenerator GENERATOR = new ActionClipGenerator(CONFIG);
    /** 0.5% of the width per frame: 0.8 px at 160x120. */
    private static final double VISIBLE = 0.005 * CONFIG.width();

    @Test
    void panMovesThePictureSidewaysOneWay() {
        forEachPair(ActionKind.PAN, (clip, t, flow) -> {
            Stats s = Stats.of(flow, i -> true);
            assertTrue(s.sameSignU() > 0.98, "u shares its sign on " + s.sameSignU());
            assertTrue(s.mostlyHorizontal() > 0.95, "|u| > 2|v| on " + s.mostlyHorizontal());
            assertTrue(s.meanLength() > 2 * VISIBLE, "mean flow " + s.meanLength());
        });
    }

    @Test
    void tiltMovesThePictureUpOrDown() {
        forEachPair(ActionKind.TILT, (clip, t, flow) -> {
            Stats s = Stats.of(flow, i -> true);
            assertTrue(s.sameSignV() > 0.98, "v shares its sign on " + s.sameSignV());
            assertTrue(s.mostlyVertical() > 0.95, "|v| > 2|u| on " + s.mostlyVertical());
            assertTrue(s.meanLength() > 2 * VISIBLE, "mean flow " + s.meanLength());
        });
    }

    @Test
    void zoomMovesEveryPixelAlongItsRayFromThePrincipalPoint() {
        forEachPair(ActionKind.ZOOM, (clip, t, flow) -> {
            CameraIntrinsics k = GENERATOR.motion(ActionKind.ZOOM, clip, false).cameraAt(t).intrinsics();
            int outwards = 0;
            int inwards = 0;
            int w = flow.width();
            for (int i = 0; i < w * flow.height(); i++) {
                double dx = i % w - (k.cx() - 1);
                double dy = i / w - (k.cy() - 1);
                double r = Math.hypot(dx, dy);
                if (r < 3) {
                    continue;
                }
                double radial = (flow.u()[i] * dx + flow.v()[i] * dy) / r;
                double across = (flow.u()[i] * dy - flow.v()[i] * dx) / r;
                assertEquals(0, across, 1e-3, "flow across the ray at pixel " + i);
                outwards += radial > 0 ? 1 : 0;
                inwards += radial < 0 ? 1 : 0;
            }
            assertTrue(Math.min(outwards, inwards) == 0 && outwards + inwards > 0.9 * w * flow.height(),
                    outwards + " pixels move out, " + inwards + " in");
        });
    }

    @Test
    void pushLeftAndRightMoveTheObjectTheLabelledWayAndNothingElse() {
        for (ActionKind kind : new ActionKind[] {ActionKind.PUSH_LEFT, ActionKind.PUSH_RIGHT}) {
            double sign = kind == ActionKind.PUSH_RIGHT ? 1 : -1;
            forEachObjectPair(kind, (object, flow) -> {
                Stats s = Stats.of(flow, object);
                assertEquals(1.0, s.share(i -> sign * flow.u()[i] > 0), kind.id() + ": u's sign on the object");
                assertTrue(s.meanLength() > 2 * VISIBLE, kind.id() + ": object moves " + s.meanLength());
            });
        }
    }

    @Test
    void liftMovesTheObjectUpAndFallDownAndFaster() {
        for (ActionKind kind : new ActionKind[] {ActionKind.LIFT, ActionKind.FALL}) {
            double sign = kind == ActionKind.FALL ? 1 : -1;
            forEachObjectPair(kind, (object, flow) -> {
                Stats s = Stats.of(flow, object);
                assertEquals(1.0, s.share(i -> sign * flow.v()[i] > 0), kind.id() + ": v's sign on the object");
                assertTrue(s.meanLength() > VISIBLE, kind.id() + ": object moves " + s.meanLength());
            });
        }
        // With 3 frames: the fall's second step is longer than its first, the lift's shorter.
        for (int clip = 0; clip < CLIPS; clip++) {
            double[] fall = objectSteps(ActionKind.FALL, clip);
            double[] lift = objectSteps(ActionKind.LIFT, clip);
            assertTrue(fall[1] > fall[0], "fall " + Arrays.toString(fall));
            assertTrue(lift[1] < lift[0], "lift " + Arrays.toString(lift));
        }
    }

    @Test
    void rotateMovesTheObjectBothWays() {
        forEachObjectPair(ActionKind.ROTATE, (object, flow) -> {
            Stats s = Stats.of(flow, object);
            double bothU = Math.min(s.share(i -> flow.u()[i] > 0.05), s.share(i -> flow.u()[i] < -0.05));
            double bothV = Math.min(s.share(i -> flow.v()[i] > 0.05), s.share(i -> flow.v()[i] < -0.05));
            assertTrue(Math.max(bothU, bothV) > 0.05, "the lesser sign of u on " + bothU + ", of v on " + bothV);
            assertTrue(s.meanLength() > VISIBLE, "object moves " + s.meanLength());
        });
    }

    @Test
    void approachMovesTwoObjectsTowardsEachOther() {
        for (int clip = 0; clip < CLIPS; clip++) {
            SynthSequence sequence = GENERATOR.clip(ActionKind.APPROACH, clip, false);
            ActionMotion motion = GENERATOR.motion(ActionKind.APPROACH, clip, false);
            assertEquals(2, motion.movers().size());
            for (int t = 0; t < sequence.flows().size(); t++) {
                FlowField flow = sequence.flows().get(t);
                int[] ids = sequence.instances().get(t);
                double[] meanU = new double[2];
                double[] meanX = new double[2];
                for (int m = 0; m < 2; m++) {
                    int[] mover = {motion.movers().get(m)};
                    Stats s = Stats.of(flow, i -> ids[i] - 1 == mover[0]);
                    meanU[m] = s.meanU();
                    meanX[m] = s.meanX();
                    assertTrue(s.pixels() > 0, "object " + mover[0] + " is seen");
                }
                String where = "clip " + clip + " pair " + t + ": u " + Arrays.toString(meanU) + " at x "
                        + Arrays.toString(meanX);
                assertTrue(meanU[0] * meanU[1] < 0, where);
                // the one on the left moves right
                assertTrue((meanX[1] - meanX[0]) * meanU[0] > 0, where);
                assertNothingElseMoves(flow, ids, motion);
            }
        }
    }

    @Test
    void aHandHeldCameraDriftsFarLessThanTheObjectMoves() {
        for (int clip = 0; clip < CLIPS; clip++) {
            SynthSequence sequence = GENERATOR.clip(ActionKind.PUSH_RIGHT, clip);
            ActionMotion motion = GENERATOR.motion(ActionKind.PUSH_RIGHT, clip, true);
            for (int t = 0; t < sequence.flows().size(); t++) {
                FlowField flow = sequence.flows().get(t);
                int[] ids = sequence.instances().get(t);
                Stats object = Stats.of(flow, i -> moves(motion, ids[i]));
                Stats background = Stats.of(flow, i -> !moves(motion, ids[i]));
                double drift = background.quantileLength(0.95);
                assertTrue(drift > 0, "the camera drifts");
                assertTrue(drift < 0.003 * CONFIG.width(), "drift " + drift + " px");
                assertTrue(object.meanU() > 4 * drift, "object u " + object.meanU() + ", drift " + drift);
            }
        }
    }

    private interface PairCheck {
        void check(int clip, int t, FlowField flow);
    }

    private interface ObjectPairCheck {
        void check(java.util.function.IntPredicate object, FlowField flow);
    }

    private static void forEachPair(ActionKind kind, PairCheck check) {
        for (int clip = 0; clip < CLIPS; clip++) {
            SynthSequence sequence = GENERATOR.clip(kind, clip, false);
            for (int t = 0; t < sequence.flows().size(); t++) {
                check.check(clip, t, sequence.flows().get(t));
            }
        }
    }

    /** Each pair of each clip with the still camera, its moved objects' pixels, after checking nothing else moves. */
    private static void forEachObjectPair(ActionKind kind, ObjectPairCheck check) {
        for (int clip = 0; clip < CLIPS; clip++) {
            SynthSequence sequence = GENERATOR.clip(kind, clip, false);
            ActionMotion motion = GENERATOR.motion(kind, clip, false);
            assertEquals(1, motion.movers().size());
            for (int t = 0; t < sequence.flows().size(); t++) {
                int[] ids = sequence.instances().get(t);
                FlowField flow = sequence.flows().get(t);
                assertNothingElseMoves(flow, ids, motion);
                check.check(i -> moves(motion, ids[i]), flow);
            }
        }
    }

    private static void assertNothingElseMoves(FlowField flow, int[] ids, ActionMotion motion) {
        int seen = 0;
        for (int i = 0; i < ids.length; i++) {
            if (moves(motion, ids[i])) {
                seen++;
            } else {
                assertEquals(0, flow.u()[i], 1e-9, "u at still pixel " + i);
                assertEquals(0, flow.v()[i], 1e-9, "v at still pixel " + i);
            }
        }
        assertTrue(seen > 0.01 * ids.length, "the moved objects cover only " + seen + " pixels");
    }

    /** Whether instance id {@code id} is a moved object or stands on one. */
    private static boolean moves(ActionMotion motion, int id) {
        if (id <= 0) {
            return false;
        }
        int support = motion.sceneAt(0).objects().get(id - 1).support();
        return motion.movers().contains(id - 1) || motion.movers().contains(support);
    }

    /** The mean flow length on the moved objects in each pair of a still-camera clip. */
    private static double[] objectSteps(ActionKind kind, int clip) {
        SynthSequence sequence = GENERATOR.clip(kind, clip, false);
        ActionMotion motion = GENERATOR.motion(kind, clip, false);
        double[] steps = new double[sequence.flows().size()];
        for (int t = 0; t < steps.length; t++) {
            int[] ids = sequence.instances().get(t);
            steps[t] = Stats.of(sequence.flows().get(t), i -> moves(motion, ids[i])).meanLength();
        }
        return steps;
    }

    /** Flow statistics over the pixels a predicate picks. */
    private record Stats(FlowField flow, int[] picked) {
        static Stats of(FlowField flow, java.util.function.IntPredicate pick) {
            int[] picked = java.util.stream.IntStream.range(0, flow.width() * flow.height())
                    .filter(i -> flow.isKnown(i) && pick.test(i)).toArray();
            return new Stats(flow, picked);
        }

        int pixels() {
            return picked.length;
        }

        double share(java.util.function.IntPredicate p) {
            return Arrays.stream(picked).filter(p).count() / (double) Math.max(1, picked.length);
        }

        double sameSignU() {
            return Math.max(share(i -> flow.u()[i] > 0), share(i -> flow.u()[i] < 0));
        }

        double sameSignV() {
            return Math.max(share(i -> flow.v()[i] > 0), share(i -> flow.v()[i] < 0));
        }

        double mostlyHorizontal() {
            return share(i -> Math.abs(flow.u()[i]) > 2 * Math.abs(flow.v()[i]));
        }

        double mostlyVertical() {
            return share(i -> Math.abs(flow.v()[i]) > 2 * Math.abs(flow.u()[i]));
        }

        double meanLength() {
            return Arrays.stream(picked).mapToDouble(i -> Math.hypot(flow.u()[i], flow.v()[i])).average().orElse(0);
        }

        double meanU() {
            return Arrays.stream(picked).mapToDouble(i -> flow.u()[i]).average().orElse(0);
        }

        double meanX() {
            return Arrays.stream(picked).mapToDouble(i -> i % flow.width()).average().orElse(0);
        }

        double quantileLength(double q) {
            double[] lengths = Arrays.stream(picked).mapToDouble(i -> Math.hypot(flow.u()[i], flow.v()[i]))
                    .sorted().toArray();
            return lengths.length == 0 ? 0 : lengths[(int) Math.min(lengths.length - 1, q * lengths.length)];
        }
    }
}
