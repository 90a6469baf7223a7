package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoomFurnisherTest {
    private static final int ROOMS_PER_KIND = 40;

    @Test
    void furnitureStaysInsideTheRoomAndNeverOverlaps() {
        for (SceneKind kind : SceneKind.values()) {
            for (int seed = 0; seed < ROOMS_PER_KIND; seed++) {
                Scene scene = RoomFurnisher.furnish(new SplittableRandom(seed), kind);
                List<SceneObject> objects = scene.objects();
                for (int i = 0; i < objects.size(); i++) {
                    SceneObject a = objects.get(i);
                    assertTrue(a.model().maxY() + a.y() < scene.room().height(), a.className() + " fits under the ceiling");
                    if (a.support() >= 0) {
                        continue;
                    }
                    assertTrue(a.body().insideRoom(scene.room().width(), scene.room().depth(), 0),
                            kind + " " + seed + ": " + a.className() + " inside the room");
                    for (int j = i + 1; j < objects.size(); j++) {
                        SceneObject b = objects.get(j);
                        if (b.support() < 0) {
                            assertFalse(a.body().overlaps(b.body()),
                                    kind + " " + seed + ": " + a.className() + " overlaps " + b.className());
                        }
                    }
                }
            }
        }
    }

    @Test
    void stackedObjectsStandOnTheirSupportsTopSurface() {
        int stacked = 0;
        for (SceneKind kind : SceneKind.values()) {
            for (int seed = 0; seed < ROOMS_PER_KIND; seed++) {
                Scene scene = RoomFurnisher.furnish(new SplittableRandom(seed), kind);
                for (SceneObject o : scene.objects()) {
                    if (o.support() < 0) {
                        assertEquals(0, o.y(), o.className() + " stands on the floor");
                        continue;
                    }
                    SceneObject support = scene.objects().get(o.support());
                    assertEquals(support.y() + support.model().top().height(), o.y(), 1e-12);
                    double[] c = o.centre();
                    assertTrue(support.body().contains(c[0], c[2]), o.className() + " over its " + support.className());
                    stacked++;
                }
            }
        }
        assertTrue(stacked > 50, "only " + stacked + " stacked objects");
    }

    @Test
    void sceneClassDecidesWhichFurnitureAppearsAndWhatStandsOnWhat() {
        Map<String, Set<SceneKind>> onlyIn = Map.of(
                "bed", Set.of(SceneKind.BEDROOM),
                "toilet", Set.of(SceneKind.BATHROOM),
                "bathtub", Set.of(SceneKind.BATHROOM),
                "sofa", Set.of(SceneKind.LIVING_ROOM, SceneKind.STUDY),
                "counter", Set.of(SceneKind.BATHROOM, SceneKind.KITCHEN));
        Map<String, Set<String>> standsOn = Map.of(
                "monitor", Set.of("desk", "table"),
                "pillow", Set.of("bed", "sofa"),
                "television", Set.of("dresser", "table", "counter"));
        for (SceneKind kind : SceneKind.values()) {
            for (int seed = 0; seed < ROOMS_PER_KIND; seed++) {
                Scene scene = RoomFurnisher.furnish(new SplittableRandom(seed), kind);
                for (SceneObject o : scene.objects()) {
                    Set<SceneKind> kinds = onlyIn.get(o.className());
                    assertTrue(kinds == null || kinds.contains(kind), o.className() + " in a " + kind.id());
                    Set<String> supports = standsOn.get(o.className());
                    if (supports != null) {
                        assertTrue(o.support() >= 0
                                && supports.contains(scene.objects().get(o.support()).className()),
                                o.className() + " on the " + (o.support() < 0 ? "floor"
                                        : scene.objects().get(o.support()).className()));
                    }
                }
            }
        }
    }
}
