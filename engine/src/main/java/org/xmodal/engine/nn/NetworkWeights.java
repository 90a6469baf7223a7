package org.xmodal.engine.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.OutputFiles;

/**
 * Saves and loads a network's parameters by name. The file is simple enough to read from Python with
 * {@code struct} and {@code numpy.frombuffer}; everything is little-endian:
 * <pre>
 *   magic    8 bytes, ASCII "XMPARAMS"
 *   version  u32 = 1
 *   count    u32
 *   count times:  name length u16, name UTF-8 bytes, rank u8, rank x i64 dimensions,
 *                 float32 values in C order (row-major, the last dimension fastest)
 *   checksum 8 bytes, ASCII "XMCRC32C", then u32 CRC-32C (Castagnoli) of every byte before "XMCRC32C"
 * </pre>
 * The checksum trailer is written by every save; files written before it existed have none and still load (a
 * reader that walks the entries never reaches it). {@link #verify} tells a corrupt file from an intact one.
 * Loading fills the requested parameters in place (so a ParameterStore or optimiser holding them sees the new
 * values) after checking every name and shape first: a file that does not fit changes nothing. Load outside a
 * GradientCollector, as PyTorch forbids in-place writes to trainable tensors while it records. Names in the file
 * that were not requested are ignored, since a checkpoint may also hold the adaptation layer or a head.
 */
public final class NetworkWeights {
    private static final byte[] MAGIC = "XMPARAMS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECKSUM_TAG = "XMCRC32C".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER_BYTES = 12;
    private static final int VERSION = 1;
    private static final int MAX_PROBLEMS_LISTED = 4;
    private static final NDIndex ALL = new NDIndex(":");

    private NetworkWeights() {
    }

    /** One parameter's entry in a file: where its values start. */
    private record Entry(Shape shape, long offset) {
        long bytes() {
            return shape.size() * Float.BYTES;
        }
    }

    public static void save(FeatureNetwork network, Path file) throws IOException {
        save(network.namedParameters(), file);
    }

