package org.xmodal.engine.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.xmodal.engine.tensorboard.proto.Event;

/**
 * TensorBoard's event files: TFRecord framing around serialised {@link Event}s. Each record is the data's length
 * (uint64, little-endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data (both
 * uint32, little-endian); a CRC is masked as TensorFlow's {@code crc32c::Mask} does, rotated right by 15 bits plus
 * 0xa282ead8, so that a CRC of data holding CRCs is not degenerate.
 */
public final class EventFile {
    private static final int MASK_DELTA = 0xa282ead8;

    private EventFile() {
    }

    /** The masked CRC-32C (Castagnoli) of {@code length} bytes of {@code b} from {@code offset}. */
    public static int maskedCrc(byte[] b, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** One record of {@code data}, framed. */
    static byte[] record(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc(data, 0, data.length));
        return b.array();
    }

    /** Appends the events to {@code file} (made if missing), each as one record. */
    static void append(Path file, List<Event> events) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
            for (Event e : events) {
                out.write(record(e.toByteArray()));
            }
        }
    }

    /**
     * The events of {@code file}, in order. A record cut short at the end (a writer killed mid-write) ends the
     * list; a record whose CRC does not match, or whose data is not an event, is an error naming the file and
     * the record's offset.
     */
    public static List<Event> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (b.remaining() >= 12) {
            int at = b.position();
            long length = b.getLong();
            int lengthCrc = b.getInt();
            if (lengthCrc != maskedCrc(all, at, 8)) {
                throw new IOException(file + ": the record at byte " + at + " has a length whose CRC does not "
                        + "match (not an event file, or damaged)");
            }
            if (length > b.remaining() - 4L) {
                break; // cut short
            }
            int start = b.position();
            b.position(start + (int) length);
            int dataCrc = b.getInt();
            if (dataCrc != maskedCrc(all, start, (int) length)) {
                throw new IOException(file + ": the record at byte " + at + " has data whose CRC does not match");
            }
            try {
                events.add(Event.parseFrom(ByteBuffer.wrap(all, start, (int) length)));
            } catch (InvalidProtocolBufferException e) {
                throw new IOException(file + ": the record at byte " + at + " is not a TensorBoard event: "
                        + e.getMessage(), e);
            }
        }
        return events;
    }
}
