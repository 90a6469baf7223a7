package org.xmodal.engine.data.nyu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes column vectors to a MATLAB level-5 MAT-file the way {@code save} does by default (-v7): each variable an
 * miMATRIX of class double inside its own zlib-compressed miCOMPRESSED element. Like MATLAB, values that are small
 * whole numbers may be stored as uint16 ({@code asUint16}) while the array stays a double array.
 */
final class MatV5Writer {
    private static final int MI_INT8 = 1;
    private static final int MI_UINT16 = 4;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_DOUBLE = 9;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int MX_DOUBLE_CLASS = 6;

    private MatV5Writer() {
    }

    static void write(Path file, Map<String, double[]> columns, boolean compressed, boolean asUint16)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[128];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, written by the xmodal tests".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        ByteBuffer.wrap(header, 124, 4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0100).put((byte) 'I')
                .put((byte) 'M');
        out.writeBytes(header);
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            byte[] matrix = matrix(e.getKey(), e.getValue(), asUint16);
            out.writeBytes(compressed ? element(MI_COMPRESSED, deflate(matrix), false) : matrix);
        }
        Files.write(file, out.toByteArray());
    }

    private static byte[] matrix(String name, double[] values, boolean asUint16) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(element(MI_UINT32, le(8).putInt(MX_DOUBLE_CLASS).putInt(0).array(), true));
        m.writeBytes(element(MI_INT32, le(8).putInt(values.length).putInt(1).array(), true));
        m.writeBytes(element(MI_INT8, name.getBytes(StandardCharsets.US_ASCII), true));
        if (asUint16) {
            ByteBuffer b = le(2 * values.length);
            for (double v : values) {
                b.putShort((short) v);
            }
            m.writeBytes(element(MI_UINT16, b.array(), true));
        } else {
            ByteBuffer b = le(8 * values.length);
            for (double v : values) {
                b.putDouble(v);
            }
            m.writeBytes(element(MI_DOUBLE, b.array(), true));
        }
        return element(MI_MATRIX, m.toByteArray(), true);
    }

    /** A tagged element; data of up to 4 bytes uses the small format, packed into the tag. */
    private static byte[] element(int type, byte[] data, boolean pad) {
        if (data.length <= 4 && type != MI_MATRIX && type != MI_COMPRESSED) {
            return le(8).putShort((short) type).putShort((short) data.length).put(data).array();
        }
        int padded = pad ? (data.length + 7) & ~7 : data.length;
        return le(8 + padded).putInt(type).putInt(data.length).put(data).array();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
