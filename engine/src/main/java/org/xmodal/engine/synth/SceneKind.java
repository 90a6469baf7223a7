package org.xmodal.engine.synth;

import java.util.List;
import java.util.Locale;

/**
 * The scene classes, each with its room sizes and its furniture mix. A recipe lists supports before what stands on
 * them; items are placed in recipe order, and an item that finds no room is left out.
 */
enum SceneKind {
    BEDROOM(3.0, 5.5, List.of(
            Item.wall("bed", 1, 1),
            Item.on("pillow", 1, 3, "bed"),
            Item.wall("night-stand", 0, 2),
            Item.on("lamp", 0, 2, "night-stand"),
            Item.wall("dresser", 0, 1),
            Item.on("television", 0, 1, "dresser"),
            Item.wall("desk", 0, 1),
            Item.on("monitor", 0, 1, "desk"),
            Item.at("chair", 0, 1, "desk"),
            Item.wall("bookshelf", 0, 1),
            Item.wall("door", 0, 1),
            Item.anywhere("lamp", 0, 1),
            Item.anywhere("box", 0, 2),
            Item.on("box", 0, 1, "dresser", "desk"),
            Item.anywhere("garbage-bin", 0, 1))),
    LIVING_ROOM(4.0, 7.0, List.of(
            Item.wall("sofa", 1, 2),
            Item.on("pillow", 0, 3, "sofa"),
            Item.floor("table", 1, 1),
            Item.wall("dresser", 0, 1),
            Item.on("television", 0, 1, "dresser", "table"),
            Item.at("chair", 0, 2, "table"),
            Item.wall("bookshelf", 0, 2),
            Item.wall("door", 0, 1),
            Item.anywhere("lamp", 0, 2),
            Item.on("box", 0, 1, "table", "dresser"),
            Item.anywhere("box", 0, 1),
            Item.anywhere("garbage-bin", 0, 1))),
    OFFICE(3.0, 6.0, List.of(
            Item.wall("desk", 1, 2),
            Item.on("monitor", 1, 2, "desk"),
            Item.at("chair", 1, 2, "desk"),
            Item.wall("bookshelf", 0, 2),
            Item.floor("table", 0, 1),
            Item.at("chair", 0, 2, "table"),
            Item.wall("door", 0, 1),
            Item.anywhere("lamp", 0, 1),
            Item.on("box", 0, 1, "desk", "table"),
            Item.anywhere("box", 0, 2),
            Item.anywhere("garbage-bin", 0, 2))),
    BATHROOM(3.0, 4.2, List.of(
            Item.wall("bathtub", 0, 1),
            Item.wall("toilet", 1, 1),
            Item.wall("counter", 0, 1),
            Item.onOrWall("sink", 1, 1, "counter"),
            Item.wall("door", 0, 1),
            Item.anywhere("garbage-bin", 0, 1),
            Item.anywhere("box", 0, 1))),
    KITCHEN(3.0, 6.0, List.of(
            Item.wall("counter", 1, 3),
            Item.on("sink", 1, 1, "counter"),
            Item.on("television", 0, 1, "counter"),
            Item.floor("table", 0, 1),
            Item.at("chair", 0, 4, "table"),
            Item.wall("door", 0, 1),
            Item.anywhere("garbage-bin", 0, 1),
            Item.on("box", 0, 1, "counter", "table"),
            Item.anywhere("box", 0, 1))),
    // The kinds below are drawn only with more than the classic five scene kinds (synth --scene-kinds 10), so
    // that datasets made without it stay byte for byte what they were.
    DINING_ROOM(3.5, 6.0, List.of(
            Item.floor("table", 1, 1),
            Item.at("chair", 3, 6, "table"),
            Item.wall("dresser", 0, 1),
            Item.on("lamp", 0, 1, "dresser"),
            Item.on("box", 0, 1, "table"),
            Item.wall("door", 0, 1),
            Item.anywhere("lamp", 0, 1),
            Item.anywhere("garbage-bin", 0, 1))),
    CLASSROOM(5.0, 8.0, List.of(
            Item.floor("desk", 3, 6),
            Item.at("chair", 3, 6, "desk"),
            Item.wall("table", 0, 1),
            Item.on("monitor", 0, 1, "table"),
            Item.wall("bookshelf", 0, 1),
            Item.wall("door", 1, 1),
            Item.anywhere("garbage-bin", 0, 2))),
    LIBRARY(4.0, 7.0, List.of(
            Item.wall("bookshelf", 3, 5),
            Item.floor("table", 0, 1),
            Item.at("chair", 0, 3, "table"),
            Item.anywhere("lamp", 0, 2),
            Item.on("box", 0, 1, "table"),
            Item.anywhere("box", 0, 1),
            Item.wall("door", 0, 1))),
    CONFERENCE_ROOM(4.0, 7.0, List.of(
            Item.floor("table", 1, 1),
            Item.at("chair", 4, 6, "table"),
            Item.wall("dresser", 0, 1),
            Item.on("television", 0, 1, "dresser"),
            Item.on("monitor", 0, 1, "table"),
            Item.wall("door", 1, 1),
            Item.anywhere("garbage-bin", 0, 1))),
    STUDY(3.0, 5.0, List.of(
            Item.wall("desk", 1, 1),
            Item.on("monitor", 0, 1, "desk"),
            Item.at("chair", 1, 1, "desk"),
            Item.wall("bookshelf", 1, 2),
            Item.wall("sofa", 0, 1),
            Item.on("pillow", 0, 2, "sofa"),
            Item.anywhere("lamp", 0, 1),
            Item.anywhere("box", 0, 2),
            Item.wall("door", 0, 1)));

