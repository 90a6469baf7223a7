package org.xmodal.engine.synth;

import java.util.ArrayList;
import java.util.List;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

/**
 * Ground-truth boxes from an instance-id image: the tight box (0-based, inclusive) of each object's visible pixels,
 * as the NYUD2 benchmark derives its boxes from instance masks. Objects that show too few pixels to be found by a
 * detector are left out of the annotation (their pixels keep their id in the instance image).
 */
final class InstanceBoxes {
    /** At least 0.3% of the image... */
    static final double MIN_FRACTION = 0.003;
    /** ...and never fewer than 40 pixels. */
    static final int MIN_PIXELS = 40;

    private InstanceBoxes() {
    }

    static int minimumPixels(int width, int height) {
        return Math.max(MIN_PIXELS, (int) Math.ceil(MIN_FRACTION * width * height));
    }

    /** One annotation per object with enough visible pixels, in instance-id order. */
    static List<ObjectAnnotation> boxes(int[] instances, int width, int height, List<String> classOfInstance) {
        int ids = classOfInstance.size() + 1;
        int[] count = new int[ids];
        int[] x1 = new int[ids];
        int[] y1 = new int[ids];
        int[] x2 = new int[ids];
        int[] y2 = new int[ids];
        java.util.Arrays.fill(x1, Integer.MAX_VALUE);
        java.util.Arrays.fill(y1, Integer.MAX_VALUE);
        java.util.Arrays.fill(x2, -1);
        java.util.Arrays.fill(y2, -1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int id = instances[y * width + x];
                if (id <= 0) {
                    continue;
                }
                count[id]++;
                x1[id] = Math.min(x1[id], x);
                y1[id] = Math.min(y1[id], y);
                x2[id] = Math.max(x2[id], x);
                y2[id] = Math.max(y2[id], y);
            }
        }
        int min = minimumPixels(width, height);
        List<ObjectAnnotation> out = new ArrayList<>();
        for (int id = 1; id < ids; id++) {
            if (count[id] >= min) {
                out.add(new ObjectAnnotation(classOfInstance.get(id - 1), new Box(x1[id], y1[id], x2[id], y2[id]), id));
            }
        }
        return out;
    }
}
