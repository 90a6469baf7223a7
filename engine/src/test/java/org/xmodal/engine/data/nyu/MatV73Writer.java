package org.xmodal.engine.data.nyu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.Deflater;

/**
 * Writes small HDF5 files in the shape MATLAB's {@code save -v7.3} gives them: a 512-byte MAT header as user block,
 * superblock version 0, version-1 object headers, symbol-table groups (B-tree + local heap), contiguous or chunked
 * (version-1 B-tree index, deflate) datasets, {@code MATLAB_class} attributes and object references for cell arrays.
 *
 * <p>jhdf can write neither object references nor this older file layout, and the real NYU file uses both, so the
 * tests build their files with this writer. Objects are written bottom-up: a dataset or group is written before the
 * group that links it, so every address is known when it is needed. Addresses are relative to the superblock, which
 * is the HDF5 base address.
 */
final class MatV73Writer {
    /** An HDF5 datatype message and the size of one element. */
    record DataType(byte[] message, int elementSize) {
        static DataType unsigned(int bytes) {
            return fixedPoint(bytes, false);
        }

        static DataType fixedPoint(int bytes, boolean signed) {
            ByteBuffer b = le(12).put((byte) 0x10).put((byte) (signed ? 0x08 : 0)).put((byte) 0).put((byte) 0)
                    .putInt(bytes).putShort((short) 0).putShort((short) (8 * bytes));
            return new DataType(b.array(), bytes);
        }

        static DataType float32() {
            ByteBuffer b = le(20).put((byte) 0x11).put((byte) 0x20).put((byte) 31).put((byte) 0).putInt(4)
                    .putShort((short) 0).putShort((short) 32).put((byte) 23).put((byte) 8).put((byte) 0)
                    .put((byte) 23).putInt(127);
            return new DataType(b.array(), 4);
        }

        static DataType objectReference() {
            return new DataType(le(8).put((byte) 0x17).put((byte) 0).put((byte) 0).put((byte) 0).putInt(8).array(), 8);
        }

        static DataType ascii(int length) {
            return new DataType(le(8).put((byte) 0x13).put((byte) 0).put((byte) 0).put((byte) 0).putInt(length).array(),
                    length);
        }
    }

    private static final long UNDEFINED = -1L;
    private static final int USER_BLOCK = 512;
    private static final int SUPERBLOCK_SIZE = 96;
    private static final int GROUP_LEAF_K = 4;
    private static final int GROUP_INTERNAL_K = 16;
    /** Not stored in a version-0 superblock; readers assume HDF5's default. */
    private static final int CHUNK_INTERNAL_K = 32;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** B-tree and heap address of each group written, by object header address. */
    private final Map<Long, long[]> groupTables = new HashMap<>();

    MatV73Writer() {
        body.writeBytes(new byte[SUPERBLOCK_SIZE]);
    }

