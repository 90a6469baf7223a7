package org.xmodal.engine.data.nyu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xmodal.engine.data.nyu.MatV73Writer.DataType;
import org.xmodal.engine.image.RgbImage;

/**
 * A small file in the layout of NYU's {@code nyu_depth_v2_labeled.mat}: frames of any size, each array stored as
 * MATLAB's -v7.3 save stores an H x W (x 3) x N array, i.e. as HDF5 [N](3)[W][H] with rows varying fastest.
 * Frames are given row-major, as people think of images; the fixture transposes them.
 */
final class NyuMatFixture {
    final int width;
    final int height;
    final List<RgbImage> rgb = new ArrayList<>();
    final List<float[]> depths = new ArrayList<>();
    final List<float[]> rawDepths = new ArrayList<>();
    final List<int[]> labels = new ArrayList<>();
    final List<int[]> instances = new ArrayList<>();
    List<String> names = List.of();
    List<String> sceneTypes = List.of();
    List<String> scenes = List.of();
    /** Datasets to leave out of the file. */
    final Set<String> omitted = new HashSet<>();
    /** Width the depths are written with; another width than the images' makes a misshapen file. */
    int depthsWidth;
    /** Chunk shapes by dataset; datasets not listed are contiguous. Chunks span frames, as MATLAB's may. */
    final Map<String, int[]> chunks = new HashMap<>();

    NyuMatFixture(int width, int height) {
        this.width = width;
        this.height = height;
        this.depthsWidth = width;
        chunks.put(NyuMatFile.IMAGES, new int[] {2, 3, width, height});
        chunks.put(NyuMatFile.LABELS, new int[] {2, width, height});
        chunks.put(NyuMatFile.RAW_DEPTHS, new int[] {1, (width + 1) / 2, height});
    }

    void addFrame(RgbImage image, float[] depth, float[] rawDepth, int[] label, int[] instance) {
        rgb.add(image);
        depths.add(depth);
        rawDepths.add(rawDepth);
        labels.add(label);
        instances.add(instance);
    }

    void write(Path file) throws IOException {
        MatV73Writer w = new MatV73Writer();
        SortedMap<String, Long> refs = new TreeMap<>();
        long[] nameRefs = strings(w, names, refs);
        long[] sceneTypeRefs = strings(w, sceneTypes, refs);
        long[] sceneRefs = strings(w, scenes, refs);
        SortedMap<String, Long> root = new TreeMap<>();
        root.put("#refs#", w.group(refs));
        int n = rgb.size();
        put(w, root, NyuMatFile.NAMES, DataType.objectReference(), new long[] {1, names.size()}, references(nameRefs),
                "cell");
        put(w, root, NyuMatFile.SCENE_TYPES, DataType.objectReference(), new long[] {1, sceneTypes.size()},
                references(sceneTypeRefs), "cell");
        put(w, root, NyuMatFile.SCENES, DataType.objectReference(), new long[] {1, scenes.size()},
                references(sceneRefs), "cell");
        put(w, root, NyuMatFile.IMAGES, DataType.unsigned(1), new long[] {n, 3, width, height}, images(), "uint8");
        put(w, root, NyuMatFile.DEPTHS, DataType.float32(), new long[] {n, depthsWidth, height},
                floats(depths, depthsWidth), "single");
        put(w, root, NyuMatFile.RAW_DEPTHS, DataType.float32(), new long[] {n, width, height},
                floats(rawDepths, width), "single");
        put(w, root, NyuMatFile.LABELS, DataType.unsigned(2), new long[] {n, width, height}, ints(labels, 2), "uint16");
        put(w, root, NyuMatFile.INSTANCES, DataType.unsigned(1), new long[] {n, width, height}, ints(instances, 1),
                "uint8");
        w.write(file, w.group(root));
    }

    private void put(MatV73Writer w, SortedMap<String, Long> root, String name, DataType type, long[] dims,
                     byte[] data, String matlabClass) {
        if (!omitted.contains(name)) {
            root.put(name, w.dataset(type, dims, data, chunks.get(name), Map.of("MATLAB_class", matlabClass)));
        }
    }

    /** Each string as a MATLAB 1 x n char row: uint16 code units in an HDF5 [n][1] dataset under #refs#. */
    private static long[] strings(MatV73Writer w, List<String> values, SortedMap<String, Long> refs) {
        long[] addresses = new long[values.size()];
        for (int i = 0; i < values.size(); i++) {
            String s = values.get(i);
            ByteBuffer b = ByteBuffer.allocate(2 * s.length()).order(ByteOrder.LITTLE_ENDIAN);
            s.chars().forEach(c -> b.putShort((short) c));
            addresses[i] = w.dataset(DataType.unsigned(2), new long[] {s.length(), 1}, b.array(), null,
                    Map.of("MATLAB_class", "char"));
            refs.put(refName(refs.size()), addresses[i]);
        }
        return addresses;
    }

    /** MATLAB names #refs# entries a, b, ..., z, ba, bb, ... */
    private static String refName(int i) {
        StringBuilder s = new StringBuilder();
        do {
            s.insert(0, (char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return s.toString();
    }

    private static byte[] references(long[] addresses) {
        ByteBuffer b = ByteBuffer.allocate(8 * addresses.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long a : addresses) {
            b.putLong(a);
        }
        return b.array();
    }

    private byte[] images() {
        byte[] out = new byte[rgb.size() * 3 * width * height];
        for (int n = 0; n < rgb.size(); n++) {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < width; x++) {
                    for (int y = 0; y < height; y++) {
                        out[((n * 3 + c) * width + x) * height + y] = (byte) rgb.get(n).get(x, y, c);
                    }
                }
            }
        }
        return out;
    }

    /** Frames as [n][x][y], keeping the first {@code columns} columns of each. */
    private byte[] floats(List<float[]> frames, int columns) {
        ByteBuffer b = ByteBuffer.allocate(4 * frames.size() * columns * height).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] f : frames) {
            for (int x = 0; x < columns; x++) {
                for (int y = 0; y < height; y++) {
                    b.putFloat(f[y * width + x]);
                }
            }
        }
        return b.array();
    }

    private byte[] ints(List<int[]> frames, int bytes) {
        ByteBuffer b = ByteBuffer.allocate(bytes * frames.size() * width * height).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] f : frames) {
            for (int x = 0; x < width; x++) {
                for (int y = 0; y < height; y++) {
                    int v = f[y * width + x];
                    if (bytes == 1) {
                        b.put((byte) v);
                    } else {
                        b.putShort((short) v);
                    }
                }
            }
        }
        return b.array();
    }
}
