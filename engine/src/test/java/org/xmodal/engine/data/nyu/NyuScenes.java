package org.xmodal.engine.data.nyu;

import java.util.List;
import org.xmodal.engine.image.RgbImage;

/**
 * The three 16 x 12 frames the NYU tests share. Every pixel value says where it is, so a transposed or mirrored
 * read shows: red = 10 x + frame, green = 12 y + frame, blue = 50 frame + 5; depth = 1 + 0.25 x + 0.01 y
 * + 0.5 frame metres (a gradient along x); raw depth is the same with the two leftmost columns missing.
 */
final class NyuScenes {
    static final int W = 16;
    static final int H = 12;
    /** NYU-style label names, 1-based in the label maps. Wall (1), books (5) and floor (6) are not detection classes. */
    static final List<String> NAMES = List.of("wall", "chair", "table", "night stand", "books", "floor",
            "garbage bin", "sofa");
    static final int WALL = 1;
    static final int CHAIR = 2;
    static final int TABLE = 3;
    static final int NIGHT_STAND = 4;
    static final int BOOKS = 5;
    static final int GARBAGE_BIN = 7;
    static final int SOFA = 8;
    /** The bright pixel of frame 1, at row 2, column 13. */
    static final int BRIGHT_ROW = 2;
    static final int BRIGHT_COL = 13;

    private NyuScenes() {
    }

    static NyuMatFixture threeFrames() {
        NyuMatFixture f = new NyuMatFixture(W, H);
        for (int n = 0; n < 3; n++) {
            int[] label = new int[W * H];
            int[] instance = new int[W * H];
            if (n == 0) {
                fill(label, instance, 0, 0, W - 1, H - 1, WALL, 1);
                fill(label, instance, 2, 1, 5, 3, CHAIR, 1);
                fill(label, instance, 10, 6, 13, 8, CHAIR, 2);
                // One table in two pieces: its box spans both.
                fill(label, instance, 0, 8, 3, 10, TABLE, 1);
                fill(label, instance, 7, 10, 8, 11, TABLE, 1);
                fill(label, instance, 14, 0, 15, 1, NIGHT_STAND, 1);
                fill(label, instance, 6, 4, 8, 5, BOOKS, 1);
                fill(label, instance, 12, 3, 12, 3, CHAIR, 0); // labelled but no instance: not an object
                fill(label, instance, 0, 0, 0, 0, 0, 3); // an instance without a label: not an object
            } else if (n == 1) {
                fill(label, instance, 0, 0, W - 1, 5, SOFA, 1);
                fill(label, instance, 15, 11, 15, 11, NAMES.size() + 1, 1); // a label with no name
            } else {
                fill(label, instance, 5, 5, 6, 6, GARBAGE_BIN, 1);
            }
            f.addFrame(image(n), depth(n, false), depth(n, true), label, instance);
        }
        f.names = NAMES;
        f.sceneTypes = List.of("bedroom", "kitchen", "bedroom");
        f.scenes = List.of("bedroom_0001", "kitchen_0002", "bedroom_0001");
        return f;
    }

    static RgbImage image(int frame) {
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.set(x, y, 10 * x + frame, 12 * y + frame, 50 * frame + 5);
            }
        }
        if (frame == 0) {
            img.set(BRIGHT_COL, BRIGHT_ROW, 255, 255, 255);
        }
        return img;
    }

    static float expectedDepth(int frame, int x, int y) {
        return 1f + 0.25f * x + 0.01f * y + 0.5f * frame;
    }

    static float[] depth(int frame, boolean raw) {
        float[] d = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                d[y * W + x] = raw && x < 2 ? 0f : expectedDepth(frame, x, y);
            }
        }
        return d;
    }

    private static void fill(int[] label, int[] instance, int x1, int y1, int x2, int y2, int l, int i) {
        for (int y = y1; y <= y2; y++) {
            for (int x = x1; x <= x2; x++) {
                label[y * W + x] = l;
                instance[y * W + x] = i;
            }
        }
    }
}
