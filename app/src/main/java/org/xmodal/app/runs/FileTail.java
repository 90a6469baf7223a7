package org.xmodal.app.runs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a file that another process appends lines to, reading only the bytes added since the last call. A line is
 * handed out once it is complete (its newline written); a file replaced by another (a run resumed from a checkpoint
 * rewrites metrics.csv atomically) or cut shorter is read again from its start, and the caller is told so.
 */
public final class FileTail {
    /** Lines completed since the last read; {@code restarted} when they start again from the file's beginning. */
    public record Chunk(boolean restarted, List<String> lines) {
        static final Chunk NOTHING = new Chunk(false, List.of());
    }

    /** At most this much is read per call, so one poll never holds a worker for long. */
    static final int MAX_BYTES_PER_READ = 8 << 20;

    private final Path file;
    private long offset;
    private Object fileKey;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public FileTail(Path file) {
        this.file = file;
    }

    public Chunk read() throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            boolean had = offset > 0 || partial.size() > 0;
            reset();
            return had ? new Chunk(true, List.of()) : Chunk.NOTHING;
        }
        boolean restarted = false;
        Object key = attrs.fileKey();
        if ((fileKey != null && key != null && !Objects.equals(fileKey, key)) || attrs.size() < offset) {
            restarted = offset > 0 || partial.size() > 0;
            reset();
        }
        fileKey = key;
        long size = attrs.size();
        if (size == offset) {
            return restarted ? new Chunk(true, List.of()) : Chunk.NOTHING;
        }
        int want = (int) Math.min(MAX_BYTES_PER_READ, size - offset);
        ByteBuffer buf = ByteBuffer.allocate(want);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                int n = in.read(buf, offset + buf.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            reset();
            return new Chunk(true, List.of());
        }
        offset += buf.position();
        List<String> lines = new ArrayList<>();
        byte[] bytes = buf.array();
        int start = 0;
        for (int i = 0; i < buf.position(); i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i - start);
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                start = i + 1;
            }
        }
        partial.write(bytes, start, buf.position() - start);
        return new Chunk(restarted, lines);
    }

    private void reset() {
        offset = 0;
        fileKey = null;
        partial.reset();
    }
}