    /** Writes the parameters atomically: a temporary file beside the target, renamed over it once complete. */
    public static void save(Map<String, Parameter> parameters, Path file) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (!e.getValue().isInitialized()) {
                throw new IllegalStateException("parameter " + e.getKey() + " is not initialised; nothing to save");
            }
            arrays.put(e.getKey(), e.getValue().getArray());
        }
        saveArrays(arrays, file);
    }

    /**
     * Writes named float32 arrays (parameters, an adaptation layer, optimiser state: a checkpoint) atomically,
     * flushed to disk before the rename makes them the file.
     */
    public static void saveArrays(Map<String, NDArray> arrays, Path file) throws IOException {
        OutputFiles.replace(file, temp -> {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                CRC32C crc = new CRC32C();
                writeFully(out, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC).putInt(VERSION)
                        .putInt(arrays.size()).flip(), crc);
                for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                    writeArray(out, e.getKey(), e.getValue(), crc);
                }
                writeFully(out, ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN).put(CHECKSUM_TAG)
                        .putInt((int) crc.getValue()).flip(), null);
                out.force(true);
            }
        });
    }

    private static void writeArray(FileChannel out, String name, NDArray array, CRC32C crc) throws IOException {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("parameter " + name + " is " + array.getDataType() + ", not float32");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long[] dims = array.getShape().getShape();
        ByteBuffer header = ByteBuffer.allocate(2 + nameBytes.length + 1 + 8 * dims.length)
                .order(ByteOrder.LITTLE_ENDIAN).putShort((short) nameBytes.length).put(nameBytes)
                .put((byte) dims.length);
        for (long d : dims) {
            header.putLong(d);
        }
        writeFully(out, header.flip(), crc);
        if (array.getDevice().equals(Device.cpu())) {
            writeValues(out, array, crc);
        } else {
            try (NDArray onCpu = array.toDevice(Device.cpu(), true)) {
                writeValues(out, onCpu, crc);
            }
        }
    }

    /** A view of the tensor's own memory (no copy); native order is little-endian on every platform DJL ships. */
    private static void writeValues(FileChannel out, NDArray cpuArray, CRC32C crc) throws IOException {
        writeFully(out, cpuArray.toByteBuffer(true), crc);
    }

    /**
     * Checks a weights file whole: its structure and, when it has one, its checksum.
     *
     * @return true if the file carries a checksum and it matches, false if it has none (written before checksums)
     *     but every entry is complete
     * @throws BadInputException naming the file if it is truncated, malformed or its checksum does not match
     */
    public static boolean verify(Path file) throws IOException {
        Map<String, Entry> index = index(file);
        long end = index.values().stream().mapToLong(e -> e.offset() + e.bytes()).max().orElse(MAGIC.length + 8);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == end) {
                return false;
            }
            if (size != end + TRAILER_BYTES) {
                throw new BadInputException(file, "is corrupt (" + (size - end) + " bytes after its last parameter)");
            }
            ByteBuffer trailer = read(in, TRAILER_BYTES, end, file, "checksum");
            byte[] tag = new byte[CHECKSUM_TAG.length];
            trailer.get(tag);
            if (!Arrays.equals(tag, CHECKSUM_TAG)) {
                throw new BadInputException(file, "is corrupt (its checksum trailer is damaged)");
            }
            int stored = trailer.getInt();
            CRC32C crc = new CRC32C();
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            long at = 0;
            while (at < end) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), end - at));
                readFully(in, chunk, at, file, "values");
                at += chunk.flip().remaining();
                crc.update(chunk);
            }
            if ((int) crc.getValue() != stored) {
                throw new BadInputException(file, "is corrupt (its checksum does not match its contents)");
            }
            return true;
        }
    }

    /** Names and shapes stored in a weights file, in file order. */
    public static Map<String, Shape> contents(Path file) throws IOException {
        Map<String, Shape> out = new LinkedHashMap<>();
        index(file).forEach((name, entry) -> out.put(name, entry.shape()));
        return out;
    }

    public static void load(FeatureNetwork network, Path file) throws IOException {
        load(network.namedParameters(), file);
    }

    /**
     * Fills {@code parameters} (initialised, float32) from the file.
     *
     * @throws BadInputException naming the file if it is missing, not a weights file, truncated, or lacks a
     *     requested parameter or holds it with another shape (every such parameter is listed with both shapes)
     */
    public static void load(Map<String, Parameter> parameters, Path file) throws IOException {
        Map<String, NDArray> targets = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (!e.getValue().isInitialized()) {
                throw new IllegalStateException("initialise the network before loading " + e.getKey());
            }
            targets.put(e.getKey(), e.getValue().getArray());
        }
        loadInto(targets, file);
    }

    /** Fills existing float32 arrays in place from the file; checks every name and shape before writing any. */
    public static void loadInto(Map<String, NDArray> targets, Path file) throws IOException {
        Map<String, Entry> index = index(file);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : targets.entrySet()) {
            Entry entry = index.get(e.getKey());
            Shape expected = e.getValue().getShape();
            if (entry == null) {
                problems.add("has no parameter " + e.getKey());
            } else if (!entry.shape().equals(expected)) {
                problems.add("parameter " + e.getKey() + " is " + entry.shape() + " in the file but " + expected
                        + " in the network");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(file, summarise(problems));
        }
        // an in-place write into tensors that require gradients, which autograd must not record (NoGrad)
        NoGrad.call(() -> {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                 NDManager staging = NDManager.newBaseManager(Device.cpu())) {
                for (Map.Entry<String, NDArray> e : targets.entrySet()) {
                    Entry entry = index.get(e.getKey());
                    ByteBuffer values = ByteBuffer.allocateDirect(Math.toIntExact(entry.bytes()))
                            .order(ByteOrder.LITTLE_ENDIAN);
                    readFully(in, values, entry.offset(), file, e.getKey());
                    // target[:] = values, a native copy into the existing tensor. (NDArray.set(Buffer) would make the
                    // tensor borrow the Java buffer's memory and makes libtorch print a deprecation warning.)
                    try (NDArray staged = staging.create(values.flip(), entry.shape(), DataType.FLOAT32)) {
                        e.getValue().set(ALL, staged);
                    }
                }
            }
            return null;
        });
    }

    /** Reads the arrays whose names {@code select} accepts into new arrays of {@code manager}, in file order. */
    public static Map<String, NDArray> read(Path file, NDManager manager, java.util.function.Predicate<String> select)
            throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Map.Entry<String, Entry> e : index(file).entrySet()) {
                if (!select.test(e.getKey())) {
                    continue;
                }
                ByteBuffer values = ByteBuffer.allocateDirect(Math.toIntExact(e.getValue().bytes()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                readFully(in, values, e.getValue().offset(), file, e.getKey());
                // the staged array may borrow the Java buffer; the duplicate owns native memory
                try (NDArray staged = manager.create(values.flip(), e.getValue().shape(), DataType.FLOAT32)) {
                    out.put(e.getKey(), staged.duplicate());
                }
            }
        }
        return out;
    }

    /** One parameter's values as plain Java floats, in C order. */
    public record Values(Shape shape, float[] data) {
    }

    /**
     * The first convolution's weights (the first four-dimensional entry: conv1.weight, or conv1_1's for VGG), read
     * without the engine as {@link #readValues} does.
     *
     * @throws BadInputException naming the file if it holds no convolution
     */
    public static Values firstConvolution(Path file) throws IOException {
        for (Map.Entry<String, Shape> e : contents(file).entrySet()) {
            if (e.getValue().dimension() == 4) {
                return readValues(file, e.getKey());
            }
        }
        throw new BadInputException(file, "holds no convolution (no four-dimensional parameter)");
    }

    /**
     * Reads one parameter without the engine (no NDManager, no natives): what the workbench needs to draw conv1
     * from a checkpoint while a run trains.
     *
     * @throws BadInputException naming the file if it is not a weights file or has no parameter {@code name}
     */
    public static Values readValues(Path file, String name) throws IOException {
        Entry entry = index(file).get(name);
        if (entry == null) {
            throw new BadInputException(file, "has no parameter " + name);
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(entry.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(in, bytes, entry.offset(), file, name);
        }
        float[] data = new float[Math.toIntExact(entry.shape().size())];
        bytes.flip().asFloatBuffer().get(data);
        return new Values(entry.shape(), data);
    }

    private static Map<String, Entry> index(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            int headerBytes = MAGIC.length + 8;
            if (size < headerBytes) {
                throw new BadInputException(file, size == 0 ? "is empty" : "is not an xmodal weights file");
            }
            ByteBuffer head = read(in, headerBytes, 0, file, "header");
            byte[] magic = new byte[MAGIC.length];
            head.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BadInputException(file, "is not an xmodal weights file");
            }
            int version = head.getInt();
            if (version != VERSION) {
                throw new BadInputException(file, "is a version " + version + " weights file; this build reads "
                        + "version " + VERSION);
            }
            int count = head.getInt();
            Map<String, Entry> index = new LinkedHashMap<>();
            long position = headerBytes;
            for (int i = 0; i < count; i++) {
                String where = "entry " + (i + 1);
                int nameLength = Short.toUnsignedInt(read(in, 2, position, file, where).getShort());
                position += 2;
                String name = StandardCharsets.UTF_8.decode(read(in, nameLength, position, file, where)).toString();
                position += nameLength;
                int rank = Byte.toUnsignedInt(read(in, 1, position, file, name).get());
                position += 1;
                ByteBuffer dims = read(in, 8 * rank, position, file, name);
                position += 8L * rank;
                long[] shape = new long[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = dims.getLong();
                    if (shape[d] < 0) {
                        throw new BadInputException(file, "is corrupt (parameter " + name + " has a negative size)");
                    }
                }
                Entry entry = new Entry(new Shape(shape), position);
                if (entry.offset() + entry.bytes() > size) {
                    throw new BadInputException(file, "is truncated (at parameter " + name + ")");
                }
                index.put(name, entry);
                position = entry.offset() + entry.bytes();
            }
            return index;
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "does not exist");
        }
    }

    private static String summarise(List<String> problems) {
        String listed = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_LISTED)));
        int more = problems.size() - MAX_PROBLEMS_LISTED;
        return more > 0 ? listed + "; and " + more + " more" : listed;
    }

    /** {@code length} bytes at {@code position}, ready to read, little-endian. */
    private static ByteBuffer read(FileChannel in, int length, long position, Path file, String what)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, buffer, position, file, what);
        return buffer.flip();
    }

    private static void readFully(FileChannel in, ByteBuffer into, long position, Path file, String what)
            throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = in.read(into, at);
            if (n < 0) {
                throw new BadInputException(file.toString(), "is truncated (at " + what + ")", new EOFException());
            }
            at += n;
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer from, CRC32C crc) throws IOException {
        if (crc != null) {
            crc.update(from.duplicate());
        }
        while (from.hasRemaining()) {
            out.write(from);
        }
    }
}
