package org.xmodal.engine.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An event-file reader written from the formats' specifications alone, sharing nothing with the engine's writer (not
 * its CRC, not its generated classes): TFRecord framing with a table-driven CRC-32C (Castagnoli, reflected
 * polynomial 0x82F63B78) masked as TensorFlow masks it, and protobuf's wire format decoded by hand for the fields of
 * {@code Event}, {@code Summary.Value}, {@code Summary.Image} and {@code TensorProto} that TensorBoard reads.
 */
public final class TfEventsParser {
    /** One summary value or file-level event, flattened. */
    public record Entry(double wallTime, long step, String fileVersion, int sessionStatus, String tag,
                        Float simpleValue, byte[] image, int imageWidth, int imageHeight, int colorspace,
                        String text, String plugin, int dtype, int dataClass) {
    }

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private TfEventsParser() {
    }

    static int crc32c(byte[] b, int off, int len) {
        int c = 0xFFFFFFFF;
        for (int i = off; i < off + len; i++) {
            c = TABLE[(c ^ b[i]) & 0xFF] ^ (c >>> 8);
        }
        return ~c;
    }

    static int masked(int crc) {
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    /** Every entry of the file; throws when a CRC is wrong or a record is cut short. */
    public static List<Entry> parse(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int at = b.position();
            long len = b.getLong();
            if (b.getInt() != masked(crc32c(all, at, 8))) {
                throw new IOException("length CRC wrong at " + at + " in " + file);
            }
            int start = b.position();
            if (len > all.length - start - 4) {
                throw new IOException("record cut short at " + at + " in " + file);
            }
            b.position(start + (int) len);
            if (b.getInt() != masked(crc32c(all, start, (int) len))) {
                throw new IOException("data CRC wrong at " + at + " in " + file);
            }
            event(ByteBuffer.wrap(all, start, (int) len).slice(), out);
        }
        return out;
    }

    private static void event(ByteBuffer m, List<Entry> out) {
        double wall = 0;
        long step = 0;
        String version = null;
        int status = 0;
        List<ByteBuffer> summaries = new ArrayList<>();
        while (m.hasRemaining()) {
            long key = varint(m);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> wall = m.order(ByteOrder.LITTLE_ENDIAN).getDouble();
                case 2 -> step = varint(m);
                case 3 -> version = string(bytes(m));
                case 5 -> summaries.add(ByteBuffer.wrap(bytes(m)));
                case 7 -> status = sessionStatus(ByteBuffer.wrap(bytes(m)));
                default -> skip(m, wire);
            }
        }
        if (summaries.isEmpty()) {
            out.add(new Entry(wall, step, version, status, null, null, null, 0, 0, 0, null, null, 0, 0));
        }
        for (ByteBuffer s : summaries) {
            while (s.hasRemaining()) {
                long key = varint(s);
                if (key >>> 3 == 1) {
                    out.add(value(wall, step, ByteBuffer.wrap(bytes(s))));
                } else {
                    skip(s, (int) (key & 7));
                }
            }
        }
    }

    private static Entry value(double wall, long step, ByteBuffer v) {
        String tag = null;
        Float simple = null;
        byte[] image = null;
        int w = 0;
        int h = 0;
        int colorspace = 0;
        String text = null;
        String plugin = null;
        int dtype = 0;
        int dataClass = 0;
        while (v.hasRemaining()) {
            long key = varint(v);
            switch ((int) (key >>> 3)) {
                case 1 -> tag = string(bytes(v));
                case 2 -> simple = v.order(ByteOrder.LITTLE_ENDIAN).getFloat();
                case 4 -> {
                    ByteBuffer img = ByteBuffer.wrap(bytes(v));
                    while (img.hasRemaining()) {
                        long k = varint(img);
                        switch ((int) (k >>> 3)) {
                            case 1 -> h = (int) varint(img);
                            case 2 -> w = (int) varint(img);
                            case 3 -> colorspace = (int) varint(img);
                            case 4 -> image = bytes(img);
                            default -> skip(img, (int) (k & 7));
                        }
                    }
                }
                case 8 -> {
                    ByteBuffer t = ByteBuffer.wrap(bytes(v));
                    while (t.hasRemaining()) {
                        long k = varint(t);
                        switch ((int) (k >>> 3)) {
                            case 1 -> dtype = (int) varint(t);
                            case 8 -> text = string(bytes(t));
                            default -> skip(t, (int) (k & 7));
                        }
                    }
                }
                case 9 -> {
                    ByteBuffer meta = ByteBuffer.wrap(bytes(v));
                    while (meta.hasRemaining()) {
                        long k = varint(meta);
                        if (k >>> 3 == 1) {
                            ByteBuffer pd = ByteBuffer.wrap(bytes(meta));
                            while (pd.hasRemaining()) {
                                long kk = varint(pd);
                                if (kk >>> 3 == 1) {
                                    plugin = string(bytes(pd));
                                } else {
                                    skip(pd, (int) (kk & 7));
                                }
                            }
                        } else if (k >>> 3 == 4) {
                            dataClass = (int) varint(meta);
                        } else {
                            skip(meta, (int) (k & 7));
                        }
                    }
                }
                default -> skip(v, (int) (key & 7));
            }
        }
        return new Entry(wall, step, null, 0, tag, simple, image, w, h, colorspace, text, plugin, dtype, dataClass);
    }

    private static int sessionStatus(ByteBuffer m) {
        int status = 0;
        while (m.hasRemaining()) {
            long key = varint(m);
            if (key >>> 3 == 1) {
                status = (int) varint(m);
            } else {
                skip(m, (int) (key & 7));
            }
        }
        return status;
    }

    private static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get() & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if (x < 0x80) {
                return v;
            }
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[(int) varint(b)];
        b.get(out);
        return out;
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void skip(ByteBuffer b, int wire) {
        switch (wire) {
            case 0 -> varint(b);
            case 1 -> b.position(b.position() + 8);
            case 2 -> {
                int length = (int) varint(b); // read before the position is taken
                b.position(b.position() + length);
            }
            case 5 -> b.position(b.position() + 4);
            default -> throw new IllegalStateException("wire type " + wire);
        }
    }
}
