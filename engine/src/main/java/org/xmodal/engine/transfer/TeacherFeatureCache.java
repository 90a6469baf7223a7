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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.xmodal.engine.image.BadInputException;

/**
 * The teacher's features of every (pair, crop position, flip), computed once and kept on disk in half precision,
 * memory-mapped, so that a long transfer runs the teacher only once per input. The file is keyed by a fingerprint
 * of the teacher, its layer, the input transform and the pairs; a slot's first value is written last and a
 * separate flag byte marks it complete, so a run killed mid-write recomputes that slot. Values are always served
 * from the stored half-precision copy, so cached and fresh targets are identical bit for bit.
 *
 * <p>Shards: the tasks of a cluster's job array (on several nodes, over a shared filesystem) must not write one
 * memory-mapped file, whose pages are written back whole (the last node's page wins). Each task writes a file of
 * its own for a range of slots ({@link #openShard}: {@code <cache>.slots-FROM-TO.f16.part} while it is written, a
 * task killed half-way goes on from it; renamed without {@code .part} by {@link #finish} once its task is done);
 * whoever opens the cache itself (a run, or {@code encode} on one machine) first gathers the slots of every finished
 * shard file into it and removes them, one process at a time (a lock file beside the cache).
 */
public final class TeacherFeatureCache implements AutoCloseable {
    private static final int MAX_MAP = 1 << 30;

    private static final java.util.regex.Pattern SHARD = java.util.regex.Pattern.compile(
            "(.+)\\.slots-(\\d+)-(\\d+)\\.f16");

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer flags;
    private final MappedByteBuffer[] chunks;
    private final int slotValues;
    private final int slotsPerChunk;
    /** The first slot this file holds (0 but for a shard) and how many. */
    private final long first;
    private final long slots;

