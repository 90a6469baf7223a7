package org.xmodal.engine.transfer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The teacher's features of every (pair, crop position, flip), computed once and kept on disk in half precision,
 * memory-mapped, so that a long transfer runs the teacher only once per input. The file is keyed by a fingerprint
 * of the teacher, its layer, the input transform and the pairs; a slot's first value is written last and a
 * separate flag byte marks it complete, so a run killed mid-write recomputes that slot. Values are always served
 * from the stored half-precision copy, so cached and fresh targets are identical bit for bit.
 */
public final class TeacherFeatureCache implements AutoCloseable {
    private static final int MAX_MAP = 1 << 30;

    private final FileChannel channel;
    private final MappedByteBuffer flags;
    private final MappedByteBuffer[] chunks;
    private final int slotValues;
    private final int slotsPerChunk;
    private final long slots;

    private TeacherFeatureCache(FileChannel channel, long slots, int slotValues) throws IOException {
        this.channel = channel;
        this.slots = slots;
        this.slotValues = slotValues;
        long slotBytes = 2L * slotValues;
        this.slotsPerChunk = (int) Math.max(1, MAX_MAP / slotBytes);
        this.flags = channel.map(FileChannel.MapMode.READ_WRITE, 0, slots);
        int n = (int) ((slots + slotsPerChunk - 1) / slotsPerChunk);
        this.chunks = new MappedByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long first = (long) i * slotsPerChunk;
            long count = Math.min(slotsPerChunk, slots - first);
            chunks[i] = channel.map(FileChannel.MapMode.READ_WRITE, slots + first * slotBytes, count * slotBytes);
            chunks[i].order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Opens (or creates) the cache for {@code fingerprint} with {@code slots} slots of {@code slotValues} values. */
    public static TeacherFeatureCache open(Path root, String fingerprint, long slots, int slotValues)
            throws IOException {
        if (slots < 1 || slots > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("teacher cache needs 1 to 2^31-1 slots, got " + slots);
        }
        Files.createDirectories(root);
        Path file = root.resolve(sha256(fingerprint + "|" + slots + "|" + slotValues) + ".f16");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Files.writeString(root.resolve(file.getFileName() + ".txt"), fingerprint + "\n", StandardCharsets.UTF_8);
        return new TeacherFeatureCache(ch, slots, slotValues);
    }

    public boolean has(long slot) {
        return flags.get((int) checked(slot)) == 1;
    }

    /** Stores a slot's features (rounded to half precision) and marks it complete. */
    public void put(long slot, float[] values, int offset) {
        ShortBuffer s = view(checked(slot));
        for (int i = 0; i < slotValues; i++) {
            s.put(i, HalfFloat.fromFloat(values[offset + i]));
        }
        flags.put((int) slot, (byte) 1);
    }

    /** Reads a complete slot into {@code out} at {@code offset}. */
    public void get(long slot, float[] out, int offset) {
        if (!has(slot)) {
            throw new IllegalStateException("teacher cache slot " + slot + " is empty");
        }
        ShortBuffer s = view(slot);
        for (int i = 0; i < slotValues; i++) {
            out[offset + i] = HalfFloat.toFloat(s.get(i));
        }
    }

    private ShortBuffer view(long slot) {
        MappedByteBuffer chunk = chunks[(int) (slot / slotsPerChunk)];
        int start = (int) ((slot % slotsPerChunk) * 2L * slotValues);
        return chunk.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(start).limit(start + 2 * slotValues)
                .slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }

    private long checked(long slot) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("teacher cache slot " + slot + " of " + slots);
        }
        return slot;
    }

    @Override
    public void close() throws IOException {
        flags.force();
        for (MappedByteBuffer c : chunks) {
            c.force();
        }
        channel.close();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
