package org.xmodal.engine.data.nyu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.xmodal.engine.image.BadInputException;

/**
 * Reads the real numeric matrices of a MATLAB level-5 MAT-file (what {@code save} writes with -v6 or -v7, the
 * default before v7.3): a 128-byte text header ending in the version and an endian mark, then tagged data
 * elements, each variable an miMATRIX, possibly inside a zlib-compressed miCOMPRESSED element. NYU's official
 * {@code splits.mat} is such a file. Cells, structs, text, sparse and complex variables are skipped.
 */
final class MatV5File {
    private static final String HEADER_START = "MATLAB 5.0 MAT-file";
    private static final int HEADER_SIZE = 128;
    /** A splits file is a few kilobytes; refuse to read anything big into memory. */
    private static final long MAX_BYTES = 64L << 20;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    /** MATLAB array classes from mxDOUBLE_CLASS (6) to mxUINT64_CLASS (15) are numeric. */
    private static final int FIRST_NUMERIC_CLASS = 6;
    private static final int LAST_NUMERIC_CLASS = 15;
    private static final int COMPLEX_FLAG = 0x0800;

    private MatV5File() {
    }

    /** Whether the file starts with a level-5 MAT header (v5, v6 and v7 files all say "MATLAB 5.0"). */
    static boolean hasHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEADER_START.length());
            return HEADER_START.equals(new String(head, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return false;
        }
    }

    /** Every real numeric variable by name, values in MATLAB's column-major order. */
    static Map<String, double[]> numericArrays(Path file) throws BadInputException {
        if (!hasHeader(file)) {
            throw new BadInputException(file, "is not a MATLAB v5/v7 MAT-file (no \"" + HEADER_START + "\" header)");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file, "is " + Files.size(file) + " bytes, too large for a splits file");
            }
            bytes = Files.readAllBytes(file);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage() + ")", e);
        }
        if (bytes.length < HEADER_SIZE) {
            throw new BadInputException(file, "is truncated: a MAT-file header alone is 128 bytes");
        }
        ByteOrder order;
        if (bytes[126] == 'I' && bytes[127] == 'M') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (bytes[126] == 'M' && bytes[127] == 'I') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new BadInputException(file, "has no MAT-file endian mark (MI) at bytes 126-127");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        try {
            readElements(ByteBuffer.wrap(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE).slice().order(order), out);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | DataFormatException e) {
            throw new BadInputException(file.toString(), "is truncated or corrupt (" + e + ")", e);
        }
        return out;
    }

    private static void readElements(ByteBuffer b, Map<String, double[]> out) throws DataFormatException {
        while (b.remaining() >= 8) {
            int type = b.getInt();
            int size = b.getInt();
            ByteBuffer payload = sub(b, size);
            if (type == MI_COMPRESSED) {
                readElements(ByteBuffer.wrap(inflate(payload)).order(b.order()), out);
            } else {
                if (type == MI_MATRIX) {
                    readMatrix(payload, out);
                }
                skipPadding(b, size);
            }
        }
    }

    private static void readMatrix(ByteBuffer m, Map<String, double[]> out) {
        if (!m.hasRemaining()) {
            return; // an empty miMATRIX is an empty array
        }
        double[] flags = element(m);
        int flagWord = (int) flags[0];
        int arrayClass = flagWord & 0xFF;
        element(m); // dimensions: callers here only need the values
        String name = text(m);
        if (arrayClass >= FIRST_NUMERIC_CLASS && arrayClass <= LAST_NUMERIC_CLASS && (flagWord & COMPLEX_FLAG) == 0) {
            out.put(name, element(m));
        }
    }

    private static String text(ByteBuffer m) {
        double[] chars = element(m);
        StringBuilder s = new StringBuilder(chars.length);
        for (double c : chars) {
            s.append((char) c);
        }
        return s.toString();
    }

    /** One data element, in normal or small (at most 4 bytes packed into the tag) format, as doubles. */
    private static double[] element(ByteBuffer b) {
        int tag = b.getInt();
        int type;
        int size;
        ByteBuffer data;
        if ((tag >>> 16) != 0) {
            type = tag & 0xFFFF;
            size = tag >>> 16;
            data = sub(b, 4);
        } else {
            type = tag;
            size = b.getInt();
            data = sub(b, size);
            skipPadding(b, size);
        }
        data.limit(size);
        return values(type, data);
    }

    private static double[] values(int type, ByteBuffer d) {
        int width = switch (type) {
            case 1, 2, 16 -> 1;
            case 3, 4, 17 -> 2;
            case 5, 6, 7, 18 -> 4;
            case 9, 12, 13 -> 8;
            default -> throw new IndexOutOfBoundsException("unsupported MAT data type " + type);
        };
        double[] v = new double[d.remaining() / width];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (type) {
                case 1 -> d.get();
                case 2, 16 -> d.get() & 0xFF;
                case 3 -> d.getShort();
                case 4, 17 -> d.getShort() & 0xFFFF;
                case 5, 18 -> d.getInt();
                case 6 -> d.getInt() & 0xFFFFFFFFL;
                case 7 -> d.getFloat();
                case 9 -> d.getDouble();
                default -> d.getLong(); // 12 and 13: 64-bit integers, exact for any frame index
            };
        }
        return v;
    }

    private static ByteBuffer sub(ByteBuffer b, int size) {
        if (size < 0 || size > b.remaining()) {
            throw new IndexOutOfBoundsException("element of " + size + " bytes with " + b.remaining() + " left");
        }
        ByteBuffer s = b.slice().order(b.order());
        s.limit(size);
        b.position(b.position() + size);
        return s;
    }

    /** Data elements start on 8-byte boundaries; the element sizes do not include the padding. */
    private static void skipPadding(ByteBuffer b, int size) {
        int pad = (8 - size % 8) % 8;
        b.position(Math.min(b.limit(), b.position() + pad));
    }

    private static byte[] inflate(ByteBuffer compressed) throws DataFormatException {
        byte[] input = new byte[compressed.remaining()];
        compressed.get(input);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 4);
            byte[] buf = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("compressed element ends early");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw new DataFormatException("compressed element expands beyond " + MAX_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