    private TeacherFeatureCache(Path file, FileChannel channel, long first, long slots, int slotValues)
            throws IOException {
        this.file = file;
        this.channel = channel;
        this.first = first;
        this.slots = slots;
        this.slotValues = slotValues;
        long slotBytes = 2L * slotValues;
        this.slotsPerChunk = (int) Math.max(1, MAX_MAP / slotBytes);
        this.flags = channel.map(FileChannel.MapMode.READ_WRITE, 0, slots);
        int n = (int) ((slots + slotsPerChunk - 1) / slotsPerChunk);
        this.chunks = new MappedByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long start = (long) i * slotsPerChunk;
            long count = Math.min(slotsPerChunk, slots - start);
            chunks[i] = channel.map(FileChannel.MapMode.READ_WRITE, slots + start * slotBytes, count * slotBytes);
            chunks[i].order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Opens (or creates) the cache for {@code fingerprint} with {@code slots} slots of {@code slotValues} values,
     * gathering into it what shard files of it hold.
     */
    public static TeacherFeatureCache open(Path root, String fingerprint, long slots, int slotValues)
            throws IOException {
        Path file = fileOf(root, fingerprint, slots, slotValues);
        TeacherFeatureCache cache = openFile(file, fingerprint, 0, slots, slotValues);
        try {
            cache.gatherShards(file);
        } catch (IOException | RuntimeException e) {
            cache.close();
            throw e;
        }
        return cache;
    }

    /**
     * A shard's own file for slots {@code from} (inclusive) to {@code to} (exclusive) of the cache for
     * {@code fingerprint}; its slots are numbered as the cache's.
     */
    public static TeacherFeatureCache openShard(Path root, String fingerprint, long slots, int slotValues, long from,
                                                long to) throws IOException {
        if (from < 0 || to <= from || to > slots) {
            throw new IllegalArgumentException("a shard of slots " + from + " to " + to + " of " + slots);
        }
        Path done = shardFile(root, fingerprint, slots, slotValues, from, to);
        return openFile(done.resolveSibling(done.getFileName() + ".part"), fingerprint, from, to - from, slotValues);
    }

    /** Where a finished shard of slots {@code from} to {@code to} lies until the cache gathers it. */
    public static Path shardFile(Path root, String fingerprint, long slots, int slotValues, long from, long to) {
        String base = fileOf(root, fingerprint, slots, slotValues).getFileName().toString().replaceFirst("\\.f16$", "");
        return root.resolve(base + ".slots-" + from + "-" + to + ".f16");
    }

    /**
     * Closes a shard in which its task wrote everything it had to (slots the cache held already, or that no run
     * reads, may stay empty) and names it finished (without {@code .part}), for the cache to gather.
     */
    public void finish() throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".part")) {
            throw new IllegalStateException(file + " is not a shard being written");
        }
        close();
        Path done = file.resolveSibling(name.substring(0, name.length() - ".part".length()));
        Files.move(file, done, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path text = file.resolveSibling(name + ".txt");
        if (Files.exists(text)) {
            Files.move(text, done.resolveSibling(done.getFileName() + ".txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Which of slots {@code from}..{@code to} the cache for {@code fingerprint} holds complete (none when it does not
     * exist), read without mapping or changing it: a shard task on one node asks this while others may be writing.
     */
    public static java.util.BitSet completeIn(Path root, String fingerprint, long slots, int slotValues, long from,
                                              long to) throws IOException {
        Path file = fileOf(root, fingerprint, slots, slotValues);
        java.util.BitSet done = new java.util.BitSet();
        if (!Files.isRegularFile(file) || Files.size(file) < slots) {
            return done;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer flagBytes = java.nio.ByteBuffer.allocate(Math.toIntExact(to - from));
            while (flagBytes.hasRemaining() && ch.read(flagBytes, from + flagBytes.position()) >= 0) {
                // read on to the end of the range
            }
            for (int i = 0; i < flagBytes.position(); i++) {
                if (flagBytes.get(i) == 1) {
                    done.set(i);
                }
            }
        }
        return done;
    }

    /** The cache's own file: named by a digest of the fingerprint and the layout. */
    static Path fileOf(Path root, String fingerprint, long slots, int slotValues) {
        if (slots < 1 || slots > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("teacher cache needs 1 to 2^31-1 slots, got " + slots);
        }
        return root.resolve(sha256(fingerprint + "|" + slots + "|" + slotValues) + ".f16");
    }

    /** Maps {@code file}; a fingerprint (null: leave it) is written beside it, for people looking at the folder. */
    private static TeacherFeatureCache openFile(Path file, String fingerprint, long first, long slots,
                                                int slotValues) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (fingerprint != null) {
                Files.writeString(file.resolveSibling(file.getFileName() + ".txt"), fingerprint + "\n",
                        StandardCharsets.UTF_8);
            }
            return new TeacherFeatureCache(file, ch, first, slots, slotValues);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Copies the complete slots of every shard file of this cache that it lacks, then removes the shard files; one
     * process at a time, under a lock beside the cache. Returns how many slots were gathered.
     */
    private long gatherShards(Path file) throws IOException {
        String base = file.getFileName().toString().replaceFirst("\\.f16$", "");
        List<Path> shards = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(file.getParent())) {
            s.filter(p -> {
                java.util.regex.Matcher m = SHARD.matcher(p.getFileName().toString());
                return m.matches() && m.group(1).equals(base);
            }).sorted().forEach(shards::add);
        }
        if (shards.isEmpty()) {
            return 0;
        }
        long gathered = 0;
        try (FileChannel lockFile = FileChannel.open(file.resolveSibling(base + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); java.nio.channels.FileLock lock = lockFile.lock()) {
            for (Path shard : shards) {
                if (!Files.exists(shard)) {
                    continue; // gathered by another process while this one waited for the lock
                }
                java.util.regex.Matcher m = SHARD.matcher(shard.getFileName().toString());
                m.matches();
                long from = Long.parseLong(m.group(2));
                long to = Long.parseLong(m.group(3));
                if (to > slots || from >= to) {
                    throw new BadInputException(shard, "is a teacher cache shard of slots " + from + " to " + to
                            + " but the cache has " + slots + " slots");
                }
                try (TeacherFeatureCache part = openFile(shard, null, from, to - from, slotValues)) {
                    for (long slot = from; slot < to; slot++) {
                        if (part.has(slot) && !has(slot)) {
                            // the stored half-precision values as they are, then the flag
                            view(slot).put(part.view(slot));
                            flags.put((int) (slot - first), (byte) 1);
                            gathered++;
                        }
                    }
                }
                flags.force();
                for (MappedByteBuffer c : chunks) {
                    c.force();
                }
                Files.delete(shard);
                Files.deleteIfExists(shard.resolveSibling(shard.getFileName() + ".txt"));
            }
        }
        return gathered;
    }

    public boolean has(long slot) {
        return flags.get((int) (checked(slot) - first)) == 1;
    }

    /** The first slot this file holds: 0 for a cache, the start of its range for a shard. */
    public long firstSlot() {
        return first;
    }

    /** How many slots this file holds. */
    public long slotCount() {
        return slots;
    }

    /** Stores a slot's features (rounded to half precision) and marks it complete. */
    public void put(long slot, float[] values, int offset) {
        ShortBuffer s = view(checked(slot));
        for (int i = 0; i < slotValues; i++) {
            s.put(i, HalfFloat.fromFloat(values[offset + i]));
        }
        flags.put((int) (slot - first), (byte) 1);
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

    private ShortBuffer view(long globalSlot) {
        long slot = globalSlot - first;
        MappedByteBuffer chunk = chunks[(int) (slot / slotsPerChunk)];
        int start = (int) ((slot % slotsPerChunk) * 2L * slotValues);
        return chunk.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(start).limit(start + 2 * slotValues)
                .slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }

    private long checked(long slot) {
        if (slot < first || slot >= first + slots) {
            throw new IndexOutOfBoundsException("teacher cache slot " + slot + " outside " + first + ".."
                    + (first + slots - 1));
        }
        return slot;
    }

    /** Writes everything back and closes the file; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
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
