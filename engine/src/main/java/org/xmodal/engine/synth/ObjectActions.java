package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Draws the object classes' motions. Only light floor objects move (chairs, boxes, bins, tables, floor lamps, with
 * whatever stands on them), and only those that cover at least 2% of the picture (found on a 64x48 preview) with
 * their centre well inside it, so the labelled motion is seen. Speeds are drawn as image speeds, in fractions of the image width per frame at
 * the object's centre, and turned into metres at its depth, so that a far chair moves as visibly as a near one:
 * <ul>
 *   <li>push-left/right: 1.5-3% (2.4-4.8 px at 160x120) along the camera's level right axis, which has no
 *       component along the view, so every pixel of the object moves the labelled way; 2-12 cm per frame;</li>
 *   <li>fall: 1-2% in the first frame, 0.5-1% more in each frame after it; lift is a fall played backwards (it
 *       slows to a stop at the top), from a lowest height of 0-25 cm above the floor in both, so that a single frame
 *       of either shows the same heights; a clip too tall for the room is shrunk to fit under the ceiling;</li>
 *   <li>rotate: the rim (half the body's diagonal from its middle) at 2-4%, 3-15 degrees per frame, either sense,
 *       about the vertical through the middle of the body;</li>
 *   <li>approach: two objects at least 15% of the width apart in the picture slide along the line between them,
 *       each at 1-2%, 1.5-10 cm per frame; kept only when their centres move horizontally towards each other in
 *       the picture.</li>
 * </ul>
 * A move must keep the objects inside the room, off every other floor object and 25 cm from the camera at every
 * frame, and the mover's centre in the picture at the first and last frame; a move that does not is drawn again
 * with the next candidate object, or the other sense where the class allows either. Push directions are never
 * flipped: that would change the class.
 */
final class ObjectActions {
    /** Classes light enough to be moved by hand. */
    static final Set<String> MOVABLE = Set.of("chair", "box", "garbage-bin", "table", "lamp");
    /** A lamp is round about its stem: spinning it hardly shows. */
    private static final Set<String> SPINNABLE = Set.of("chair", "box", "garbage-bin", "table");
    /** Size of the picture that finds which objects are seen: small, and the same whatever the clip's size. */
    static final int PREVIEW_WIDTH = 64;
    static final int PREVIEW_HEIGHT = 48;
    static final double MIN_COVER = 0.02;
    private static final double CAMERA_CLEARANCE = 0.25;
    private static final double CEILING_GAP = 0.05;
    private static final double MAX_LOWEST = 0.25;
    /** How far apart, in image widths, the two objects of an approach are at least. */
    private static final double APART = 0.15;

    private final SplittableRandom rng;
    private final Scene scene;
    private final SynthCamera camera;
    private final int frames;
    /** Per object, the fraction of the preview it covers. */
    private final double[] cover;

    ObjectActions(SplittableRandom rng, Scene scene, SynthCamera camera, int frames) {
        this.rng = rng;
        this.scene = scene;
        this.camera = camera;
        this.frames = frames;
        this.cover = cover(scene, camera);
    }

    /** The fraction of a small picture from {@code camera} that each object's own surface covers. */
    static double[] cover(Scene scene, SynthCamera camera) {
        int[] preview = SceneRenderer.instances(scene, camera.resized(PREVIEW_WIDTH, PREVIEW_HEIGHT));
        double[] cover = new double[scene.objects().size()];
        for (int id : preview) {
            if (id > 0) {
                cover[id - 1] += 1.0 / preview.length;
            }
        }
        return cover;
    }

    /**
     * Whether the room has what the most demanding class needs, two light floor objects well in view and at least
     * {@link #APART} of the picture's width apart; the class's own draw may still fail (a move that collides).
     */
    boolean suitsEveryClass() {
        List<Integer> seen = seen(MOVABLE);
        double width = camera.intrinsics().width();
        for (int i = 0; i < seen.size(); i++) {
            for (int j = i + 1; j < seen.size(); j++) {
                if (Math.abs(column(seen.get(i)) - column(seen.get(j))) >= APART * width) {
                    return true;
                }
            }
        }
        return false;
    }

    ActionMotion draw(ActionKind kind) {
        return switch (kind) {
            case PUSH_LEFT -> push(kind, -1);
            case PUSH_RIGHT -> push(kind, 1);
            case LIFT, FALL -> liftOrFall(kind);
            case ROTATE -> rotate();
            case APPROACH -> approach();
            default -> throw new IllegalArgumentException(kind.id() + " is not an object's motion");
        };
    }

    private ActionMotion push(ActionKind kind, int sign) {
        // The camera's right with no roll: level, and perpendicular to the view (see SynthCamera).
        double rx = -StrictMath.cos(camera.yaw()) * sign;
        double rz = StrictMath.sin(camera.yaw()) * sign;
        for (int root : candidates(MOVABLE)) {
            double step = clamp(u(rng, 0.015, 0.03) * metresPerWidth(root), 0.02, 0.12);
            List<Scene> scenes = path(t -> List.of(new Move(root, t * step * rx, 0, t * step * rz, 0, 0, 0)));
            if (clear(scenes, root) && inView(scenes.get(frames - 1), root)) {
                return motion(kind, scenes, root);
            }
        }
        return null;
    }

    private ActionMotion liftOrFall(ActionKind kind) {
        for (int root : candidates(MOVABLE)) {
            double perWidth = metresPerWidth(root);
            double start = u(rng, 0.01, 0.02) * perWidth;
            double gain = u(rng, 0.005, 0.01) * perWidth;
            double lowest = u(rng, 0, MAX_LOWEST);
            // Heights of the fall at each frame, above its lowest point.
            double[] above = new double[frames];
            for (int t = frames - 2; t >= 0; t--) {
                above[t] = above[t + 1] + start + gain * t;
            }
            double headroom = scene.room().height() - CEILING_GAP - top(root) - lowest;
            if (!(headroom > 0)) {
                continue;
            }
            double shrink = Math.min(1, headroom / above[0]);
            List<Scene> scenes = path(t -> {
                double h = above[kind == ActionKind.FALL ? t : frames - 1 - t];
                return List.of(new Move(root, 0, lowest + shrink * h, 0, 0, 0, 0));
            });
            if (clear(scenes, root) && inView(scenes.get(0), root) && inView(scenes.get(frames - 1), root)) {
                return motion(kind, scenes, root);
            }
        }
        return null;
    }

    private ActionMotion rotate() {
        for (int root : candidates(SPINNABLE)) {
            Footprint body = scene.objects().get(root).body();
            double rim = Math.hypot(body.halfX(), body.halfZ());
            double step = clamp(u(rng, 0.02, 0.04) * metresPerWidth(root) / rim, Math.toRadians(3),
                    Math.toRadians(15));
            double first = rng.nextBoolean() ? step : -step;
            for (double turn : new double[] {first, -first}) {
                List<Scene> scenes = path(t -> List.of(new Move(root, 0, 0, 0, t * turn, body.cx(), body.cz())));
                if (clear(scenes, root) && inView(scenes.get(frames - 1), root)) {
                    return motion(ActionKind.ROTATE, scenes, root);
                }
            }
        }
        return null;
    }

    private ActionMotion approach() {
        List<Integer> candidates = candidates(MOVABLE);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            for (int j = i + 1; j < candidates.size(); j++) {
                pairs.add(new int[] {candidates.get(i), candidates.get(j)});
            }
        }
        shuffle(pairs);
        double width = camera.intrinsics().width();
        for (int[] pair : pairs) {
            int a = pair[0];
            int b = pair[1];
            double[] ca = centre(scene, a);
            double[] cb = centre(scene, b);
            double[] pa = camera.project(ca[0], ca[1], ca[2]);
            double[] pb = camera.project(cb[0], cb[1], cb[2]);
            if (Math.abs(pb[0] - pa[0]) < APART * width) {
                continue;
            }
            double length = Math.hypot(cb[0] - ca[0], cb[2] - ca[2]);
            double dx = (cb[0] - ca[0]) / length;
            double dz = (cb[2] - ca[2]) / length;
            double stepA = clamp(u(rng, 0.01, 0.02) * metresPerWidth(a), 0.015, 0.1);
            double stepB = clamp(u(rng, 0.01, 0.02) * metresPerWidth(b), 0.015, 0.1);
            List<Scene> scenes = path(t -> List.of(new Move(a, t * stepA * dx, 0, t * stepA * dz, 0, 0, 0),
                    new Move(b, -t * stepB * dx, 0, -t * stepB * dz, 0, 0, 0)));
            double towards = Math.signum(pb[0] - pa[0]);
            double[] na = centre(scenes.get(1), a);
            double[] nb = centre(scenes.get(1), b);
            double ua = camera.project(na[0], na[1], na[2])[0] - pa[0];
            double ub = camera.project(nb[0], nb[1], nb[2])[0] - pb[0];
            boolean seenApproaching = ua * towards > 0.004 * width && -ub * towards > 0.004 * width;
            Scene last = scenes.get(frames - 1);
            if (seenApproaching && clear(scenes, a, b) && inView(last, a) && inView(last, b)) {
                return new ActionMotion(ActionKind.APPROACH, scenes, still(), List.of(a, b));
            }
        }
        return null;
    }

    /** One object's rigid move at a frame: a turn about the vertical through (ax, az), then a shift. */
    private record Move(int root, double dx, double dy, double dz, double turn, double ax, double az) {
        SceneObject apply(SceneObject o) {
            SceneObject moved = turn == 0 ? o : o.turnedAbout(turn, ax, az);
            moved = dx == 0 && dz == 0 ? moved : moved.translated(dx, dz);
            return dy == 0 ? moved : moved.raised(dy);
        }
    }

    /** The scenes of every frame, each object of a move carrying whatever stands on it. */
    private List<Scene> path(IntFunction<List<Move>> movesAt) {
        List<Scene> scenes = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            List<SceneObject> objects = new ArrayList<>(scene.objects());
            for (Move m : movesAt.apply(t)) {
                for (int o = 0; o < objects.size(); o++) {
                    if (o == m.root() || objects.get(o).support() == m.root()) {
                        objects.set(o, m.apply(objects.get(o)));
                    }
                }
            }
            scenes.add(scene.withObjects(objects));
        }
        return scenes;
    }

    /** The movable floor objects of the given classes that are seen well enough, in a random order. */
    private List<Integer> candidates(Set<String> classes) {
        List<Integer> out = seen(classes);
        shuffle(out);
        return out;
    }

    /** The floor objects of the given classes that cover enough of the picture with their centre in it. */
    private List<Integer> seen(Set<String> classes) {
        List<Integer> out = new ArrayList<>();
        for (int o = 0; o < scene.objects().size(); o++) {
            SceneObject object = scene.objects().get(o);
            if (object.support() < 0 && classes.contains(object.className()) && cover[o] >= MIN_COVER
                    && inView(scene, o)) {
                out.add(o);
            }
        }
        return out;
    }

    /** The image column of an object's centre. */
    private double column(int o) {
        double[] c = centre(scene, o);
        return camera.project(c[0], c[1], c[2])[0];
    }

    /** Whether the movers stay in the room, clear of the other floor objects and of the camera, at every frame. */
    private boolean clear(List<Scene> scenes, int... roots) {
        Room room = scene.room();
        for (Scene at : scenes) {
            List<SceneObject> objects = at.objects();
            for (int r : roots) {
                Footprint f = objects.get(r).body();
                if (!f.insideRoom(room.width(), room.depth(), 0.005)
                        || f.grown(CAMERA_CLEARANCE).contains(camera.x(), camera.z())) {
                    return false;
                }
                for (int o = 0; o < objects.size(); o++) {
                    boolean other = o != r && objects.get(o).support() < 0;
                    if (other && f.grown(0.01).overlaps(objects.get(o).body())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether a moving camera may pass where {@code camera} is: inside the room, 10 cm from its walls, floor and
     * ceiling, and {@link #CAMERA_CLEARANCE} from every floor object.
     */
    static boolean isClearSpot(Scene at, SynthCamera camera) {
        Room room = at.room();
        double margin = 0.1;
        if (camera.x() < margin || camera.x() > room.width() - margin || camera.z() < margin
                || camera.z() > room.depth() - margin || camera.y() < margin || camera.y() > room.height() - margin) {
            return false;
        }
        for (SceneObject o : at.objects()) {
            if (o.support() < 0 && o.body().grown(CAMERA_CLEARANCE).contains(camera.x(), camera.z())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the centre of object {@code o} is in the middle 90% of the picture, at least 0.5 m away. */
    private boolean inView(Scene at, int o) {
        double[] c = centre(at, o);
        double[] p = camera.project(c[0], c[1], c[2]);
        double w = camera.intrinsics().width();
        double h = camera.intrinsics().height();
        return p[2] > 0.5 && p[0] >= 0.05 * w && p[0] <= 0.95 * w && p[1] >= 0.05 * h && p[1] <= 0.95 * h;
    }

    /** Metres at the object's centre that look one image width wide. */
    private double metresPerWidth(int o) {
        double[] c = centre(scene, o);
        return camera.toCamera(c[0], c[1], c[2])[2] * camera.intrinsics().width() / camera.intrinsics().fx();
    }

    /** The highest point of an object and of what stands on it. */
    private double top(int root) {
        double top = 0;
        for (int o = 0; o < scene.objects().size(); o++) {
            SceneObject object = scene.objects().get(o);
            if (o == root || object.support() == root) {
                top = Math.max(top, object.y() + object.model().maxY());
            }
        }
        return top;
    }

    private ActionMotion motion(ActionKind kind, List<Scene> scenes, int root) {
        return new ActionMotion(kind, scenes, still(), List.of(root));
    }

    private List<SynthCamera> still() {
        List<SynthCamera> cameras = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            cameras.add(camera);
        }
        return cameras;
    }

    private static double[] centre(Scene at, int o) {
        return at.objects().get(o).centre();
    }

    private static double clamp(double value, double lo, double hi) {
        return Math.max(lo, Math.min(hi, value));
    }

    /** Fisher-Yates with the clip's own generator, so the order is the same on every run. */
    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
}
