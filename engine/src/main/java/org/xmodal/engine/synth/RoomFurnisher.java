package org.xmodal.engine.synth;

import static org.xmodal.engine.synth.ModelBuilder.u;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Furnishes a room after its scene class's recipe: each object against a wall, free-standing, at a table or on
 * another object, by trying random spots until one is clear of everything placed so far.
 */
final class RoomFurnisher {
    private static final int ATTEMPTS = 40;
    /** Free floor kept between neighbouring objects, metres. */
    private static final double GAP = 0.03;
    /** Distance between an object's back and its wall. */
    private static final double WALL_GAP = 0.01;

    private final SplittableRandom rng;
    private final SceneKind kind;
    private final Room room;
    private final List<SceneObject> placed = new ArrayList<>();

    private RoomFurnisher(SplittableRandom rng, SceneKind kind, Room room) {
        this.rng = rng;
        this.kind = kind;
        this.room = room;
    }

    static Scene furnish(SplittableRandom rng, SceneKind kind) {
        Room room = RoomShell.create(rng, kind);
        RoomFurnisher furnisher = new RoomFurnisher(rng, kind, room);
        for (SceneKind.Item item : kind.recipe()) {
            int count = item.min() + rng.nextInt(item.max() - item.min() + 1);
            for (int i = 0; i < count; i++) {
                furnisher.place(item);
            }
        }
        return new Scene(kind, room, furnisher.placed);
    }

    private void place(SceneKind.Item item) {
        SceneKind.Spot spot = item.spot();
        if (spot == SceneKind.Spot.ANYWHERE) {
            spot = rng.nextBoolean() ? SceneKind.Spot.WALL : SceneKind.Spot.FLOOR;
        }
        List<Integer> supports = supports(item);
        if (spot == SceneKind.Spot.ON_OR_WALL) {
            spot = supports.isEmpty() ? SceneKind.Spot.WALL : SceneKind.Spot.ON;
        }
        if ((spot == SceneKind.Spot.ON || spot == SceneKind.Spot.AT) && supports.isEmpty()) {
            return;
        }
        FurnitureModel model = Furniture.make(item.className(), rng, kind, spot == SceneKind.Spot.ON);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SceneObject candidate = switch (spot) {
                case WALL -> againstWall(model);
                case FLOOR -> freeStanding(model);
                case AT -> besides(model, placed.get(supports.get(rng.nextInt(supports.size()))));
                case ON -> onTop(model, supports.get(rng.nextInt(supports.size())));
                default -> throw new IllegalStateException(spot.name());
            };
            if (candidate != null && fits(candidate)) {
                placed.add(candidate);
                return;
            }
        }
    }

    /** Indices of placed objects of the item's support classes (with a top surface when the item goes on one). */
    private List<Integer> supports(SceneKind.Item item) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            SceneObject o = placed.get(i);
            boolean needsTop = item.spot() != SceneKind.Spot.AT;
            if (item.supports().contains(o.className()) && o.support() < 0 && (!needsTop || o.model().top() != null)) {
                out.add(i);
            }
        }
        return out;
    }

    private SceneObject againstWall(FurnitureModel m) {
        double along = rng.nextDouble();
        double fromWall = WALL_GAP - m.minZ();
        double w = room.width();
        double d = room.depth();
        return switch (rng.nextInt(4)) {
            case 0 -> new SceneObject(m, along * w, 0, fromWall, 0, -1);
            case 1 -> new SceneObject(m, w - fromWall, 0, along * d, -Math.PI / 2, -1);
            case 2 -> new SceneObject(m, along * w, 0, d - fromWall, Math.PI, -1);
            default -> new SceneObject(m, fromWall, 0, along * d, Math.PI / 2, -1);
        };
    }

    private SceneObject freeStanding(FurnitureModel m) {
        double x = u(rng, 0.2, room.width() - 0.2);
        double z = u(rng, 0.2, room.depth() - 0.2);
        double yaw = rng.nextBoolean() ? rng.nextInt(4) * Math.PI / 2 + u(rng, -0.15, 0.15)
                : u(rng, -Math.PI, Math.PI);
        return new SceneObject(m, x, 0, z, yaw, -1);
    }

    /** Beside a support, facing it: in front of a desk, on any side of a table. */
    private SceneObject besides(FurnitureModel m, SceneObject support) {
        Footprint f = support.body();
        double c = f.cos();
        double s = f.sin();
        int side = support.className().equals("desk") ? 0 : rng.nextInt(4);
        double[] dir = switch (side) {
            case 0 -> new double[] {s, c};
            case 1 -> new double[] {-s, -c};
            case 2 -> new double[] {c, -s};
            default -> new double[] {-c, s};
        };
        double half = side < 2 ? f.halfZ() : f.halfX();
        double across = side < 2 ? f.halfX() : f.halfZ();
        double offset = half + m.depth() / 2 + u(rng, 0.05, 0.3);
        double lateral = u(rng, -1, 1) * Math.max(0, across - 0.3);
        double x = f.cx() + dir[0] * offset - dir[1] * lateral;
        double z = f.cz() + dir[1] * offset + dir[0] * lateral;
        double yaw = StrictMath.atan2(-dir[0], -dir[1]) + u(rng, -0.25, 0.25);
        return new SceneObject(m, x, 0, z, yaw, -1);
    }

    /** Somewhere on the support's top surface, turned like the support (boxes a little askew). */
    private SceneObject onTop(FurnitureModel m, int supportIndex) {
        SceneObject support = placed.get(supportIndex);
        FurnitureModel.Surface top = support.model().top();
        double x0 = top.x0() - m.minX();
        double x1 = top.x1() - m.maxX();
        double z0 = top.z0() - m.minZ();
        double z1 = top.z1() - m.maxZ();
        if (x1 < x0 || z1 < z0) {
            return null;
        }
        double[] p = support.toWorld(u(rng, x0, x1), top.height(), u(rng, z0, z1));
        double yaw = support.yaw() + (m.className().equals("box") ? u(rng, -0.2, 0.2) : 0);
        return new SceneObject(m, p[0], p[1], p[2], yaw, supportIndex);
    }

    /** Inside the room and clear of every object on the same surface (the floor, or the same support). */
    private boolean fits(SceneObject candidate) {
        Footprint mine = candidate.footprint();
        if (candidate.support() < 0 && !mine.insideRoom(room.width(), room.depth(), WALL_GAP / 2)) {
            return false;
        }
        Footprint grown = mine.grown(GAP);
        for (SceneObject o : placed) {
            if (o.support() == candidate.support() && grown.overlaps(o.footprint())) {
                return false;
            }
        }
        return true;
    }
}