    /** The kinds drawn by default (the first five); {@code synth --scene-kinds} draws from the first N. */
    static final int CLASSIC = 5;

    private final double minSide;
    private final double maxSide;
    private final List<Item> recipe;

    SceneKind(double minSide, double maxSide, List<Item> recipe) {
        this.minSide = minSide;
        this.maxSide = maxSide;
        this.recipe = recipe;
    }

    /** The name used in annotations and the manifest, as NYU spells its scene types. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    double minSide() {
        return minSide;
    }

    double maxSide() {
        return maxSide;
    }

    List<Item> recipe() {
        return recipe;
    }

    static List<String> ids() {
        return java.util.Arrays.stream(values()).map(SceneKind::id).toList();
    }

    /** The ids of the first {@code n} kinds: the scene classes of a dataset drawn from them. */
    static List<String> ids(int n) {
        return ids().subList(0, n);
    }

    /** Where an item goes. */
    enum Spot {
        /** Back against a wall. */
        WALL,
        /** Free-standing, anywhere on the floor, at any angle. */
        FLOOR,
        /** Against a wall or free-standing, half the time each. */
        ANYWHERE,
        /** Beside a support, facing it (a chair at a table or desk). */
        AT,
        /** On top of a support (a monitor on a desk). */
        ON,
        /** On top of a support, or against a wall when there is none. */
        ON_OR_WALL
    }

    /** Between {@code min} and {@code max} objects of a class, at a kind of spot, next to or on {@code supports}. */
    record Item(String className, int min, int max, Spot spot, List<String> supports) {
        static Item wall(String cls, int min, int max) {
            return new Item(cls, min, max, Spot.WALL, List.of());
        }

        static Item floor(String cls, int min, int max) {
            return new Item(cls, min, max, Spot.FLOOR, List.of());
        }

        static Item anywhere(String cls, int min, int max) {
            return new Item(cls, min, max, Spot.ANYWHERE, List.of());
        }

        static Item at(String cls, int min, int max, String... supports) {
            return new Item(cls, min, max, Spot.AT, List.of(supports));
        }

        static Item on(String cls, int min, int max, String... supports) {
            return new Item(cls, min, max, Spot.ON, List.of(supports));
        }

        static Item onOrWall(String cls, int min, int max, String... supports) {
            return new Item(cls, min, max, Spot.ON_OR_WALL, List.of(supports));
        }
    }
}
