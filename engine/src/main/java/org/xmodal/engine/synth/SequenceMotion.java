package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How a flow sequence moves: a hand-held camera drifting at constant speed (1-4 cm and up to 1.5 degrees of turn
 * per frame) and up to two pieces of light furniture sliding over the floor (2-5 cm per frame, carrying whatever
 * stands on them). Moves that would push an object into another one, out of the room or into the camera are
 * dropped: a move is checked at its end (it is straight and short, so the frames between rarely differ).
 */
final class SequenceMotion {
    /** Classes light enough to be moved during a sequence. */
    private static final Set<String> MOVABLE = Set.of("chair", "box", "garbage-bin", "table", "lamp");

    private final Scene start;
    private final SynthCamera firstCamera;
    private final double[] cameraStep;
    private final double yawStep;
    private final double pitchStep;
    private final double rollStep;
    /** Per object: (dx, dz) per frame; zeros for still objects. */
    private final double[][] objectSteps;

    SequenceMotion(Scene start, SynthCamera firstCamera, double[] cameraStep, double yawStep, double pitchStep,
                   double rollStep, double[][] objectSteps) {
        this.start = start;
        this.firstCamera = firstCamera;
        this.cameraStep = cameraStep.clone();
        this.yawStep = yawStep;
        this.pitchStep = pitchStep;
        this.rollStep = rollStep;
        this.objectSteps = objectSteps.clone();
    }

    static SequenceMotion draw(SplittableRandom rng, Scene scene, SynthCamera camera, int frames) {
        double heading = u(rng, -Math.PI, Math.PI);
        double speed = u(rng, 0.01, 0.04);
        double[] cameraStep = {speed * StrictMath.sin(heading), u(rng, -0.005, 0.005), speed * StrictMath.cos(heading)};
        double yawStep = Math.toRadians(u(rng, -1.5, 1.5));
        double pitchStep = Math.toRadians(u(rng, -0.5, 0.5));
        double rollStep = Math.toRadians(u(rng, -0.3, 0.3));

        List<SceneObject> objects = scene.objects();
        double[][] steps = new double[objects.size()][2];
        List<Integer> movable = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).support() < 0 && MOVABLE.contains(objects.get(i).className())) {
                movable.add(i);
            }
        }
        int moving = Math.min(movable.size(), rng.nextInt(3));
        double[] lastCamera = {camera.x() + (frames - 1) * cameraStep[0], camera.z() + (frames - 1) * cameraStep[2]};
        for (int m = 0; m < moving; m++) {
            int index = movable.remove(rng.nextInt(movable.size()));
            double angle = u(rng, -Math.PI, Math.PI);
            double step = u(rng, 0.02, 0.05);
            double dx = step * StrictMath.sin(angle);
            double dz = step * StrictMath.cos(angle);
            for (int sign : new int[] {1, -1}) {
                if (canMove(scene, steps, frames, index, sign * dx * (frames - 1), sign * dz * (frames - 1),
                        new double[][] {{camera.x(), camera.z()}, lastCamera})) {
                    for (int i = 0; i < objects.size(); i++) {
                        if (i == index || objects.get(i).support() == index) {
                            steps[i][0] = sign * dx;
                            steps[i][1] = sign * dz;
                        }
                    }
                    break;
                }
            }
        }
        return new SequenceMotion(scene, camera, cameraStep, yawStep, pitchStep, rollStep, steps);
    }

    /** The scene at frame t: every object moved by t of its steps. */
    Scene sceneAt(int t) {
        List<SceneObject> moved = new ArrayList<>();
        List<SceneObject> objects = start.objects();
        for (int i = 0; i < objects.size(); i++) {
            moved.add(objectSteps[i][0] == 0 && objectSteps[i][1] == 0 ? objects.get(i)
                    : objects.get(i).translated(t * objectSteps[i][0], t * objectSteps[i][1]));
        }
        return start.withObjects(moved);
    }

    SynthCamera cameraAt(int t) {
        return firstCamera.moved(t * cameraStep[0], t * cameraStep[1], t * cameraStep[2])
                .turned(firstCamera.yaw() + t * yawStep, firstCamera.pitch() + t * pitchStep,
                        firstCamera.roll() + t * rollStep);
    }

    /**
     * Whether object {@code index}, moved by (dx, dz) in all, stays in the room, clear of the camera's first and
     * last spot and clear of the other floor objects where they end up.
     */
    private static boolean canMove(Scene scene, double[][] steps, int frames, int index, double dx, double dz,
                                   double[][] cameraSpots) {
        List<SceneObject> objects = scene.objects();
        Footprint f = objects.get(index).translated(dx, dz).footprint();
        if (!f.insideRoom(scene.room().width(), scene.room().depth(), 0.005)) {
            return false;
        }
        for (double[] spot : cameraSpots) {
            if (f.grown(0.25).contains(spot[0], spot[1])) {
                return false;
            }
        }
        for (int i = 0; i < objects.size(); i++) {
            SceneObject other = objects.get(i);
            if (i == index || other.support() >= 0) {
                continue;
            }
            Footprint theirs = other.translated(steps[i][0] * (frames - 1), steps[i][1] * (frames - 1)).footprint();
            if (f.grown(0.01).overlaps(theirs)) {
                return false;
            }
        }
        return true;
    }
}
