package org.xmodal.engine.data.nyu;

/**
 * Turns one frame's slice of a MATLAB array, as jhdf returns it, into row-major pixels.
 *
 * <p>MATLAB stores arrays column-major and HDF5 reverses the dimensions, so a MATLAB H x W x N array is an HDF5
 * [N][W][H] dataset: within a frame the row index y varies fastest. jhdf hands slices back as nested Java arrays
 * whose element type follows the HDF5 type (unsigned 8- and 16-bit integers are widened to int), so values are
 * first flattened in HDF5 order and then transposed.
 */
final class FrameSlices {
    private FrameSlices() {
    }

    /** All values of a nested primitive array (any integer or floating type), in index order. */
    static float[] flattenFloats(Object nested, int count) {
        float[] out = new float[count];
        int n = walk(nested, (i, v) -> out[i] = (float) v, 0);
        checkCount(n, count);
        return out;
    }

    static double[] flattenDoubles(Object nested, int count) {
        double[] out = new double[count];
        int n = walk(nested, (i, v) -> out[i] = v, 0);
        checkCount(n, count);
        return out;
    }

    /** All values of a nested primitive integer array, in index order. */
    static int[] flattenInts(Object nested, int count) {
        int[] out = new int[count];
        int n = walk(nested, (i, v) -> out[i] = (int) v, 0);
        checkCount(n, count);
        return out;
    }

    /** {@code planes} planes of {@code width} columns of {@code height} values each, to row-major planes. */
    static float[] columnsToRows(float[] columns, int planes, int width, int height) {
        float[] rows = new float[columns.length];
        int plane = width * height;
        for (int p = 0; p < planes; p++) {
            for (int x = 0; x < width; x++) {
                int src = p * plane + x * height;
                for (int y = 0; y < height; y++) {
                    rows[p * plane + y * width + x] = columns[src + y];
                }
            }
        }
        return rows;
    }

    static int[] columnsToRows(int[] columns, int width, int height) {
        int[] rows = new int[columns.length];
        for (int x = 0; x < width; x++) {
            int src = x * height;
            for (int y = 0; y < height; y++) {
                rows[y * width + x] = columns[src + y];
            }
        }
        return rows;
    }

    /** Interleaved RGB bytes from three column-major colour planes [c][x][y]. */
    static byte[] planesToInterleavedRgb(int[] planes, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        int plane = width * height;
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < width; x++) {
                int src = c * plane + x * height;
                for (int y = 0; y < height; y++) {
                    rgb[(y * width + x) * 3 + c] = (byte) planes[src + y];
                }
            }
        }
        return rgb;
    }

    private interface Sink {
        void accept(int index, double value);
    }

    private static int walk(Object array, Sink sink, int start) {
        if (array instanceof float[] a) {
            for (int i = 0; i < a.length; i++) {
                sink.accept(start + i, a[i]);
            }
            return start + a.length;
        } else if (array instanceof int[] a) {
            for (int i = 0; i < a.length; i++) {
                sink.accept(start + i, a[i]);
            }
            return start + a.length;
        } else if (array instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                sink.accept(start + i, a[i]);
            }
            return start + a.length;
        } else if (array instanceof short[] a) {
            for (int i = 0; i < a.length; i++) {
                sink.accept(start + i, a[i]);
            }
            return start + a.length;
        } else if (array instanceof byte[] a) {
            for (int i = 0; i < a.length; i++) {
                sink.accept(start + i, a[i]);
            }
            return start + a.length;
        } else if (array instanceof long[] a) {
            for (int i = 0; i < a.length; i++) {
                sink.accept(start + i, a[i]);
            }
            return start + a.length;
        } else if (array instanceof Object[] a) {
            int next = start;
            for (Object inner : a) {
                next = walk(inner, sink, next);
            }
            return next;
        }
        throw new IllegalArgumentException("not a numeric array: "
                + (array == null ? "null" : array.getClass().getSimpleName()));
    }

    private static void checkCount(int n, int count) {
        if (n != count) {
            throw new IllegalStateException("slice has " + n + " values, expected " + count);
        }
    }

}
