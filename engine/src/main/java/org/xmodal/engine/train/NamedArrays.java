package org.xmodal.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xmodal.engine.image.BadInputException;

/**
 * A file of named arrays (checkpoints: parameters and optimiser state): the magic {@code XMODALNA}, a version, the
 * count, then per array its name and DJL's own encoding of the array. Written to a temporary file and renamed,
 * so a kill during the write leaves the previous checkpoint intact.
 */
public final class NamedArrays {
    private static final long MAGIC = 0x584D4F44414C4E41L; // "XMODALNA"
    private static final int VERSION = 1;

    private NamedArrays() {
    }

    public static void save(Map<String, NDArray> arrays, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                         Channels.newOutputStream(channel), 1 << 20))) {
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(arrays.size());
                for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                    byte[] bytes = e.getValue().encode();
                    out.writeUTF(e.getKey());
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
                out.flush();
                channel.force(true); // on disk before the rename makes it the checkpoint
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads every array into {@code manager}, in file order. */
    public static Map<String, NDArray> load(Path file, NDManager manager) throws BadInputException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "does not exist");
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 20))) {
            if (in.readLong() != MAGIC) {
                throw new BadInputException(file, "is not an xmodal weights/checkpoint file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new BadInputException(file, "has format version " + version + "; this engine reads " + VERSION);
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                out.put(name, manager.decode(bytes));
            }
        } catch (BadInputException e) {
            throw e;
        } catch (EOFException e) {
            throw new BadInputException(file.toString(), "is truncated", e);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file.toString(), "is corrupt (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