    /**
     * Writes a dataset and returns its object header address.
     *
     * @param dims      HDF5 dimensions (MATLAB's, reversed)
     * @param data      little-endian elements in HDF5 (C) order, last dimension fastest
     * @param chunkDims chunk shape for a deflated chunked layout, or null for a contiguous one
     */
    long dataset(DataType type, long[] dims, byte[] data, int[] chunkDims, Map<String, String> attributes) {
        long elements = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        if (data.length != elements * type.elementSize()) {
            throw new IllegalArgumentException("data has " + data.length + " bytes for " + elements + " elements");
        }
        List<byte[]> messages = new ArrayList<>();
        messages.add(message(0x0001, dataspace(dims)));
        messages.add(message(0x0003, type.message()));
        messages.add(message(0x0005, new byte[] {2, 2, 2, 0}));
        if (chunkDims == null) {
            long address = append(data);
            messages.add(message(0x0008, le(18).put((byte) 3).put((byte) 1).putLong(address).putLong(data.length)
                    .array()));
        } else {
            long btree = writeChunks(type, dims, data, chunkDims);
            ByteBuffer layout = le(3 + 8 + 4 * (dims.length + 1)).put((byte) 3).put((byte) 2)
                    .put((byte) (dims.length + 1)).putLong(btree);
            for (int c : chunkDims) {
                layout.putInt(c);
            }
            messages.add(message(0x0008, layout.putInt(type.elementSize()).array()));
            messages.add(message(0x000B, le(24).put((byte) 1).put((byte) 1).put(new byte[6]).putShort((short) 1)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 1).putInt(6).putInt(0).array()));
        }
        attributes.forEach((name, value) -> messages.add(message(0x000C, stringAttribute(name, value))));
        return objectHeader(messages);
    }

    /** Writes a group linking {@code children} (name to object header address) and returns its header address. */
    long group(SortedMap<String, Long> children) {
        if (children.size() > 2 * GROUP_LEAF_K * 2 * GROUP_INTERNAL_K) {
            throw new IllegalArgumentException("too many links for a one-level group B-tree: " + children.size());
        }
        ByteArrayOutputStream heapData = new ByteArrayOutputStream();
        heapData.writeBytes(new byte[8]); // offset 0: the empty name that the first B-tree key points to
        List<long[]> entries = new ArrayList<>(); // {name offset, object header}
        for (Map.Entry<String, Long> child : children.entrySet()) {
            entries.add(new long[] {heapData.size(), child.getValue()});
            byte[] name = child.getKey().getBytes(StandardCharsets.US_ASCII);
            heapData.writeBytes(Arrays.copyOf(name, pad8(name.length + 1)));
        }
        long heap = append(le(32).put("HEAP".getBytes(StandardCharsets.US_ASCII)).put(new byte[4])
                .putLong(heapData.size()).putLong(1 /* HDF5's "no free block" */).putLong(nextAddress() + 32).array());
        append(heapData.toByteArray());

        List<Long> nodes = new ArrayList<>();
        List<Long> lastNames = new ArrayList<>();
        int perNode = 2 * GROUP_LEAF_K;
        for (int from = 0; from < entries.size(); from += perNode) {
            List<long[]> part = entries.subList(from, Math.min(entries.size(), from + perNode));
            ByteBuffer snod = le(8 + perNode * 40).put("SNOD".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
                    .put((byte) 0).putShort((short) part.size());
            for (long[] e : part) {
                snod.putLong(e[0]).putLong(e[1]).putInt(0).putInt(0).put(new byte[16]);
            }
            nodes.add(append(snod.array()));
            lastNames.add(part.get(part.size() - 1)[0]);
        }
        int capacity = 2 * GROUP_INTERNAL_K;
        ByteBuffer tree = le(24 + (capacity + 1) * 8 + capacity * 8).put("TREE".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0).put((byte) 0).putShort((short) nodes.size()).putLong(UNDEFINED).putLong(UNDEFINED)
                .putLong(0);
        for (int i = 0; i < nodes.size(); i++) {
            tree.putLong(nodes.get(i)).putLong(lastNames.get(i));
        }
        long btree = append(tree.array());
        long header = objectHeader(List.of(message(0x0011, le(16).putLong(btree).putLong(heap).array())));
        groupTables.put(header, new long[] {btree, heap});
        return header;
    }

    /** Writes the MAT header, the superblock pointing at {@code rootGroup}, and everything written so far. */
    void write(Path file, long rootGroup) throws IOException {
        byte[] content = body.toByteArray();
        ByteBuffer sb = ByteBuffer.wrap(content, 0, SUPERBLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        sb.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        sb.put(new byte[] {0, 0, 0, 0, 0, 8, 8, 0}).putShort((short) GROUP_LEAF_K).putShort((short) GROUP_INTERNAL_K)
                .putInt(0);
        // Every address is relative to the base (the superblock) except the end of file, which the HDF5 library
        // compares with the file's length including the user block.
        sb.putLong(USER_BLOCK).putLong(UNDEFINED).putLong(USER_BLOCK + content.length).putLong(UNDEFINED);
        long[] tables = groupTables.get(rootGroup);
        // The root entry's scratch pad caches the root group's B-tree and heap, as the HDF5 library writes it.
        sb.putLong(0).putLong(rootGroup).putInt(1).putInt(0).putLong(tables[0]).putLong(tables[1]);

        byte[] header = new byte[USER_BLOCK];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 7.3 MAT-file, written by the xmodal tests. HDF5 schema 1.00 ."
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        ByteBuffer.wrap(header, 124, 4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0200).put((byte) 'I')
                .put((byte) 'M');
        byte[] all = Arrays.copyOf(header, USER_BLOCK + content.length);
        System.arraycopy(content, 0, all, USER_BLOCK, content.length);
        Files.write(file, all);
    }

    private long writeChunks(DataType type, long[] dims, byte[] data, int[] chunkDims) {
        int rank = dims.length;
        int[] counts = new int[rank];
        int total = 1;
        for (int d = 0; d < rank; d++) {
            counts[d] = (int) ((dims[d] + chunkDims[d] - 1) / chunkDims[d]);
            total *= counts[d];
        }
        if (total > 2 * CHUNK_INTERNAL_K) {
            throw new IllegalArgumentException(total + " chunks do not fit one B-tree leaf");
        }
        int keySize = 8 + 8 * (rank + 1);
        ByteBuffer tree = le(24 + (2 * CHUNK_INTERNAL_K + 1) * keySize + 2 * CHUNK_INTERNAL_K * 8)
                .put("TREE".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) total)
                .putLong(UNDEFINED).putLong(UNDEFINED);
        for (int n = 0; n < total; n++) {
            long[] origin = new long[rank];
            for (int d = rank - 1, rest = n; d >= 0; rest /= counts[d], d--) {
                origin[d] = (long) (rest % counts[d]) * chunkDims[d];
            }
            byte[] packed = deflate(chunk(type.elementSize(), dims, data, chunkDims, origin));
            long address = append(packed);
            tree.putInt(packed.length).putInt(0);
            for (long o : origin) {
                tree.putLong(o);
            }
            tree.putLong(0).putLong(address);
        }
        // The closing key lies one chunk beyond the last, as HDF5 writes it.
        tree.putInt(0).putInt(0);
        for (int d = 0; d < rank; d++) {
            tree.putLong((long) counts[d] * chunkDims[d]);
        }
        tree.putLong(0);
        return append(tree.array());
    }

    /** The elements of one chunk, zero-filled where the chunk overhangs the dataset (HDF5 stores whole chunks). */
    private static byte[] chunk(int size, long[] dims, byte[] data, int[] chunkDims, long[] origin) {
        int rank = dims.length;
        int n = Arrays.stream(chunkDims).reduce(1, (a, b) -> a * b);
        byte[] out = new byte[n * size];
        int[] at = new int[rank];
        for (int i = 0; i < n; i++) {
            long src = 0;
            boolean inside = true;
            for (int d = 0; d < rank; d++) {
                long coordinate = origin[d] + at[d];
                inside &= coordinate < dims[d];
                src = src * dims[d] + coordinate;
            }
            if (inside) {
                System.arraycopy(data, (int) (src * size), out, i * size, size);
            }
            for (int d = rank - 1; d >= 0 && ++at[d] == chunkDims[d]; d--) {
                at[d] = 0;
            }
        }
        return out;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(6);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    private long objectHeader(List<byte[]> messages) {
        int size = messages.stream().mapToInt(m -> m.length).sum();
        ByteBuffer h = le(16 + size).put((byte) 1).put((byte) 0).putShort((short) messages.size()).putInt(1)
                .putInt(size).putInt(0);
        messages.forEach(h::put);
        return append(h.array());
    }

    /** An object header message: type, data size, flags, then the data padded to a multiple of eight bytes. */
    private static byte[] message(int type, byte[] data) {
        int padded = pad8(data.length);
        return le(8 + padded).putShort((short) type).putShort((short) padded).putInt(0).put(data).array();
    }

    private static byte[] dataspace(long[] dims) {
        ByteBuffer b = le(8 + 8 * dims.length).put((byte) 1).put((byte) dims.length).put(new byte[6]);
        for (long d : dims) {
            b.putLong(d);
        }
        return b.array();
    }

    private static byte[] stringAttribute(String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        byte[] type = DataType.ascii(v.length).message();
        byte[] space = dataspace(new long[0]);
        return le(8 + pad8(n.length + 1) + pad8(type.length) + pad8(space.length) + v.length).put((byte) 1)
                .put((byte) 0).putShort((short) (n.length + 1)).putShort((short) type.length)
                .putShort((short) space.length).put(Arrays.copyOf(n, pad8(n.length + 1)))
                .put(Arrays.copyOf(type, pad8(type.length))).put(Arrays.copyOf(space, pad8(space.length))).put(v)
                .array();
    }

    private long append(byte[] bytes) {
        body.writeBytes(new byte[pad8(body.size()) - body.size()]);
        long address = body.size();
        body.writeBytes(bytes);
        return address;
    }

    /** Where the next {@link #append} will place its bytes. */
    private long nextAddress() {
        return pad8(body.size());
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
