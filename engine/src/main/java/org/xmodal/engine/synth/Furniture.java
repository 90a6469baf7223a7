package org.xmodal.engine.synth;

import java.util.List;
import java.util.SplittableRandom;

/** Builds a model of a furniture class by name: the one place that maps class names to shapes. */
final class Furniture {
    /** Every class the generator can build: all 19 of the NYUD2 detection benchmark. */
    static final List<String> CLASSES = List.of("bathtub", "bed", "bookshelf", "box", "chair", "counter", "desk",
            "door", "dresser", "garbage-bin", "lamp", "monitor", "night-stand", "pillow", "sink", "sofa", "table",
            "television", "toilet");

    private Furniture() {
    }

    /**
     * @param onFurniture whether it will stand on another object (a lamp is then a table lamp, a sink a basin)
     */
    static FurnitureModel make(String className, SplittableRandom rng, SceneKind kind, boolean onFurniture) {
        return switch (className) {
            case "bathtub" -> FixturesAndDevices.bathtub(rng);
            case "bed" -> BedsAndSeats.bed(rng);
            case "bookshelf" -> TablesAndCases.bookshelf(rng);
            case "box" -> TablesAndCases.box(rng);
            case "chair" -> BedsAndSeats.chair(rng);
            case "counter" -> TablesAndCases.counter(rng);
            case "desk" -> TablesAndCases.desk(rng);
            case "door" -> FixturesAndDevices.door(rng);
            case "dresser" -> TablesAndCases.dresser(rng);
            case "garbage-bin" -> TablesAndCases.garbageBin(rng);
            case "lamp" -> FixturesAndDevices.lamp(rng, onFurniture);
            case "monitor" -> FixturesAndDevices.monitor(rng);
            case "night-stand" -> TablesAndCases.nightStand(rng);
            case "pillow" -> BedsAndSeats.pillow(rng);
            case "sink" -> FixturesAndDevices.sink(rng, onFurniture);
            case "sofa" -> BedsAndSeats.sofa(rng);
            // Living rooms mostly have coffee tables.
            case "table" -> TablesAndCases.table(rng, kind == SceneKind.LIVING_ROOM && rng.nextDouble() < 0.7);
            case "television" -> FixturesAndDevices.television(rng);
            case "toilet" -> FixturesAndDevices.toilet(rng);
            default -> throw new IllegalArgumentException("no model for class '" + className + "'");
        };
    }
}
