package org.xmodal.engine.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.image.RgbImage;

class HierarchicalGroupingTest {
    /** Four 10x10 quadrants: top-left 0, top-right 1, bottom-left 2, bottom-right 3. */
    private static Superpixels quadrants() {
        int[] labels = new int[20 * 20];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                labels[y * 20 + x] = (y < 10 ? 0 : 2) + (x < 10 ? 0 : 1);
            }
        }
        return new Superpixels(20, 20, labels, 4);
    }

    /** Left quadrants red, right ones blue. */
    private static RgbImage leftRedRightBlue() {
        RgbImage img = RgbImage.blank(20, 20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                img.set(x, y, x < 10 ? 200 : 0, 0, x < 10 ? 0 : 200);
            }
        }
        return img;
    }

    @Test
    void everyRegionOfTheHierarchyGivesABoxEndingWithTheWholeImage() {
        List<Box> boxes = HierarchicalGrouping.boxes(quadrants(), leftRedRightBlue(), null,
                new SimilarityCues(true, false, true, true));
        assertEquals(7, boxes.size(), "4 superpixels and 3 merges");
        assertEquals(new Box(0, 0, 9, 9), boxes.get(0));
        assertEquals(new Box(10, 10, 19, 19), boxes.get(3));
        assertEquals(new Box(0, 0, 19, 19), boxes.get(6));
    }

    @Test
    void sameColouredNeighboursMergeFirst() {
        List<Box> boxes = HierarchicalGrouping.boxes(quadrants(), leftRedRightBlue(), null,
                new SimilarityCues(true, false, false, false));
        assertEquals(List.of(new Box(0, 0, 9, 19), new Box(10, 0, 19, 19)), boxes.subList(4, 6),
                "the two columns form before the whole image");
    }

    @Test
    void depthCueGroupsByHhaWhenColourIsUniform() {
        RgbImage grey = RgbImage.blank(20, 20);
        RgbImage hha = RgbImage.blank(20, 20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                hha.set(x, y, x < 10 ? 200 : 60, 0, 0); // near on the left, far on the right
            }
        }
        List<Box> boxes = HierarchicalGrouping.boxes(quadrants(), grey, hha,
                new SimilarityCues(false, true, false, false));
        assertEquals(List.of(new Box(0, 0, 9, 19), new Box(10, 0, 19, 19)), boxes.subList(4, 6),
                "the two columns form before the whole image (with equal similarities the top row would)");
    }
}
