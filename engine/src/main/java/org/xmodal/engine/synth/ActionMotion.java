package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The frames of one action clip: the scene and the camera at each frame, and the objects the action moves. Camera
 * classes keep the room still and move the camera as a whole:
 * <ul>
 *   <li>pan: yaw changes by 1.2-2.5 degrees per frame, either sense;</li>
 *   <li>tilt: pitch changes by 1.2-2.5 degrees per frame, either sense, kept between -75 and +40 degrees (a long
 *       clip that would pass them turns the other way, or turns slower);</li>
 *   <li>zoom: a zoom lens, not a dolly: the focal length is multiplied by 1.04-1.07 per frame (or divided by it)
 *       about the principal point, so every pixel moves radially by 4-7% of its distance from it (3.8-6.6 px
 *       in the corners at 160x120), whatever the
 *       depth; the whole clip stays within a factor of 3. The manifest's intrinsics are those of a clip's first
 *       frame; a zoom clip's later frames have another focal length (the exact flow accounts for it).</li>
 * </ul>
 * Object classes are drawn by {@link ObjectActions}; their camera stands still, or drifts a little when held by
 * hand ({@link #handHeld}): at most 2 mm per frame along each axis and 0.08 degrees of yaw and pitch per frame, at
 * most about 0.7 px per frame at 160x120 for something a metre away (mostly well under half a pixel), below the
 * slowest labelled motion; a drift that would take the camera within 25 cm of furniture or out of the room is
 * dropped.
 *
 * @param movers the indices of the objects the action moves (each with whatever stands on it); empty for camera
 *               classes
 */
record ActionMotion(ActionKind kind, List<Scene> scenes, List<SynthCamera> cameras, List<Integer> movers) {
    static final double MIN_TURN_DEGREES = 1.2;
    static final double MAX_TURN_DEGREES = 2.5;
    static final double MIN_PITCH_DEGREES = -75;
    static final double MAX_PITCH_DEGREES = 40;
    static final double MIN_ZOOM_STEP = 1.04;
    static final double MAX_ZOOM_STEP = 1.07;
    static final double MAX_ZOOM = 3;
    static final double DRIFT_METRES = 0.002;
    static final double DRIFT_DEGREES = 0.08;

    ActionMotion {
        scenes = List.copyOf(scenes);
        cameras = List.copyOf(cameras);
        movers = List.copyOf(movers);
        if (scenes.size() != cameras.size() || scenes.size() < 2) {
            throw new IllegalArgumentException("a clip needs a scene and a camera for each of at least 2 frames");
        }
    }

    /**
     * The motion of a clip of class {@code kind} in {@code scene} seen from {@code camera}, or null when the room
     * does not do, so that the caller draws another room rather than label a clip with a motion it does not show.
     * Every class, camera classes too, takes only rooms in which any class could be shown (see
     * {@link ObjectActions#suitsEveryClass}): were camera classes to take any room and approach only rooms with two
     * light objects in view, the room alone would hint at the class.
     */
    static ActionMotion draw(SplittableRandom rng, ActionKind kind, Scene scene, SynthCamera camera, int frames) {
        ObjectActions objects = new ObjectActions(rng, scene, camera, frames);
        if (!objects.suitsEveryClass()) {
            return null;
        }
        return switch (kind) {
            case PAN -> turning(kind, scene, camera, frames, Math.toRadians(turn(rng)), 0);
            case TILT -> turning(kind, scene, camera, frames, 0, Math.toRadians(tilt(rng, camera, frames)));
            case ZOOM -> zooming(scene, camera, frames, zoomStep(rng, frames));
            default -> objects.draw(kind);
        };
    }

    int frames() {
        return scenes.size();
    }

    Scene sceneAt(int t) {
        return scenes.get(t);
    }

    SynthCamera cameraAt(int t) {
        return cameras.get(t);
    }

    /**
     * The same clip filmed by hand: for object classes, the first camera drifts at a constant small speed and turn
     * drawn from {@code rng}; camera classes are returned as they are (their motion is the label). The draws are
     * made either way.
     */
    ActionMotion handHeld(SplittableRandom rng) {
        double[] step = {u(rng, -DRIFT_METRES, DRIFT_METRES), u(rng, -DRIFT_METRES, DRIFT_METRES),
                u(rng, -DRIFT_METRES, DRIFT_METRES)};
        double yawStep = Math.toRadians(u(rng, -DRIFT_DEGREES, DRIFT_DEGREES));
        double pitchStep = Math.toRadians(u(rng, -DRIFT_DEGREES, DRIFT_DEGREES));
        if (kind.movesCamera()) {
            return this;
        }
        SynthCamera first = cameras.get(0);
        List<SynthCamera> drifting = new ArrayList<>();
        for (int t = 0; t < frames(); t++) {
            SynthCamera camera = t == 0 ? first : first.moved(t * step[0], t * step[1], t * step[2])
                    .turned(first.yaw() + t * yawStep, first.pitch() + t * pitchStep, first.roll());
            if (!ObjectActions.isClearSpot(scenes.get(t), camera)) {
                return this;
            }
            drifting.add(camera);
        }
        return new ActionMotion(kind, scenes, drifting, movers);
    }

    /** A turn per frame in degrees, either sense. */
    private static double turn(SplittableRandom rng) {
        double degrees = u(rng, MIN_TURN_DEGREES, MAX_TURN_DEGREES);
        return rng.nextBoolean() ? degrees : -degrees;
    }

    /** A tilt per frame in degrees that keeps the pitch within its limits over the clip. */
    private static double tilt(SplittableRandom rng, SynthCamera camera, int frames) {
        double pitch = Math.toDegrees(camera.pitch());
        return withinLimits(turn(rng), frames - 1, MAX_PITCH_DEGREES - pitch, pitch - MIN_PITCH_DEGREES);
    }

    /** The zoom factor per frame (below 1 zooms out), keeping the clip's total within a factor of {@link #MAX_ZOOM}. */
    private static double zoomStep(SplittableRandom rng, int frames) {
        double log = StrictMath.log(u(rng, MIN_ZOOM_STEP, MAX_ZOOM_STEP));
        double limit = StrictMath.log(MAX_ZOOM);
        return StrictMath.exp(withinLimits(rng.nextBoolean() ? log : -log, frames - 1, limit, limit));
    }

    /**
     * A step per frame whose {@code steps} multiples stay within {@code up} above and {@code down} below the start:
     * as drawn when it does, else turned the other way when that does, else slowed to reach the farther limit.
     */
    private static double withinLimits(double step, int steps, double up, double down) {
        double span = Math.abs(step) * steps;
        if (span <= (step > 0 ? up : down)) {
            return step;
        }
        if (span <= (step > 0 ? down : up)) {
            return -step;
        }
        return up >= down ? up / steps : -down / steps;
    }

    private static ActionMotion turning(ActionKind kind, Scene scene, SynthCamera camera, int frames, double yawStep,
                                        double pitchStep) {
        List<SynthCamera> cameras = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            cameras.add(t == 0 ? camera
                    : camera.turned(camera.yaw() + t * yawStep, camera.pitch() + t * pitchStep, camera.roll()));
        }
        return new ActionMotion(kind, still(scene, frames), cameras, List.of());
    }

    private static ActionMotion zooming(Scene scene, SynthCamera camera, int frames, double step) {
        List<SynthCamera> cameras = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            cameras.add(t == 0 ? camera : camera.zoomed(StrictMath.pow(step, t)));
        }
        return new ActionMotion(ActionKind.ZOOM, still(scene, frames), cameras, List.of());
    }

    private static List<Scene> still(Scene scene, int frames) {
        List<Scene> scenes = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            scenes.add(scene);
        }
        return scenes;
    }
}
