package org.xmodal.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

class InstanceBoxesTest {
    @Test
    void boxIsTheInclusiveExtentOfTheInstancePixels() {
        int w = 20;
        int h = 10;
        int[] ids = new int[w * h];
        for (int y = 2; y <= 7; y++) {
            for (int x = 3; x <= 12; x++) {
                ids[y * w + x] = 1;
            }
        }
        ids[9 * w + 19] = 2;
        List<ObjectAnnotation> boxes = InstanceBoxes.boxes(ids, w, h, List.of("chair", "lamp"));
        // 60 pixels reach the 40-pixel minimum; the lamp's single pixel does not.
        assertEquals(List.of(new ObjectAnnotation("chair", new Box(3, 2, 12, 7), 1)), boxes);
    }

    @Test
    void generatedBoxesAreTightAroundTheirInstancesAndSmallObjectsAreLeftOut() {
        SynthGenerator generator = new SynthGenerator(SynthConfig.of(21, 12));
        int min = InstanceBoxes.minimumPixels(160, 120);
        int annotated = 0;
        for (int i = 0; i < 12; i++) {
            SynthScene s = generator.scene(i);
            int[] ids = s.instances();
            Set<Integer> kept = new HashSet<>();
            for (ObjectAnnotation o : s.annotation().objects()) {
                kept.add(o.instance());
                Box b = o.box();
                int inside = 0;
                boolean[] touches = new boolean[4];
                for (int y = 0; y < 120; y++) {
                    for (int x = 0; x < 160; x++) {
                        if (ids[y * 160 + x] != o.instance()) {
                            continue;
                        }
                        assertTrue(x >= b.x1() && x <= b.x2() && y >= b.y1() && y <= b.y2(), "pixel outside " + b);
                        inside++;
                        touches[0] |= x == b.x1();
                        touches[1] |= x == b.x2();
                        touches[2] |= y == b.y1();
                        touches[3] |= y == b.y2();
                    }
                }
                assertTrue(inside >= min, o + " has only " + inside + " pixels");
                for (boolean t : touches) {
                    assertTrue(t, "every side of " + b + " touches the instance");
                }
                annotated++;
            }
            int[] count = new int[1000];
            for (int id : ids) {
                count[id]++;
            }
            for (int id = 1; id < count.length; id++) {
                if (count[id] > 0 && !kept.contains(id)) {
                    assertTrue(count[id] < min, "instance " + id + " with " + count[id] + " pixels was dropped");
                }
            }
        }
        assertFalse(annotated < 24, "too few objects to test: " + annotated);
    }
}
