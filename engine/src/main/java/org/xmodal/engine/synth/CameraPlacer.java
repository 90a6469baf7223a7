package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.SplittableRandom;
import org.xmodal.engine.data.CameraIntrinsics;

/**
 * Chooses where the camera stands, like a person taking a picture of a room: 1.0-1.8 m high, looking down by 5-30
 * degrees, rolled by up to 6 degrees, standing clear of the furniture near a wall. Of several such spots and
 * directions (the first towards the middle of the furniture) it keeps the view that sees the most objects.
 */
final class CameraPlacer {
    static final double MIN_HEIGHT = 1.0;
    static final double MAX_HEIGHT = 1.8;
    static final double MIN_PITCH_DEGREES = -30;
    static final double MAX_PITCH_DEGREES = -5;
    static final double MAX_ROLL_DEGREES = 6;
    /** Free floor kept around the camera (a person holding it), metres. */
    private static final double CLEARANCE = 0.5;
    private static final int CANDIDATES = 12;
    private static final int ATTEMPTS = 80;
    /** Viewing directions tried at each spot. */
    private static final int YAWS = 6;

    private CameraPlacer() {
    }

    static SynthCamera place(SplittableRandom rng, Scene scene, CameraIntrinsics intrinsics) {
        double height = u(rng, MIN_HEIGHT, MAX_HEIGHT);
        double pitch = Math.toRadians(u(rng, MIN_PITCH_DEGREES, MAX_PITCH_DEGREES));
        double roll = Math.toRadians(u(rng, -MAX_ROLL_DEGREES, MAX_ROLL_DEGREES));
        Room room = scene.room();
        double[] target = furnitureCentre(scene);
        SynthCamera best = null;
        int bestScore = Integer.MIN_VALUE;
        int candidates = 0;
        for (int attempt = 0; attempt < ATTEMPTS && candidates < CANDIDATES; attempt++) {
            double[] p = nearWall(rng, room);
            boolean clear = isClear(scene, p[0], p[1]);
            double towards = StrictMath.atan2(target[0] - p[0], target[1] - p[1]);
            if (!clear) {
                // Kept only when no clear spot turns up at all (a crammed room).
                if (best == null) {
                    best = new SynthCamera(intrinsics, p[0], height, p[1], towards, pitch, roll);
                }
                continue;
            }
            candidates++;
            // Facing the middle of the furniture first, then all around: ties keep the earlier view.
            for (int turn = 0; turn < YAWS; turn++) {
                double yaw = towards + turn * 2 * Math.PI / YAWS + Math.toRadians(u(rng, -20, 20));
                SynthCamera camera = new SynthCamera(intrinsics, p[0], height, p[1], yaw, pitch, roll);
                int score = objectsInView(scene, camera);
                if (score > bestScore) {
                    best = camera;
                    bestScore = score;
                }
            }
        }
        return best;
    }

    /**
     * How many objects have their centre inside the picture at least 0.7 m away, less one for each object whose
     * centre is closer than that (it would hide the room behind it).
     */
    static int objectsInView(Scene scene, SynthCamera camera) {
        CameraIntrinsics k = camera.intrinsics();
        int n = 0;
        for (SceneObject o : scene.objects()) {
            double[] c = o.centre();
            double[] p = camera.project(c[0], c[1], c[2]);
            boolean inside = p[2] > 0 && p[0] >= 0.04 * k.width() && p[0] <= 0.96 * k.width()
                    && p[1] >= 0.04 * k.height() && p[1] <= 0.96 * k.height();
            if (inside) {
                n += p[2] > 0.7 ? 1 : -1;
            }
        }
        return n;
    }

    private static double[] furnitureCentre(Scene scene) {
        double x = 0;
        double z = 0;
        int n = 0;
        for (SceneObject o : scene.objects()) {
            double[] c = o.centre();
            x += c[0];
            z += c[2];
            n++;
        }
        if (n == 0) {
            return new double[] {scene.room().width() / 2, scene.room().depth() / 2};
        }
        return new double[] {x / n, z / n};
    }

    /** A spot 0.4 to 1.5 m from a random wall (less in a small room). */
    private static double[] nearWall(SplittableRandom rng, Room room) {
        double w = room.width();
        double d = room.depth();
        int wall = rng.nextInt(4);
        double reach = Math.min(1.5, (wall % 2 == 0 ? d : w) / 2);
        double from = u(rng, 0.4, reach);
        double along = u(rng, 0.4, (wall % 2 == 0 ? w : d) - 0.4);
        return switch (wall) {
            case 0 -> new double[] {along, from};
            case 1 -> new double[] {w - from, along};
            case 2 -> new double[] {along, d - from};
            default -> new double[] {from, along};
        };
    }

    private static boolean isClear(Scene scene, double x, double z) {
        for (SceneObject o : scene.objects()) {
            if (o.support() < 0 && o.body().grown(CLEARANCE).contains(x, z)) {
                return false;
            }
        }
        return true;
    }
}
